import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Tabs, type TabsProps, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { projectRunningTabs } from '../project-running/tabs';
import { ApplicationTab } from './ApplicationTab';
import { HistoryTab } from './HistoryTab';
import { kindLabel, StageTag } from './labels';
import { ProjectActions } from './ProjectActions';
import { projectChangesTab } from './ProjectChangesTab';
import { ProjectLifecycle } from './ProjectLifecycle';
import { type Project, useDeleteProject, useProject, useProjectHistory } from './projects.api';

function headerItems(t: Translate, p: Project) {
  const none = t('common.none');
  return [
    { key: 'number', label: t('project.number'), children: p.number ?? t('projects.noNumber') },
    { key: 'levelKind', label: t('project.levelKind'), children: `${t(`level.${p.level}`)} · ${kindLabel(t, p.kind)}` },
    { key: 'host', label: t('project.host'), children: p.hostName },
    { key: 'school', label: t('project.school'), children: p.orgName },
    { key: 'desk', label: t('project.desk'), children: p.holderOrgName ?? none },
    { key: 'manager', label: t('project.manager'), children: p.managerOrgName ?? none },
    {
      key: 'call',
      label: t('project.call'),
      children: p.callId ? <Link to={`/calls/${p.callId}`}>{p.callTitle}</Link> : none,
    },
    { key: 'plan', label: t('project.planPeriod'), children: p.planPeriod ?? none },
    { key: 'subject', label: t('project.subject'), children: p.subject ?? none },
    {
      key: 'dates',
      label: t('project.dates'),
      children: p.startsOn || p.endsOn ? `${p.startsOn ?? '…'} — ${p.endsOn ?? '…'}` : none,
    },
    ...(p.grade ? [{ key: 'grade', label: t('project.grade'), children: t(`grade.${p.grade}`) }] : []),
  ];
}

/** A project: header, lifecycle, the actions the server allows, 申报书, 流转记录 and the running tabs. */
export function ProjectPage() {
  const { id } = useParams();
  // Links from search and notifications open a tab directly (?tab=reports, ?tab=archive).
  const [params] = useSearchParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const query = useProject(id);
  const history = useProjectHistory(id ?? '');
  const remove = useDeleteProject();

  if (query.isPending) return <Loading height={400} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound text={t('project.notFound')} />;
    return <EmptyState text={query.error.message} />;
  }
  const project = query.data;
  const historyItems = history.data?.items ?? [];

  const tabs: TabsProps['items'] = [
    { key: 'application', label: t('project.tabApplication'), children: <ApplicationTab project={project} /> },
    {
      key: 'history',
      label: t('project.tabHistory'),
      children: <HistoryTab items={historyItems} loading={history.isPending} error={history.error?.message} />,
    },
    ...(projectRunningTabs(project) ?? []),
    ...projectChangesTab(project, t),
  ];

  const deleteDraft = () =>
    remove.mutate(project.id, {
      onSuccess: () => {
        message.success(t('project.deleted'));
        navigate('/projects');
      },
      onError: (error) => showError(error),
    });

  return (
    <>
      <Link to="/projects">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('project.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="project-title">{project.title}</span>
            <StageTag stage={project.stage} t={t} />
            {project.historic && <Tag>{t('project.historic')}</Tag>}
          </Flex>
        }
        subtitle={[project.number, `${project.hostName} · ${project.orgName}`].filter(Boolean).join(' · ')}
        extra={
          <>
            <ProjectActions project={project} />
            {project.abilities.delete && (
              <Popconfirm title={t('common.deleteConfirm')} okButtonProps={{ danger: true }} onConfirm={deleteDraft}>
                <Button danger type="text" data-testid="project-delete">
                  {t('project.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <ProjectLifecycle project={project} history={historyItems} />
        {project.holderOrgName && project.stage !== 'draft' && (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            {t('project.deskLine', { org: project.holderOrgName })}
          </Typography.Paragraph>
        )}
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={headerItems(t, project)}
          data-testid="project-facts"
        />
      </Card>
      <Card>
        <Tabs items={tabs} defaultActiveKey={params.get('tab') ?? undefined} data-testid="project-tabs" />
      </Card>
    </>
  );
}
