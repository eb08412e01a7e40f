import { Button, Table, type TableColumnsType } from 'antd';
import { EmptyState } from '../../components/States';
import { type Translate, useT } from '../../i18n';

/** A row of an office's table of schools (各校汇总). */
export interface SchoolRowBase {
  orgId: string;
  orgName: string;
  parentName: string | null;
}

/**
 * The first columns of an office's table of schools: the school, which opens it, and in a city's view (schools of
 * more than one district) the district each sits under, to sort and filter by. `width`: what they take.
 */
export function schoolColumns<R extends SchoolRowBase>(
  t: Translate,
  rows: readonly R[],
  onOpen: (orgId: string) => void,
  testIdPrefix: string,
): { columns: TableColumnsType<R>; width: number } {
  const offices = [...new Set(rows.map((row) => row.parentName ?? ''))].filter(Boolean).sort();
  const columns: TableColumnsType<R> = [
    {
      title: t('compliance.school'),
      dataIndex: 'orgName',
      fixed: 'left',
      width: 220,
      render: (name: string, row) => (
        <Button type="link" size="small" onClick={() => onOpen(row.orgId)} data-testid={`${testIdPrefix}-${row.orgId}`}>
          {name}
        </Button>
      ),
    },
  ];
  if (offices.length > 1) {
    columns.push({
      title: t('compliance.parent'),
      dataIndex: 'parentName',
      width: 160,
      filters: offices.map((name) => ({ text: name, value: name })),
      onFilter: (value, row) => row.parentName === value,
      sorter: (a, b) => (a.parentName ?? '').localeCompare(b.parentName ?? ''),
    });
  }
  return { columns, width: offices.length > 1 ? 380 : 220 };
}

/** An office's table of schools (各校汇总): fifty to a page, `width` wide at least, scrolling sideways past that. */
export function SchoolsTable<R extends SchoolRowBase>(props: {
  columns: TableColumnsType<R>;
  rows: R[];
  loading: boolean;
  width: number;
  testId: string;
}) {
  const t = useT();
  return (
    <Table<R>
      rowKey="orgId"
      size="small"
      bordered
      columns={props.columns}
      dataSource={props.rows}
      loading={props.loading}
      scroll={{ x: props.width }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <EmptyState text={t('compliance.schoolsEmpty')} /> }}
      data-testid={props.testId}
    />
  );
}
