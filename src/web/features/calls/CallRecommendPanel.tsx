import { Alert, App, Button, Card, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { type Translate, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { findOrg, flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { kindLabel, StageTag } from '../projects/labels';
import { type Project, type Stage, useProjects, useTransition } from '../projects/projects.api';
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

/** The stages at which an application waits on a desk below the managing org (推荐 or 办理). */
const deskStages = new Set<Stage>(['submitted', 'school_recommended', 'district_recommended']);

/** The columns both tables share: title, kind, host, school, stage, last change. */
function baseColumns(t: Translate): TableColumnsType<Project> {
  return [
    {
      title: t('projects.colTitle'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, project) => <Link to={`/projects/${project.id}`}>{title}</Link>,
    },
    { title: t('projects.colKind'), dataIndex: 'kind', width: 116, render: (kind: string) => kindLabel(t, kind) },
    { title: t('projects.colHost'), dataIndex: 'hostName', width: 90 },
    { title: t('projects.colSchool'), dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: t('projects.colStage'),
      dataIndex: 'stage',
      width: 136,
      render: (s: Project['stage']) => <StageTag stage={s} t={t} />,
    },
    {
      title: t('projects.colUpdated'),
      dataIndex: 'updatedAt',
      width: 110,
      render: (at: string) => dayjs(at).format('MM-DD HH:mm'),
    },
  ];
}

/**
 * 推荐: the applications of a call on the caller's desk, with quota left and a 推荐 button per row,
 * and below them the applications this org already sent up (the ones its quota line counts).
 */
export function CallRecommendPanel({ call }: { call: Call }) {
  const t = useT();
  const me = useCurrentUser();
  const { message, notification } = App.useApp();
  const transition = useTransition();
  const tree = useOrgTree();
  const myOrgs = new Set(me.roles.flatMap((grant) => (grant.orgId ? [grant.orgId] : [])));
  const all = useProjects({ callId: call.id }, 1, 200);
  const sysadmin = me.roles.some((grant) => grant.role === 'sysadmin');
  const atMyDesk = (project: Project) => sysadmin || (project.holderOrgId !== null && myOrgs.has(project.holderOrgId));
  const byUpdate = (a: Project, b: Project) => b.updatedAt.localeCompare(a.updatedAt);
  const items = all.data?.items ?? [];
  const desk = items.filter((project) => deskStages.has(project.stage) && atMyDesk(project)).sort(byUpdate);

  // 已推荐, counted as the server counts a quota: from the org's subtree, desk now above the org
  const subtrees = [...myOrgs].map((orgId) => {
    const node = findOrg(tree.data ?? [], orgId);
    return new Set(node ? flattenOrgs([node]).map((n) => n.id) : [orgId]);
  });
  const sentUp = (project: Project) =>
    project.stage !== 'draft' &&
    !atMyDesk(project) &&
    subtrees.some((ids) => ids.has(project.orgId) && project.holderOrgId !== null && !ids.has(project.holderOrgId));
  const sent = items.filter(sentUp).sort(byUpdate);
  const quotas = call.quotas.filter((quota) => myOrgs.has(quota.orgId));
  const outside = new Set<string>(call.kinds.filter((rule) => rule.outsideQuota).map((rule) => rule.kind));

  /** The quota of the desk an application is on, when it is used up and the kind counts against it. */
  const fullQuota = (project: Project) => {
    const quota = call.quotas.find((q) => q.orgId === project.holderOrgId);
    return quota && quota.remaining <= 0 && !outside.has(project.kind) ? quota : undefined;
  };

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

  const recommendButton = (project: Project) => {
    const full = fullQuota(project);
    const button = (
      <Button
        size="small"
        type="primary"
        disabled={Boolean(full)}
        loading={transition.isPending && transition.variables?.id === project.id}
        onClick={() => recommend(project)}
        data-testid="call-recommend"
      >
        {t('action.recommend')}
      </Button>
    );
    if (!full) return button;
    return (
      <Tooltip title={t('call.quotaFull', { org: full.orgName, used: full.used, count: full.count })}>{button}</Tooltip>
    );
  };

  const deskColumns: TableColumnsType<Project> = [
    ...baseColumns(t),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, project) =>
        project.abilities.actions.includes('recommend') ? (
          recommendButton(project)
        ) : (
          <Link to={`/projects/${project.id}`}>{t('call.handle')}</Link>
        ),
    },
  ];

  // an org with nothing at its desk, nothing sent up and no quota in this call has nothing to do here
  if (!all.isPending && desk.length === 0 && sent.length === 0 && quotas.length === 0) return null;

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
        columns={deskColumns}
        dataSource={desk}
        loading={all.isFetching}
        pagination={false}
        locale={{ emptyText: t('call.applicationsEmpty') }}
        scroll={{ x: 800 }}
        data-testid="call-desk-table"
      />
      {(sent.length > 0 || quotas.some((quota) => quota.used > 0)) && (
        <>
          <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>
            {t('call.sentHeading', { count: sent.length })}
          </Typography.Title>
          <Table<Project>
            rowKey="id"
            size="small"
            columns={baseColumns(t)}
            dataSource={sent}
            loading={all.isFetching}
            pagination={false}
            locale={{ emptyText: t('call.sentEmpty') }}
            scroll={{ x: 800 }}
            data-testid="call-sent-table"
          />
        </>
      )}
    </Card>
  );
}
