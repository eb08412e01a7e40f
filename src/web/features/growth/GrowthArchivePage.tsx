import {
  ArrowLeftOutlined,
  AuditOutlined,
  BookOutlined,
  CrownOutlined,
  EyeOutlined,
  FileWordOutlined,
  ProjectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Row,
  Statistic,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, withQuery } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { type MessageKey, type Translate, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import type { Mentorship } from '../mentorships/mentorships.api';
import { usePerson } from '../people/people.api';
import { EightOnesCard } from './EightOnesCard';
import { GrowthKindTag, growthLabel } from './labels';
import { type ActivityItem, type ObservationItem, usePersonGrowth, usePersonProjects, useSourceList } from './sources';

/** The kinds of entry on the timeline. */
const entryTypes = ['growth', 'project', 'activity', 'obsGiven', 'obsReceived', 'mentorship'] as const;
type EntryType = (typeof entryTypes)[number];

const typeLabels: Record<EntryType, MessageKey> = {
  growth: 'archive.typeGrowth',
  project: 'archive.typeProject',
  activity: 'archive.typeActivity',
  obsGiven: 'archive.typeObsGiven',
  obsReceived: 'archive.typeObsReceived',
  mentorship: 'archive.typeMentorship',
};

const typeColors: Record<EntryType, string> = {
  growth: '#1f5fbf',
  project: '#722ed1',
  activity: '#13a8a8',
  obsGiven: '#fa8c16',
  obsReceived: '#eb2f96',
  mentorship: '#52c41a',
};

const typeIcons: Record<EntryType, ReactNode> = {
  growth: <BookOutlined />,
  project: <ProjectOutlined />,
  activity: <TeamOutlined />,
  obsGiven: <EyeOutlined />,
  obsReceived: <AuditOutlined />,
  mentorship: <CrownOutlined />,
};

interface Entry {
  key: string;
  type: EntryType;
  date: string;
  title: string;
  to?: string;
  tag?: ReactNode;
  note?: string;
}

function inRange(date: string | null | undefined, from?: string, to?: string): boolean {
  if (!date) return false;
  const day = date.slice(0, 10);
  return (!from || day >= from) && (!to || day <= to);
}

/** Why a source could not be read, in words: the API's message, or "not available" for a missing endpoint. */
function reasonOf(t: Translate, error: Error): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.networkError');
    if (error.status === 404) return t('archive.sourceMissing');
    return error.message || String(error.status);
  }
  return t('archive.sourceMissing');
}

function activityLabel(t: Translate, kind: string): string {
  return growthLabel(t, 'activityKind', kind);
}

/** A teacher's 专业发展档案: growth records, projects, activities and observations on one timeline. */
export function GrowthArchivePage() {
  const { id } = useParams();
  const t = useT();
  const me = useCurrentUser();
  const person = usePerson(id);
  const [types, setTypes] = useState<EntryType[]>([...entryTypes]);
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const { from, to } = range;

  const growth = usePersonGrowth(id, from, to);
  const projects = usePersonProjects(id);
  const presented = useSourceList<ActivityItem>('activities', '/api/activities', { presenterId: id, from, to }, !!id);
  const attended = useSourceList<ActivityItem>('activities', '/api/activities', { attendeeId: id, from, to }, !!id);
  const given = useSourceList<ObservationItem>('observations', '/api/observations', { observerId: id, from, to }, !!id);
  const received = useSourceList<ObservationItem>(
    'observations',
    '/api/observations',
    { teacherId: id, from, to },
    !!id,
  );

  const pairs = useSourceList<Mentorship>('mentorships', '/api/mentorships', { personId: id }, !!id);

  const entries = useMemo(() => {
    const list: Entry[] = [];
    for (const record of growth.data?.items ?? []) {
      list.push({
        key: `g-${record.id}`,
        type: 'growth',
        date: record.date,
        title: record.title,
        to: `/growth/${record.id}`,
        tag: <GrowthKindTag kind={record.kind} t={t} />,
        note:
          record.kind === 'training' && record.hours != null
            ? t('growth.hoursValue', { n: record.hours })
            : record.text.slice(0, 80),
      });
    }
    for (const { project, role } of projects.data ?? []) {
      const date = project.startsOn ?? project.createdAt.slice(0, 10);
      if (!inRange(date, from, to)) continue;
      list.push({
        key: `p-${project.id}`,
        type: 'project',
        date,
        title: project.title,
        to: `/projects/${project.id}`,
        tag: <Tag color="purple">{t(role === 'host' ? 'archive.projectHost' : 'archive.projectMember')}</Tag>,
        note: [project.number, t(`stage.${project.stage}`)].filter(Boolean).join(' · '),
      });
    }
    const seenActivities = new Set<string>();
    for (const activity of presented.data?.items ?? []) {
      if (activity.presenterId && activity.presenterId !== id) continue;
      seenActivities.add(activity.id);
      list.push({
        key: `a-${activity.id}`,
        type: 'activity',
        date: activity.date,
        title: activity.title,
        to: `/activities/${activity.id}`,
        tag: <Tag color="cyan">{t('archive.activityPresenter')}</Tag>,
        note: [activityLabel(t, activity.kind), activity.orgName].filter(Boolean).join(' · '),
      });
    }
    for (const activity of attended.data?.items ?? []) {
      if (seenActivities.has(activity.id)) continue;
      // keep only rows that really list the teacher as present (the filter may be unknown to the server)
      if (!activity.attendance?.some((row) => row.personId === id && row.status === 'present')) continue;
      list.push({
        key: `a-${activity.id}`,
        type: 'activity',
        date: activity.date,
        title: activity.title,
        to: `/activities/${activity.id}`,
        tag: <Tag>{t('archive.activityAttendee')}</Tag>,
        note: [activityLabel(t, activity.kind), activity.orgName].filter(Boolean).join(' · '),
      });
    }
    for (const observation of given.data?.items ?? []) {
      if (observation.observerId !== id) continue;
      list.push({
        key: `og-${observation.id}`,
        type: 'obsGiven',
        date: observation.date,
        title: observation.topic || observation.subject || t('archive.typeObsGiven'),
        to: `/observations/${observation.id}`,
        note: [
          t('archive.obsGiven', { name: observation.teacherName ?? '' }),
          observation.subject,
          observation.className,
        ]
          .filter(Boolean)
          .join(' · '),
      });
    }
    for (const observation of received.data?.items ?? []) {
      if (observation.teacherId !== id) continue;
      list.push({
        key: `or-${observation.id}`,
        type: 'obsReceived',
        date: observation.date,
        title: observation.topic || observation.subject || t('archive.typeObsReceived'),
        to: `/observations/${observation.id}`,
        note: [
          t('archive.obsReceived', { name: observation.observerName ?? t('archive.obsAnonymous') }),
          observation.subject,
          observation.className,
        ]
          .filter(Boolean)
          .join(' · '),
      });
    }
    for (const pair of pairs.data?.items ?? []) {
      if (!inRange(pair.startsOn, from, to)) continue;
      const mentor = pair.mentorId === id;
      list.push({
        key: `m-${pair.id}`,
        type: 'mentorship',
        date: pair.startsOn,
        title: `${pair.mentorName} → ${pair.menteeName}`,
        to: `/mentorships/${pair.id}`,
        tag: <Tag color="green">{t(mentor ? 'mentor.mentor' : 'mentor.mentee')}</Tag>,
        note: [pair.goals, pair.evaluation?.excellent ? t('mentor.excellent') : null].filter(Boolean).join(' · '),
      });
    }
    return list.sort((a, b) => b.date.localeCompare(a.date));
  }, [
    growth.data,
    projects.data,
    presented.data,
    attended.data,
    given.data,
    received.data,
    pairs.data,
    id,
    from,
    to,
    t,
  ]);

  if (person.isPending) return <Loading height={400} />;
  if (person.isError) {
    if (person.error instanceof ApiError && [403, 404].includes(person.error.status))
      return <NotFound text={t('person.notFound')} />;
    return <EmptyState text={person.error.message} />;
  }
  const data = person.data;

  const counts = Object.fromEntries(
    entryTypes.map((type) => [type, entries.filter((entry) => entry.type === type).length]),
  ) as Record<EntryType, number>;
  const shown = entries.filter((entry) => types.includes(entry.type));
  const loading = [growth, projects, presented, given, received, pairs].some((query) => query.isPending);
  const failures: { source: MessageKey; error: Error }[] = [];
  if (growth.isError) failures.push({ source: 'archive.typeGrowth', error: growth.error });
  if (projects.isError) failures.push({ source: 'archive.typeProject', error: projects.error });
  if (presented.isError) failures.push({ source: 'archive.typeActivity', error: presented.error });
  if (given.isError) failures.push({ source: 'archive.typeObsGiven', error: given.error });
  if (received.isError) failures.push({ source: 'archive.typeObsReceived', error: received.error });
  if (pairs.isError) failures.push({ source: 'archive.typeMentorship', error: pairs.error });
  const exportHref = withQuery(`/api/people/${data.id}/growth-archive.docx`, { from, to });

  return (
    <>
      <Link to={data.id === me.id ? '/growth' : `/people/${data.id}`}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t(data.id === me.id ? 'growth.title' : 'archive.back')}
        </Button>
      </Link>
      <PageHeader
        title={t('archive.title', { name: data.name })}
        testId="archive-title"
        subtitle={`${data.orgName} · ${t('archive.subtitle')}`}
        extra={
          <Tooltip title={t('archive.exportHint')}>
            <Button type="primary" icon={<FileWordOutlined />} href={exportHref} data-testid="archive-export">
              {t('archive.export')}
            </Button>
          </Tooltip>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('archive.timeline')} data-testid="archive-timeline-card">
            <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
              <Checkbox.Group
                value={types}
                onChange={(next) => setTypes(next as EntryType[])}
                options={entryTypes.map((type) => ({
                  value: type,
                  label: (
                    <span data-testid={`archive-type-${type}`}>
                      {t(typeLabels[type])} <Typography.Text type="secondary">{counts[type]}</Typography.Text>
                    </span>
                  ),
                }))}
              />
              <DatePicker.RangePicker
                value={from && to ? [dayjs(from), dayjs(to)] : null}
                onChange={(picked) =>
                  setRange({
                    from: picked?.[0]?.format('YYYY-MM-DD') ?? undefined,
                    to: picked?.[1]?.format('YYYY-MM-DD') ?? undefined,
                  })
                }
                data-testid="archive-range"
              />
            </Flex>
            {failures.map((failure) => (
              <Alert
                key={failure.source}
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('archive.sourceFailed', { source: t(failure.source), error: reasonOf(t, failure.error) })}
              />
            ))}
            {loading && entries.length === 0 ? (
              <Loading height={200} />
            ) : shown.length === 0 ? (
              <EmptyState text={t('archive.empty')} />
            ) : (
              <>
                <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 16 }}>
                  {t('archive.shown', { n: shown.length })}
                </Typography.Text>
                <Timeline
                  data-testid="archive-timeline"
                  items={shown.map((entry) => ({
                    key: entry.key,
                    color: typeColors[entry.type],
                    icon: <span style={{ color: typeColors[entry.type] }}>{typeIcons[entry.type]}</span>,
                    content: (
                      <div data-testid={`archive-entry-${entry.type}`}>
                        <Flex gap={8} align="center" wrap>
                          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {entry.date}
                          </Typography.Text>
                          <Tag color={typeColors[entry.type]} style={{ marginInlineEnd: 0 }}>
                            {t(typeLabels[entry.type])}
                          </Tag>
                          {entry.tag}
                          {entry.to ? <Link to={entry.to}>{entry.title}</Link> : entry.title}
                        </Flex>
                        {entry.note && (
                          <Typography.Paragraph
                            type="secondary"
                            ellipsis={{ rows: 1 }}
                            style={{ margin: '4px 0 0', fontSize: 13 }}
                          >
                            {entry.note}
                          </Typography.Paragraph>
                        )}
                      </div>
                    ),
                  }))}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('archive.summary')}>
              <Row gutter={[8, 16]}>
                {entryTypes.map((type) => (
                  <Col span={8} key={type}>
                    <Statistic
                      title={t(typeLabels[type])}
                      value={counts[type]}
                      styles={{ content: { color: typeColors[type], fontSize: 22 } }}
                    />
                  </Col>
                ))}
                <Col span={8}>
                  <Statistic
                    title={t('growthKind.training')}
                    value={(growth.data?.items ?? []).reduce((sum, r) => sum + (r.hours ?? 0), 0)}
                    suffix={t('archive.hoursUnit')}
                    styles={{ content: { fontSize: 22 } }}
                  />
                </Col>
              </Row>
            </Card>
            <EightOnesCard personId={data.id} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
