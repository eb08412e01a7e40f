import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Segmented,
  Select,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { ActivityMonth, ActivityWeek } from './ActivityCalendar';
import {
  type Activity,
  type ActivityFilters,
  activityKinds,
  countsOf,
  exportUrl,
  isActivityKind,
  useActivities,
} from './activities.api';
import { ActivityKindTag, timeRange } from './labels';
import { OrgSelect } from './OrgSelect';

type View = 'list' | 'month' | 'week';
const views: View[] = ['list', 'month', 'week'];

function isView(value: string | null): value is View {
  return views.some((view) => view === value);
}

/** 教研活动: the activities of the caller's schools and groups as a list, a month calendar or a week. */
export function ActivitiesPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view: View = isView(params.get('view')) ? (params.get('view') as View) : 'list';
  const kindParam = params.get('kind');
  const [filters, setFilters] = useState<ActivityFilters>({
    orgId: params.get('orgId') ?? me.orgId ?? undefined,
    kind: isActivityKind(kindParam) ? kindParam : undefined,
  });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useActivities(filters, page, pageSize, view === 'list');

  const change = (next: ActivityFilters) => {
    setFilters(next);
    setPage(1);
  };
  const setView = (next: View) => {
    const copy = new URLSearchParams(params);
    copy.set('view', next);
    setParams(copy, { replace: true });
  };

  const range: [Dayjs, Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;

  const columns: TableColumnsType<Activity> = [
    {
      title: t('activities.colDate'),
      dataIndex: 'date',
      width: 150,
      render: (date: string, activity) => (
        <div>
          <div>{dayjs(date).format('YYYY-MM-DD ddd')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {timeRange(activity.startsAt, activity.endsAt)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('activities.colKind'),
      dataIndex: 'kind',
      width: 120,
      render: (kind: string) => <ActivityKindTag kind={kind} />,
    },
    {
      title: t('activities.colTitle'),
      dataIndex: 'title',
      render: (title: string, activity) => (
        <div>
          <Link to={`/activities/${activity.id}`} data-testid="activity-row-title">
            {title}
          </Link>
          {activity.topic && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {activity.topic}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: t('activities.colOrg'), dataIndex: 'orgName', width: 170, ellipsis: true },
    {
      title: t('activities.colPresenter'),
      dataIndex: 'presenterName',
      width: 100,
      render: (name?: string | null) => name ?? t('common.none'),
    },
    {
      title: t('activities.colPlace'),
      dataIndex: 'place',
      width: 120,
      ellipsis: true,
      render: (place?: string | null) => place || t('common.none'),
    },
    {
      title: t('activities.colAttendance'),
      key: 'attendance',
      width: 90,
      render: (_: unknown, activity) => {
        const counts = countsOf(activity);
        return counts.total > 0 ? t('activities.attendanceShort', { ...counts }) : t('common.none');
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('activities.title')}
        subtitle={t('activities.subtitle')}
        extra={
          <>
            <Tooltip title={t('activities.exportHint')}>
              <Button
                icon={<DownloadOutlined />}
                disabled={!filters.orgId}
                href={
                  filters.orgId ? exportUrl({ orgId: filters.orgId, from: filters.from, to: filters.to }) : undefined
                }
                data-testid="activities-export"
              >
                {t('activities.export')}
              </Button>
            </Tooltip>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(filters.orgId ? `/activities/new?orgId=${filters.orgId}` : '/activities/new')}
              data-testid="activities-add"
            >
              {t('activities.add')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 16 }}>
          <Flex wrap gap={8}>
            <OrgSelect
              withOffices
              allowClear
              value={filters.orgId}
              onChange={(orgId) => change({ ...filters, orgId })}
              placeholder={t('activities.filterOrg')}
              width={300}
              testId="activities-filter-org"
            />
            <Select
              allowClear
              placeholder={t('activities.filterKind')}
              value={filters.kind}
              onChange={(kind?: Activity['kind']) => change({ ...filters, kind })}
              options={activityKinds.map((value) => ({ value, label: t(`activityKind.${value}`) }))}
              style={{ width: 150 }}
              data-testid="activities-filter-kind"
            />
            <DatePicker.RangePicker
              value={range}
              onChange={(dates) =>
                change({
                  ...filters,
                  from: dates?.[0]?.format('YYYY-MM-DD'),
                  to: dates?.[1]?.format('YYYY-MM-DD'),
                })
              }
              placeholder={[t('activities.filterDates'), t('activities.filterDates')]}
              data-testid="activities-filter-dates"
            />
          </Flex>
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'list', label: t('activities.viewList') },
              { value: 'month', label: t('activities.viewMonth') },
              { value: 'week', label: t('activities.viewWeek') },
            ]}
            data-testid="activities-view"
          />
        </Flex>
        {view === 'list' && (
          <Table<Activity>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 960 }}
            locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('activities.empty')} /> }}
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
            data-testid="activities-table"
          />
        )}
        {view === 'month' && <ActivityMonth orgId={filters.orgId} kind={filters.kind} />}
        {view === 'week' && <ActivityWeek orgId={filters.orgId} kind={filters.kind} />}
      </Card>
    </>
  );
}
