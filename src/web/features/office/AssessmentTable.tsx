import { TrophyFilled } from '@ant-design/icons';
import { Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { officeLabel, rowTestId } from './labels';
import type { AssessmentRow, AssessmentSourceItem } from './office.api';
import { sourceLink } from './records';

const medal = ['#f5b301', '#a6a9ad', '#c7834f'];

const sourceColors: Record<string, string> = {
  award: 'gold',
  publication: 'purple',
  project: 'blue',
  activity: 'cyan',
  quota: 'green',
  student_award: 'orange',
};

/** The scored items of one teacher, each opening to its record. */
export function SourceItems({ items, scopeQuery }: { items: AssessmentSourceItem[]; scopeQuery: string }) {
  const t = useT();
  return (
    <Table<AssessmentSourceItem>
      size="small"
      rowKey={(item) => `${item.termId}-${item.source}-${item.sourceId}-${item.label}`}
      pagination={false}
      dataSource={items}
      locale={{ emptyText: <EmptyState text={t('assessment.noItems')} /> }}
      columns={[
        {
          title: t('assessment.source'),
          dataIndex: 'source',
          width: 130,
          render: (source: string) => (
            <Tag color={sourceColors[source] ?? 'default'}>{officeLabel(t, 'assessment.source', source)}</Tag>
          ),
        },
        {
          title: t('assessment.item'),
          dataIndex: 'label',
          render: (label: string, item) => {
            const to = sourceLink(item, scopeQuery);
            return to ? (
              <Link to={to} data-testid={`assessment-item-${item.source}-${item.sourceId}`}>
                {label}
              </Link>
            ) : (
              label
            );
          },
        },
        {
          title: t('assessment.date'),
          dataIndex: 'date',
          width: 110,
          render: (date: string | null) => <Typography.Text type="secondary">{date ?? ''}</Typography.Text>,
        },
        {
          title: t('assessment.points'),
          dataIndex: 'points',
          width: 90,
          align: 'right',
          render: (points: number) => <Typography.Text strong>+{points}</Typography.Text>,
        },
      ]}
      data-testid="assessment-items"
    />
  );
}

/** 积分排名: rank, teacher, total and weighted score; a row expands to the items behind the total. */
export function AssessmentTable(props: {
  rows: AssessmentRow[];
  loading: boolean;
  weightPercent: number | undefined;
  scopeQuery: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const rows = q ? props.rows.filter((row) => row.name.includes(q.trim())) : props.rows;

  const columns: TableColumnsType<AssessmentRow> = [
    {
      title: t('assessment.rank'),
      dataIndex: 'rank',
      width: 80,
      align: 'center',
      render: (rank: number) =>
        rank <= 3 ? (
          <TrophyFilled style={{ color: medal[rank - 1], fontSize: 18 }} aria-label={String(rank)} />
        ) : (
          <Typography.Text type="secondary">{rank}</Typography.Text>
        ),
    },
    {
      title: t('assessment.teacher'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          <Link to={`/people/${row.personId}`}>{name}</Link>
          {row.advanced && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t('assessment.topTitle')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('assessment.total'),
      dataIndex: 'total',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.total - b.total,
      render: (total: number) => (
        <Typography.Text strong data-testid="assessment-total">
          {total}
        </Typography.Text>
      ),
    },
    {
      title: (
        <span>
          {t('assessment.weighted')}
          {props.weightPercent !== undefined && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 4 }}>
              ({t('assessment.weightedHint', { percent: props.weightPercent })})
            </Typography.Text>
          )}
        </span>
      ),
      dataIndex: 'weighted',
      width: 200,
      align: 'right',
      render: (weighted: number) => <span data-testid="assessment-weighted">{weighted}</span>,
    },
    {
      title: t('assessment.itemCount'),
      key: 'count',
      width: 90,
      align: 'right',
      render: (_: unknown, row) => t('assessment.items', { n: row.items.length }),
    },
  ];

  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('assessment.searchTeacher')}
        onSearch={setQ}
        style={{ width: 200, marginBottom: 12 }}
        data-testid="assessment-search"
      />
      <Table<AssessmentRow>
        rowKey="personId"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={props.loading}
        onRow={(row) => rowTestId(`assessment-row-${row.personId}`)}
        expandable={{
          expandedRowRender: (row) => <SourceItems items={row.items} scopeQuery={props.scopeQuery} />,
          rowExpandable: (row) => row.items.length > 0,
        }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState text={t('assessment.empty')} /> }}
        scroll={{ x: 720 }}
        data-testid="assessment-table"
      />
    </>
  );
}
