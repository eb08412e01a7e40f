import { Drawer, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n';
import { type FigureRef, type StatsRecord, type StatsScope, useStatsRecords } from './dashboard.api';

/** The records behind a clicked figure; each links to its page. */
export function RecordsDrawer(props: { scope: StatsScope; open: FigureRef | null; onClose: () => void }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const ref = props.open;
  useEffect(() => {
    if (ref) setPage(1);
  }, [ref]);
  const records = useStatsRecords(props.scope, ref, page, pageSize);
  const total = records.data?.total ?? 0;

  return (
    <Drawer
      open={ref !== null}
      onClose={props.onClose}
      size="large"
      title={ref ? t('dash.records.title', { figure: ref.label, n: records.data ? total : '…' }) : ''}
      destroyOnHidden
    >
      <Table<StatsRecord>
        rowKey={(r) => `${r.type}:${r.id}`}
        size="small"
        loading={records.isFetching}
        dataSource={records.data?.items ?? []}
        data-testid="stats-records"
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            key: 'title',
            title: t('dash.records.what'),
            render: (_, r) =>
              r.link ? (
                <Link to={r.link} onClick={props.onClose} data-testid="stats-record-link">
                  {r.title}
                </Link>
              ) : (
                <Typography.Text>{r.title}</Typography.Text>
              ),
          },
          { key: 'person', title: t('dash.records.person'), dataIndex: 'person', width: 140 },
          { key: 'school', title: t('dash.records.school'), dataIndex: 'school', width: 140 },
          { key: 'date', title: t('dash.records.date'), dataIndex: 'date', width: 110 },
          { key: 'detail', title: t('dash.records.detail'), dataIndex: 'detail' },
        ]}
      />
    </Drawer>
  );
}
