import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Input, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Forbidden } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const t = useT();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          background: '#f6f8fa',
          border: '1px solid #e8ebf0',
          borderRadius: 6,
          padding: 12,
          marginTop: 6,
          maxHeight: 360,
          overflow: 'auto',
          fontSize: 12,
        }}
      >
        {value === null || value === undefined ? t('audit.nothing') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

const actionColors: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', infected: 'volcano' };

/** 审计日志: who changed what and when; before/after side by side in the expanded row. */
export function AuditPage() {
  const t = useT();
  const me = useCurrentUser();
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const audit = useQuery({
    queryKey: ['audit', entity, page, pageSize],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', { entity, page, pageSize }),
    enabled: me.abilities.readAudit,
    placeholderData: keepPreviousData,
  });

  if (!me.abilities.readAudit) return <Forbidden />;

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 180,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 140,
      render: (name: string | null) => name ?? t('audit.system'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 160,
      render: (action: string) => <Tag color={actionColors[action.split('.').pop() ?? ''] ?? 'default'}>{action}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', width: 140 },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      ellipsis: true,
      render: (id: string | null) => <Typography.Text code>{id ?? t('common.none')}</Typography.Text>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? t('common.none') },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('audit.filterEntity')}
            onSearch={(value) => {
              setEntity(value.trim());
              setPage(1);
            }}
            style={{ width: 260 }}
            data-testid="audit-entity"
          />
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          locale={{ emptyText: <EmptyState text={t('audit.empty')} /> }}
          expandable={{
            expandedRowRender: (entry) => (
              <Row gutter={16}>
                <Col span={12}>
                  <JsonBlock title={t('audit.before')} value={entry.before} />
                </Col>
                <Col span={12}>
                  <JsonBlock title={t('audit.after')} value={entry.after} />
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { n: total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
