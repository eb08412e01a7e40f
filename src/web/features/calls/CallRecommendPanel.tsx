import { Alert, App, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { kindLabel, StageTag } from '../projects/labels';
import { type Project, useProjects, useTransition } from '../projects/projects.api';
import type { Call, QuotaStatus } from './calls.api';

/** One quota's use and its share minimums, as a line of tags. */
export function QuotaLine({ quota }: { quota: QuotaStatus }) {
  const t = useT();
  return (
    <Flex wrap gap={8} align="center" data-testid="call-my-quota">
      <Typography.Text strong>
        {t('call.myQuota', { org: quota.orgName, count: quota.count, used: quota.used, remaining: quota.remaining })}
      </Typography.Text>
      {quota.shares.map((share) => (
        <Tag key={share.kind} color={share.have >= share.required ? 'green' : 'orange'}>
          {t('call.shareLine', { kind: t(`kind.${share.kind}`), required: share.required, have: share.have })}
        </Tag>
      ))}
    </Flex>
  );
}

/** 推荐: the applications of a call on the caller's desk, with quota left and a 推荐 button per row. */
export function CallRecommendPanel({ call }: { call: Call }) {
  const t = useT();
  const me = useCurrentUser();
  const { message, notification } = App.useApp();
  const transition = useTransition();
  const myOrgs = new Set(me.roles.flatMap((grant) => (grant.orgId ? [grant.orgId] : [])));
  const submitted = useProjects({ callId: call.id, stage: 'submitted' }, 1, 200);
  const recommended = useProjects({ callId: call.id, stage: 'school_recommended' }, 1, 200);
  const sysadmin = me.roles.some((grant) => grant.role === 'sysadmin');
  const atMyDesk = (project: Project) => sysadmin || (project.holderOrgId !== null && myOrgs.has(project.holderOrgId));
  const rows = [...(submitted.data?.items ?? []), ...(recommended.data?.items ?? [])]
    // the desk's own applications first, then those this school already sent up
    .filter((project) => atMyDesk(project) || myOrgs.has(project.orgId))
    .sort((a, b) => Number(atMyDesk(b)) - Number(atMyDesk(a)) || b.updatedAt.localeCompare(a.updatedAt));
  const quotas = call.quotas.filter((quota) => myOrgs.has(quota.orgId));

  const recommend = (project: Project) =>
    transition.mutate(
      { id: project.id, action: 'recommend' },
      {
        onSuccess: () => message.success(t('transition.done', { action: t('action.recommend') })),
        onError: (error) =>
          notification.error({
            title: t('transition.failedTitle', { action: t('action.recommend') }),
            description: error.message,
          }),
      },
    );

  const columns: TableColumnsType<Project> = [
    {
      title: t('projects.colTitle'),
      dataIndex: 'title',
      render: (title: string, project) => <Link to={`/projects/${project.id}`}>{title}</Link>,
    },
    { title: t('projects.colKind'), dataIndex: 'kind', width: 120, render: (kind: string) => kindLabel(t, kind) },
    { title: t('projects.colHost'), dataIndex: 'hostName', width: 90 },
    { title: t('projects.colSchool'), dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: t('projects.colStage'),
      dataIndex: 'stage',
      width: 110,
      render: (s: Project['stage']) => <StageTag stage={s} t={t} />,
    },
    {
      title: t('projects.colUpdated'),
      dataIndex: 'updatedAt',
      width: 130,
      render: (at: string) => dayjs(at).format('MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, project) =>
        project.abilities.actions.includes('recommend') ? (
          <Button
            size="small"
            type="primary"
            loading={transition.isPending && transition.variables?.id === project.id}
            onClick={() => recommend(project)}
            data-testid="call-recommend"
          >
            {t('action.recommend')}
          </Button>
        ) : atMyDesk(project) ? (
          <Link to={`/projects/${project.id}`}>{t('call.handle')}</Link>
        ) : (
          <Tag color="green">{t('call.recommended')}</Tag>
        ),
    },
  ];

  const loading = submitted.isPending || recommended.isPending;
  // an org with nothing at its desk and no quota in this call has nothing to do here
  if (!loading && rows.length === 0 && quotas.length === 0) return null;

  return (
    <Card title={t('call.applications')} style={{ marginBottom: 16 }} data-testid="call-recommend-panel">
      <Alert type="info" showIcon title={t('call.applicationsHint')} style={{ marginBottom: 12 }} />
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {quotas.map((quota) => (
          <QuotaLine key={quota.orgId} quota={quota} />
        ))}
      </Flex>
      <Table<Project>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={submitted.isFetching || recommended.isFetching}
        pagination={false}
        locale={{ emptyText: t('call.applicationsEmpty') }}
        scroll={{ x: 800 }}
      />
    </Card>
  );
}
