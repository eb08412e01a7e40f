import { LinkOutlined } from '@ant-design/icons';
import { DatePicker, Flex, Grid, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OrgNode } from '../../api/types';
import { EmptyState } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { PersonSelect } from '../projects/PersonSelect';
import { type GrowthFilters, type GrowthRecord, growthKinds, useGrowthRecords } from './growth.api';
import { GrowthKindTag, growthLabel } from './labels';

/** The short detail of a record shown in the list: 必读/选读, hours, link or the start of the text. */
function detail(t: Translate, record: GrowthRecord) {
  if (record.kind === 'reading' && record.bookKind)
    return (
      <Flex gap={6} align="center">
        <Tag>{t(`bookKind.${record.bookKind}`)}</Tag>
        <Typography.Text type="secondary" ellipsis>
          {record.text}
        </Typography.Text>
      </Flex>
    );
  if (record.kind === 'training' && record.hours != null) return t('growth.hoursValue', { n: record.hours });
  if (record.kind === 'platform' && record.url)
    return (
      <a href={record.url} target="_blank" rel="noreferrer">
        <LinkOutlined /> {record.url}
      </a>
    );
  return (
    <Typography.Text type="secondary" ellipsis>
      {record.text}
    </Typography.Text>
  );
}

/** The filters above a growth list; teacher and group only for those who see others' records. */
function GrowthFilterBar(props: {
  filters: GrowthFilters;
  onChange: (filters: GrowthFilters) => void;
  groups?: OrgNode[];
  schools?: OrgNode[];
  showTeacher: boolean;
}) {
  const { filters, onChange } = props;
  const t = useT();

  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder={t('growth.filterKind')}
        value={filters.kind}
        onChange={(kind?: GrowthFilters['kind']) => onChange({ ...filters, kind })}
        options={growthKinds.map((value) => ({ value, label: growthLabel(t, 'growthKind', value) }))}
        style={{ width: 150 }}
        data-testid="growth-filter-kind"
      />
      {props.showTeacher && (
        <PersonSelect
          value={filters.personId}
          onChange={(personId) => onChange({ ...filters, personId })}
          placeholder={t('growth.filterTeacher')}
          width={200}
          testId="growth-filter-teacher"
        />
      )}
      {props.schools && props.schools.length > 1 && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('growth.filterOrg')}
          value={filters.orgId && props.schools.some((s) => s.id === filters.orgId) ? filters.orgId : undefined}
          onChange={(orgId?: string) => onChange({ ...filters, orgId })}
          options={props.schools.map((node) => ({ value: node.id, label: node.name }))}
          style={{ width: 200 }}
          data-testid="growth-filter-org"
        />
      )}
      {props.groups && props.groups.length > 0 && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('growth.filterGroup')}
          value={filters.orgId && props.groups.some((g) => g.id === filters.orgId) ? filters.orgId : undefined}
          onChange={(orgId?: string) => onChange({ ...filters, orgId })}
          options={props.groups.map((node) => ({ value: node.id, label: node.name }))}
          style={{ width: 180 }}
          data-testid="growth-filter-group"
        />
      )}
      <DatePicker.RangePicker
        value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
        onChange={(range) =>
          onChange({
            ...filters,
            from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        style={{ width: 260 }}
        data-testid="growth-filter-range"
      />
    </Flex>
  );
}

/** A filtered, paged list of growth records; `base` fixes filters the user cannot change (e.g. the person). */
export function GrowthTable(props: {
  base: GrowthFilters;
  showTeacher: boolean;
  groups?: OrgNode[];
  schools?: OrgNode[];
  emptyText: string;
  testId: string;
}) {
  const t = useT();
  const [filters, setFilters] = useState<GrowthFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const records = useGrowthRecords({ ...filters, ...props.base }, page, pageSize);
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;

  // on a phone one column carries everything: kind, title, teacher, date and the detail
  const compact: TableColumnsType<GrowthRecord> = [
    {
      title: t('growth.colTitle'),
      key: 'compact',
      render: (_: unknown, record) => (
        <Flex vertical gap={4}>
          <Flex gap={6} align="center" wrap>
            <GrowthKindTag kind={record.kind} t={t} />
            <Link to={`/growth/${record.id}`} data-testid="growth-row-title">
              {record.title}
            </Link>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {record.date}
            {props.showTeacher ? ` · ${record.personName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<GrowthRecord> = [
    { title: t('growth.colDate'), dataIndex: 'date', width: 108 },
    {
      title: t('growth.colKind'),
      dataIndex: 'kind',
      width: 124,
      render: (_: unknown, record) => <GrowthKindTag kind={record.kind} t={t} />,
    },
    {
      title: t('growth.colTitle'),
      dataIndex: 'title',
      width: 240,
      ellipsis: true,
      render: (title: string, record) => (
        <Link to={`/growth/${record.id}`} data-testid="growth-row-title">
          {title}
        </Link>
      ),
    },
    ...(props.showTeacher
      ? [
          {
            title: t('growth.colTeacher'),
            dataIndex: 'personName',
            width: 110,
            render: (name: string, record: GrowthRecord) => (
              <Link to={`/people/${record.personId}/growth`}>{name}</Link>
            ),
          },
        ]
      : []),
    {
      title: t('growth.colDetail'),
      key: 'detail',
      ellipsis: true,
      render: (_: unknown, record) => detail(t, record),
    },
  ];

  return (
    <>
      <GrowthFilterBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          setPage(1);
        }}
        groups={props.groups}
        schools={props.schools}
        showTeacher={props.showTeacher}
      />
      <Table<GrowthRecord>
        rowKey="id"
        size="middle"
        columns={narrow ? compact : columns}
        dataSource={records.data?.items ?? []}
        loading={records.isFetching}
        scroll={narrow ? undefined : { x: props.showTeacher ? 760 : 620 }}
        locale={{ emptyText: <EmptyState text={records.isError ? records.error.message : props.emptyText} /> }}
        pagination={{
          current: page,
          pageSize,
          total: records.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
        data-testid={props.testId}
      />
    </>
  );
}
