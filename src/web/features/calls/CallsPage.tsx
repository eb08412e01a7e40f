import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { type Call, type CallStatus, callStatuses, useCalls } from './calls.api';
import { callStatusColour, chinaTime } from './callText';

/** Roles that may issue calls at their own org (the server decides; this only shows the button). */
const issuerRoles = new Set(['sysadmin', 'research_admin', 'school_director']);

/** 申报通知: the calls the caller can see, with window, issuing org and quota use. */
export function CallsPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState<CallStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const calls = useCalls(status === 'all' ? undefined : status, page, pageSize);
  const canIssue = me.roles.some((grant) => issuerRoles.has(grant.role));

  const columns: TableColumnsType<Call> = [
    {
      title: t('calls.colTitle'),
      dataIndex: 'title',
      render: (title: string, call) => (
        <Link to={`/calls/${call.id}`} data-testid="call-row-title">
          {title}
        </Link>
      ),
    },
    {
      title: t('calls.colStatus'),
      dataIndex: 'status',
      width: 84,
      render: (value: CallStatus) => (
        <Tag color={callStatusColour(value)} data-testid="call-status">
          {t(`callStatus.${value}`)}
        </Tag>
      ),
    },
    {
      title: t('calls.colWindow'),
      key: 'window',
      width: 150,
      // two lines (opens / closes) leave the room to the title
      render: (_, call) => (
        <Flex vertical>
          <span>{chinaTime(call.opensAt)}</span>
          <Typography.Text type="secondary">
            {t('calls.windowCloses', { closes: chinaTime(call.closesAt) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('calls.colLevels'),
      dataIndex: 'levels',
      width: 100,
      render: (values: Call['levels']) => values.map((level) => t(`level.${level}`)).join('、'),
    },
    { title: t('calls.colOrg'), dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: t('calls.colQuota'),
      key: 'quota',
      width: 180,
      render: (_, call) =>
        call.quotas.length === 0 ? (
          <Typography.Text type="secondary">{t('calls.noQuota')}</Typography.Text>
        ) : (
          t('calls.quotaSummary', {
            orgs: call.quotas.length,
            count: call.quotas.reduce((sum, quota) => sum + quota.count, 0),
            used: call.quotas.reduce((sum, quota) => sum + quota.used, 0),
          })
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 96,
      render: (_, call) =>
        call.status === 'open' && call.abilities.apply ? (
          <Button
            size="small"
            type="link"
            onClick={() => navigate(`/projects/new?callId=${call.id}`)}
            data-testid="call-row-apply"
          >
            {t('call.apply')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('calls.title')}
        subtitle={t('calls.subtitle')}
        extra={
          canIssue && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/calls/new')}
              data-testid="calls-add"
            >
              {t('calls.add')}
            </Button>
          )
        }
      />
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Segmented<CallStatus | 'all'>
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('projects.allStages') },
              ...callStatuses.map((value) => ({ value, label: t(`callStatus.${value}`) })),
            ]}
            data-testid="calls-filter-status"
          />
        </Flex>
        <Table<Call>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={calls.data?.items ?? []}
          loading={calls.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyState text={calls.isError ? calls.error.message : t('calls.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: calls.data?.total ?? 0,
            showTotal: (total) => t('common.total', { n: total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          data-testid="calls-table"
        />
      </Card>
    </>
  );
}
