import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { PersonSelect } from '../projects/PersonSelect';
import {
  type Activity,
  type ActivityInput,
  type ActivityKind,
  activityKinds,
  isActivityKind,
  type PrepRecord,
  useActivity,
  useCreateActivity,
  useUpdateActivity,
} from './activities.api';
import { activityKindLabel } from './labels';
import { OrgSelect, useSchoolsWithGroups } from './OrgSelect';
import { useProjectLessons, useProjectOptions, useReviewableLessons } from './pickers';

interface ActivityValues {
  kind?: ActivityKind;
  title?: string;
  topic?: string;
  date?: Dayjs;
  time?: [Dayjs | null, Dayjs | null] | null;
  place?: string;
  orgId?: string;
  presenterId?: string;
  projectId?: string;
  lessonId?: string;
  reviewedActivityId?: string;
  record?: string;
  prep?: PrepRecord;
}

function parseTime(value?: string | null): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** The instant (with the local zone) of a time on a day. */
function instantOn(day: Dayjs, time: Dayjs | null | undefined): string | null {
  if (!time) return null;
  return day.hour(time.hour()).minute(time.minute()).second(0).millisecond(0).format();
}

function toValues(a: Activity): ActivityValues {
  const starts = parseTime(a.startsAt);
  const ends = parseTime(a.endsAt);
  return {
    kind: isActivityKind(a.kind) ? a.kind : undefined,
    title: a.title,
    topic: a.topic ?? undefined,
    date: dayjs(a.date),
    time: starts || ends ? [starts, ends] : null,
    place: a.place ?? undefined,
    orgId: a.orgId,
    presenterId: a.presenterId ?? undefined,
    projectId: a.projectId ?? undefined,
    lessonId: a.lessonId ?? undefined,
    reviewedActivityId: a.reviewedActivityId ?? undefined,
    record: a.record ?? undefined,
    prep: a.prep ?? undefined,
  };
}

const blank = (value?: string | null) => (value?.trim() ? value.trim() : null);

function toInput(values: ActivityValues): ActivityInput {
  const kind = values.kind ?? 'research_lesson';
  const prep = values.prep ?? {};
  const day = values.date ?? dayjs();
  return {
    kind,
    title: values.title?.trim() ?? '',
    date: day.format('YYYY-MM-DD'),
    orgId: values.orgId ?? '',
    startsAt: instantOn(day, values.time?.[0]),
    endsAt: instantOn(day, values.time?.[1]),
    place: blank(values.place),
    topic: blank(values.topic),
    presenterId: values.presenterId ?? null,
    projectId: values.projectId ?? null,
    lessonId: values.projectId ? (values.lessonId ?? null) : null,
    reviewedActivityId: kind === 'lesson_review' ? (values.reviewedActivityId ?? null) : null,
    record: blank(values.record),
    prep:
      kind === 'collective_prep'
        ? {
            progress: blank(prep.progress),
            goals: blank(prep.goals),
            homework: blank(prep.homework),
            exams: blank(prep.exams),
            lessonPlans: blank(prep.lessonPlans),
          }
        : null,
  };
}

/** Create or edit an activity: kind, when and where, organiser, presenter, linked project and lesson, record. */
export function ActivityFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const query = useActivity(id);
  if (editing && query.isPending) return <Loading height={400} />;
  if (editing && query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundActivity />;
    return <EmptyState text={query.error.message} />;
  }
  return <ActivityForm activity={query.data} key={query.data?.id ?? 'new'} />;
}

function NotFoundActivity() {
  const t = useT();
  return <NotFound text={t('activity.notFound')} />;
}

function ActivityForm({ activity }: { activity?: Activity }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ActivityValues>();
  const create = useCreateActivity();
  const update = useUpdateActivity();

  const kind = Form.useWatch('kind', form);
  const orgId = Form.useWatch('orgId', form);
  const projectId = Form.useWatch('projectId', form);
  const projects = useProjectOptions();
  const lessons = useProjectLessons(projectId);
  const reviewable = useReviewableLessons(orgId, kind === 'lesson_review', activity?.id);

  const initial = useMemo<ActivityValues>(
    () =>
      activity
        ? toValues(activity)
        : {
            kind: (params.get('kind') as ActivityKind | null) ?? 'research_lesson',
            date: params.get('date') ? dayjs(params.get('date')) : dayjs(),
            orgId: params.get('orgId') ?? me.orgId ?? undefined,
            projectId: params.get('projectId') ?? undefined,
            lessonId: params.get('lessonId') ?? undefined,
          },
    [activity, params, me.orgId],
  );

  const organisers = useSchoolsWithGroups();
  useEffect(() => {
    // Only a school or one of its groups organises an activity: an office's own id (the list's filter, the
    // caller's home org) is no organiser, so the field starts empty for it to choose.
    if (organisers.loading || !orgId) return;
    const kind = organisers.byId.get(orgId)?.kind;
    if (kind !== 'school' && kind !== 'group') form.setFieldValue('orgId', undefined);
  }, [organisers, orgId, form]);

  useEffect(() => {
    // a lesson belongs to one project: forget it when the project changes
    const lessonId = form.getFieldValue('lessonId');
    if (lessonId && lessons.data && !lessons.data.some((lesson) => lesson.id === lessonId)) {
      form.setFieldValue('lessonId', undefined);
    }
  }, [lessons.data, form]);

  const submit = (values: ActivityValues) => {
    const input = toInput(values);
    if (activity) {
      update.mutate(
        { id: activity.id, version: activity.version, ...input },
        {
          onSuccess: (saved) => {
            message.success(t('activity.saved'));
            navigate(`/activities/${saved.id}`);
          },
          onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (saved) => {
          message.success(t('activity.created'));
          navigate(`/activities/${saved.id}`);
        },
        onError: (error) => showError(error, { form }),
      });
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const requiredSelect = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });

  return (
    <>
      <PageHeader
        title={activity ? t('activity.edit') : t('activity.new')}
        extra={
          <Link to={activity ? `/activities/${activity.id}` : '/activities'}>
            <Button icon={<ArrowLeftOutlined />}>{t('activity.back')}</Button>
          </Link>
        }
      />
      <Form<ActivityValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        scrollToFirstError
        data-testid="activity-form"
      >
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('activity.kind')} rules={[requiredSelect(t('activity.kind'))]}>
                <Select
                  options={activityKinds.map((value) => ({ value, label: activityKindLabel(t, value) }))}
                  data-testid="activity-kind-select"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="title"
                label={t('activity.titleField')}
                rules={[required(t('activity.titleField')), { max: 200 }]}
              >
                <Input placeholder={t('activity.titlePlaceholder')} maxLength={200} data-testid="activity-title" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="topic" label={t('activity.topic')} rules={[{ max: 500 }]}>
                <Input placeholder={t('activity.topicPlaceholder')} maxLength={500} data-testid="activity-topic" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="date" label={t('activity.date')} rules={[requiredSelect(t('activity.date'))]}>
                <DatePicker style={{ width: '100%' }} data-testid="activity-date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="time" label={t('activity.time')}>
                <TimePicker.RangePicker
                  format="HH:mm"
                  minuteStep={5}
                  order
                  style={{ width: '100%' }}
                  placeholder={[t('activity.startsAt'), t('activity.endsAt')]}
                  data-testid="activity-time"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label={t('activity.place')} rules={[{ max: 100 }]}>
                <Input placeholder={t('activity.placePlaceholder')} maxLength={100} data-testid="activity-place" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="orgId"
                label={t('activity.org')}
                extra={t('activity.orgHint')}
                rules={[requiredSelect(t('activity.org'))]}
              >
                <OrgSelect testId="activity-org" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="presenterId" label={t('activity.presenter')}>
                <PersonSelect
                  known={
                    activity?.presenterId && activity.presenterName
                      ? [{ id: activity.presenterId, name: activity.presenterName }]
                      : []
                  }
                  testId="activity-presenter"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {kind === 'collective_prep' && (
          <Card title={t('activity.prep')} style={{ marginBottom: 16 }} data-testid="activity-prep">
            <Row gutter={16}>
              {(['progress', 'goals', 'homework', 'exams'] as const).map((field) => (
                <Col xs={24} md={12} key={field}>
                  <Form.Item name={['prep', field]} label={t(`activity.prep.${field}`)} rules={[{ max: 2000 }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`activity-prep-${field}`} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24}>
                <Form.Item
                  name={['prep', 'lessonPlans']}
                  label={t('activity.prep.lessonPlans')}
                  rules={[{ max: 2000 }]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    placeholder={t('activity.prep.lessonPlansPlaceholder')}
                    data-testid="activity-prep-lessonPlans"
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        )}

        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="projectId" label={t('activity.project')} extra={t('activity.projectHint')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={projects.isPending}
                  options={(projects.data ?? []).map((p) => ({
                    value: p.id,
                    label: p.number ? `${p.number} ${p.title}` : p.title,
                  }))}
                  onChange={() => form.setFieldValue('lessonId', undefined)}
                  data-testid="activity-project"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="lessonId" label={t('activity.lesson')} extra={t('activity.lessonHint')}>
                <Select
                  allowClear
                  disabled={!projectId}
                  loading={lessons.isFetching}
                  options={(lessons.data ?? []).map((lesson) => ({
                    value: lesson.id,
                    label: `${t('activity.lessonOption', {
                      date: lesson.plannedOn,
                      teacher: lesson.teacherName,
                      content: lesson.content,
                    })}${lesson.heldOn && lesson.activityId !== activity?.id ? `（${t('activity.lessonHeld')}）` : ''}`,
                    disabled: Boolean(lesson.activityId && lesson.activityId !== activity?.id),
                  }))}
                  onChange={(lessonId?: string) => {
                    const lesson = lessons.data?.find((item) => item.id === lessonId);
                    if (lesson && !form.getFieldValue('presenterId'))
                      form.setFieldValue('presenterId', lesson.teacherId);
                  }}
                  data-testid="activity-lesson"
                />
              </Form.Item>
            </Col>
            {kind === 'lesson_review' && (
              <Col xs={24}>
                <Form.Item name="reviewedActivityId" label={t('activity.reviewed')} extra={t('activity.reviewedHint')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={reviewable.isFetching}
                    options={(reviewable.data ?? []).map((item) => ({
                      value: item.id,
                      label: `${item.date} ${activityKindLabel(t, item.kind)} · ${item.title}${
                        item.presenterName ? `（${item.presenterName}）` : ''
                      }`,
                    }))}
                    data-testid="activity-reviewed"
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item name="record" label={t('activity.record')} rules={[{ max: 20000 }]}>
                <Input.TextArea
                  autoSize={{ minRows: 5, maxRows: 16 }}
                  placeholder={t('activity.recordPlaceholder')}
                  data-testid="activity-record"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Typography.Paragraph>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={create.isPending || update.isPending}
            data-testid="activity-save"
          >
            {t('common.save')}
          </Button>
        </Typography.Paragraph>
      </Form>
    </>
  );
}
