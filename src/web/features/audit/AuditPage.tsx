import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Forbidden } from '../../components/States';
import { useT } from '../../i18n';
import { auditZhCN } from '../../i18n/audit.zh-CN';
import { useCurrentUser } from '../auth/session';
import { actionLabel, entityLabel, entityLink, type FieldChange, fieldChanges, valueText } from './auditText';

/** The record kinds the filter offers (those the catalogue names). */
const ENTITIES = Object.keys(auditZhCN)
  .filter((key) => key.startsWith('audit.entity.'))
  .map((key) => key.slice('audit.entity.'.length));

/** The fields of an entry, before and after side by side (changed ones first, unchanged greyed), and the raw entry. */
function Changes({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const rows = fieldChanges(entry.before, entry.after);
  const local = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
  return (
    <Flex vertical gap={8}>
      <Table<FieldChange>
        size="small"
        rowKey={(r) => r.field || '-'}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('audit.nothing') }}
        columns={[
          {
            title: t('audit.field'),
            dataIndex: 'field',
            width: 200,
            render: (f: string) => <Typography.Text code>{f || '—'}</Typography.Text>,
          },
          {
            title: t('audit.before'),
            key: 'before',
            render: (_: unknown, r) => (
              <Typography.Text type={r.changed ? undefined : 'secondary'} style={{ wordBreak: 'break-all' }}>
                {valueText(r.before, local)}
              </Typography.Text>
            ),
          },
          {
            title: t('audit.after'),
            key: 'after',
            render: (_: unknown, r) =>
              r.changed ? (
                <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                  {valueText(r.after, local)}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('audit.unchanged')}</Typography.Text>
              ),
          },
        ]}
        data-testid="audit-changes"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.raw')}：<Typography.Text code>{entry.action}</Typography.Text>{' '}
        <Typography.Text code>{entry.entity}</Typography.Text>{' '}
        {entry.entityId && <Typography.Text code>{entry.entityId}</Typography.Text>}
      </Typography.Text>
    </Flex>
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
      width: 150,
      render: (action: string) => (
        <Tooltip title={action}>
          <Tag color={actionColors[action.split('.').pop() ?? ''] ?? 'default'}>{actionLabel(t, action)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_: unknown, entry) => {
        const link = entityLink(entry.entity, entry.entityId);
        return (
          <Space size={8}>
            <span>{entityLabel(t, entry.entity)}</span>
            {link && <Link to={link}>{t('audit.open')}</Link>}
          </Space>
        );
      },
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? t('common.none') },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filterEntity')}
            value={entity || undefined}
            onChange={(value?: string) => {
              setEntity(value ?? '');
              setPage(1);
            }}
            options={ENTITIES.map((code) => ({ value: code, label: entityLabel(t, code) })).sort((a, b) =>
              a.label.localeCompare(b.label, 'zh-CN'),
            )}
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
            expandedRowRender: (entry) => <Changes entry={entry} />,
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
