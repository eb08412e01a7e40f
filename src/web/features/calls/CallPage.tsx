import { ArrowLeftOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, List, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { CallRecommendPanel } from './CallRecommendPanel';
import { type Call, type QuotaStatus, useCall } from './calls.api';
import { callStatusColour, callWindow, firstNumber, kindRuleText } from './callText';

/** Roles whose desk may hold applications of a call (the server scopes what they see). */
const deskRoles = new Set(['sysadmin', 'research_admin', 'school_director']);

function QuotaTable({ call }: { call: Call }) {
  const t = useT();
  const columns: TableColumnsType<QuotaStatus> = [
    { title: t('call.quotaOrg'), dataIndex: 'orgName', width: 240 },
    { title: t('call.quotaCount'), dataIndex: 'count', width: 80, align: 'right' },
    { title: t('call.quotaUsed'), dataIndex: 'used', width: 80, align: 'right' },
    {
      title: t('call.quotaRemaining'),
      dataIndex: 'remaining',
      width: 80,
      align: 'right',
      render: (n: number) => <Typography.Text type={n === 0 ? 'danger' : undefined}>{n}</Typography.Text>,
    },
    {
      title: t('call.quotaShares'),
      dataIndex: 'shares',
      render: (shares: QuotaStatus['shares']) =>
        shares.length === 0
          ? t('common.none')
          : shares.map((share) => (
              <Tag key={share.kind} color={share.have >= share.required ? 'green' : 'orange'}>
                {t('call.shareLine', { kind: t(`kind.${share.kind}`), required: share.required, have: share.have })}
              </Tag>
            )),
    },
  ];
  return (
    <Table<QuotaStatus>
      rowKey="orgId"
      size="small"
      columns={columns}
      dataSource={call.quotas}
      pagination={false}
      locale={{ emptyText: t('call.quotasEmpty') }}
      data-testid="call-quotas"
    />
  );
}

/** A call: window, guide topics, kinds with their conditions, quotas, and the 推荐 desk. */
export function CallPage() {
  const { id } = useParams();
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const query = useCall(id);

  if (query.isPending) return <Loading height={400} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound text={t('call.notFound')} />;
    return <EmptyState text={query.error.message} />;
  }
  const call = query.data;
  const atDesk = me.roles.some((grant) => deskRoles.has(grant.role));

  return (
    <>
      <Link to="/calls">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('call.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="call-title">{call.title}</span>
            <Tag color={callStatusColour(call.status)}>{t(`callStatus.${call.status}`)}</Tag>
          </Flex>
        }
        subtitle={`${call.orgName} · ${callWindow(t, call)}`}
        extra={
          <>
            {call.status === 'open' && call.abilities.apply && (
              <Button
                type="primary"
                icon={<FormOutlined />}
                onClick={() => navigate(`/projects/new?callId=${call.id}`)}
                data-testid="call-apply"
              >
                {t('call.apply')}
              </Button>
            )}
            {call.abilities.update && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/calls/${call.id}/edit`)}
                data-testid="call-edit"
              >
                {t('call.edit')}
              </Button>
            )}
          </>
        }
      />
      {atDesk && <CallRecommendPanel call={call} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('call.basic')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={1}
              items={[
                { key: 'org', label: t('call.org'), children: call.orgName },
                { key: 'window', label: t('call.window'), children: callWindow(t, call) },
                {
                  key: 'levels',
                  label: t('call.levels'),
                  children: call.levels.map((level) => t(`level.${level}`)).join('、'),
                },
                { key: 'plan', label: t('call.planPeriod'), children: call.planPeriod ?? t('common.none') },
                {
                  key: 'number',
                  label: t('call.numberFormat'),
                  children: t('call.numberFrom', { first: firstNumber(call.numberFormat, new Date().getFullYear()) }),
                },
              ]}
            />
            {call.description && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>
                {call.description}
              </Typography.Paragraph>
            )}
          </Card>
          <Card title={t('call.guide')}>
            {call.guide.length === 0 ? (
              <Typography.Text type="secondary">{t('call.guideEmpty')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={call.guide}
                renderItem={(topic, index) => (
                  <List.Item>
                    {index + 1}. {topic}
                  </List.Item>
                )}
                data-testid="call-guide"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('call.kinds')}>
            {call.kinds.length === 0 ? (
              <Typography.Text type="secondary">{t('call.kindsEmpty')}</Typography.Text>
            ) : (
              <Flex vertical gap={8} data-testid="call-kinds">
                {call.kinds.map((rule) => (
                  <div key={rule.kind}>
                    <Typography.Text strong>{t(`kind.${rule.kind}`)}</Typography.Text>
                    {'：'}
                    {kindRuleText(t, rule)}
                  </div>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('call.quotas')}>
            <QuotaTable call={call} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
