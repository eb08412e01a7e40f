import { EditOutlined, PlusOutlined, RollbackOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Select, Switch, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { onSchoolRoster } from '../growth/labels';
import { FlagTag, mayReopen, ObservationStatusTag, overseesSchool, totalOf } from './labels';
import {
  isOpen,
  type Observation,
  type ObservationFilters,
  type ObservationStatus,
  observationStatuses,
  useObservationFlags,
  useObservations,
} from './observations.api';
import { ReopenModal } from './ReopenModal';

type Tab = 'mine' | 'ofMe' | 'school';

/** 听课记录: what I observed, observations of my lessons, and (for the school's leaders) the whole school. */
export function ObservationsPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const oversee = overseesSchool(me);
  const director = me.roles.some((grant) => grant.role === 'school_director');
  const tabParam = params.get('tab');
  // An office (区县/市) is no school's teacher: its list opens on its area's lessons, not on its own.
  const onRoster = onSchoolRoster(me);
  const tab: Tab =
    tabParam === 'mine' || tabParam === 'ofMe' || (tabParam === 'school' && oversee)
      ? tabParam
      : oversee && !onRoster
        ? 'school'
        : 'mine';
  const [status, setStatus] = useState<ObservationStatus | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [flaggedOnly, setFlaggedOnly] = useState(params.get('flagged') === '1');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [reopening, setReopening] = useState<string | null>(null);

  const filters: ObservationFilters = {
    ...(tab === 'mine' ? { observerId: me.id } : {}),
    ...(tab === 'ofMe' ? { teacherId: me.id } : {}),
    ...(tab === 'school' ? { orgId: me.orgId ?? undefined } : {}),
    status,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
  };
  const list = useObservations(filters, page, pageSize);
  const flags = useObservationFlags(me.orgId, tab === 'school' && director);
  const flagById = useMemo(() => new Map((flags.data ?? []).map((flag) => [flag.observationId, flag])), [flags.data]);
  const isFlagged = (o: Observation) => Boolean(o.flagged) || flagById.has(o.id);
  // Suspected copies (雷同) are the director's to look into: only they get the switch and the flags.
  const flagging = tab === 'school' && director;
  const rows = (list.data?.items ?? []).filter((o) => !flaggedOnly || !flagging || isFlagged(o));

  const setTab = (next: string) => {
    const copy = new URLSearchParams(params);
    copy.set('tab', next);
    setParams(copy, { replace: true });
    setPage(1);
  };

  const columns: TableColumnsType<Observation> = [
    {
      title: t('observations.colDate'),
      dataIndex: 'date',
      width: 110,
      render: (date: string, o) => (
        <Link to={`/observations/${o.id}`} data-testid="obs-row-link">
          {dayjs(date).format('YYYY-MM-DD')}
        </Link>
      ),
    },
    ...(tab !== 'ofMe'
      ? [
          {
            title: t('observations.colTeacher'),
            dataIndex: 'teacherName',
            width: 100,
            render: (name?: string | null) => name ?? t('common.none'),
          },
        ]
      : []),
    ...(tab !== 'mine'
      ? [
          {
            title: t('observations.colObserver'),
            dataIndex: 'observerName',
            width: 100,
            render: (name?: string | null) => name ?? t('observations.anonymous'),
          },
        ]
      : []),
    {
      title: t('observations.colTopic'),
      dataIndex: 'topic',
      render: (topic: string | null, o) => (
        <div>
          <Link to={`/observations/${o.id}`}>{topic || t('common.none')}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[o.subject, o.className, o.period ? t('observation.periodN', { n: o.period }) : null]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('observations.colScore'),
      key: 'score',
      width: 80,
      responsive: ['sm'],
      render: (_: unknown, o) => totalOf(o) || t('common.none'),
    },
    {
      title: t('observations.colStatus'),
      key: 'status',
      width: 170,
      render: (_: unknown, o) => (
        <Flex gap={4} wrap>
          <ObservationStatusTag status={o.status} />
          {isFlagged(o) && <FlagTag similarity={o.similarity ?? flagById.get(o.id)?.similarity} />}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, o) => {
        if (isOpen(o) && o.observerId === me.id) {
          return (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => navigate(`/observations/${o.id}/edit`)}
              data-testid="obs-continue"
            >
              {t('observations.continue')}
            </Button>
          );
        }
        if (mayReopen(me, o)) {
          return (
            <Button
              size="small"
              icon={<RollbackOutlined />}
              onClick={() => setReopening(o.id)}
              data-testid="obs-reopen"
            >
              {t('observation.reopen')}
            </Button>
          );
        }
        return null;
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('observations.title')}
        subtitle={t('observations.subtitle')}
        extra={
          <>
            {director && (
              <Button
                size="large"
                icon={<SettingOutlined />}
                onClick={() => navigate('/observations/settings')}
                data-testid="observations-settings"
              >
                {t('observations.settings')}
              </Button>
            )}
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => navigate('/observations/new')}
              data-testid="observations-add"
            >
              {t('observations.add')}
            </Button>
          </>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'mine', label: t('observations.tabMine') },
            { key: 'ofMe', label: t('observations.tabOfMe') },
            ...(oversee
              ? [{ key: 'school', label: t(onRoster ? 'observations.tabSchool' : 'observations.tabArea') }]
              : []),
          ]}
          data-testid="observations-tabs"
        />
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('observations.filterStatus')}
            value={status}
            onChange={(next?: ObservationStatus) => {
              setStatus(next);
              setPage(1);
            }}
            options={observationStatuses.map((value) => ({ value, label: t(`obsStatus.${value}`) }))}
            style={{ width: 130 }}
            data-testid="observations-filter-status"
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(dates) => {
              setRange(dates?.[0] && dates[1] ? [dates[0], dates[1]] : null);
              setPage(1);
            }}
            data-testid="observations-filter-dates"
          />
          {flagging && (
            <Flex gap={6} align="center">
              <Switch checked={flaggedOnly} onChange={setFlaggedOnly} data-testid="observations-flagged-only" />
              <Typography.Text>
                {t('observations.flaggedOnly')}
                {flags.data ? `（${flagById.size}）` : ''}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
        <Table<Observation>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          scroll={{ x: 720 }}
          rowClassName={(o) => (isFlagged(o) ? 'obs-row-flagged' : '')}
          onRow={(o) => ({ style: isFlagged(o) ? { background: '#fff1f0' } : undefined })}
          locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('observations.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('common.total', { n }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          data-testid="observations-table"
        />
      </Card>
      <ReopenModal id={reopening} onClose={() => setReopening(null)} />
    </>
  );
}
