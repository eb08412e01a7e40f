import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { mayImport } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { isStage, kindLabel, StageTag } from './labels';
import { ProjectFilterBar } from './ProjectFilterBar';
import { ProjectImportModal } from './ProjectImportModal';
import { type Project, type ProjectFilters, stages, useProjects } from './projects.api';

/** 课题: every project in the caller's scope, with filters and counts per stage. */
export function ProjectsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const canImport = mayImport(me.roles);
  const [importing, setImporting] = useState(false);
  const [params] = useSearchParams();
  const initialStage = params.get('stage');
  const [filters, setFilters] = useState<ProjectFilters>(isStage(initialStage) ? { stage: initialStage } : {});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const projects = useProjects(filters, page, pageSize);
  const tree = useOrgTree();
  const schools = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind === 'school'), [tree.data]);

  const changeFilters = useCallback((next: ProjectFilters) => {
    setFilters(next);
    setPage(1);
  }, []);

  // the server counts without the stage filter, so every tag keeps its number
  const countsByStage = projects.data?.countsByStage ?? {};
  const total = Object.values(countsByStage).reduce((sum, n) => sum + (n ?? 0), 0);

  const columns: TableColumnsType<Project> = [
    {
      title: t('projects.colNumber'),
      dataIndex: 'number',
      width: 120,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('projects.noNumber')}</Typography.Text>,
    },
    {
      title: t('projects.colTitle'),
      dataIndex: 'title',
      render: (title: string, project) => (
        <Link to={`/projects/${project.id}`} data-testid="project-row-title">
          {title}
        </Link>
      ),
    },
    { title: t('projects.colLevel'), dataIndex: 'level', width: 70, render: (l: Project['level']) => t(`level.${l}`) },
    { title: t('projects.colKind'), dataIndex: 'kind', width: 110, render: (k: string) => kindLabel(t, k) },
    { title: t('projects.colHost'), dataIndex: 'hostName', width: 80, ellipsis: true },
    { title: t('projects.colSchool'), dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: t('projects.colStage'),
      dataIndex: 'stage',
      width: 130,
      render: (s: Project['stage']) => <StageTag stage={s} t={t} />,
    },
    {
      title: t('projects.colUpdated'),
      dataIndex: 'updatedAt',
      width: 140,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        extra={
          <Space>
            {canImport && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="projects-import-button">
                {t('projects.import')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/projects/new')}
              data-testid="projects-add"
            >
              {t('projects.add')}
            </Button>
          </Space>
        }
      />
      <Card>
        <ProjectFilterBar filters={filters} schools={schools} onChange={changeFilters} />
        <Flex wrap gap={6} style={{ marginBottom: 16 }} data-testid="projects-stage-counts">
          <Tag.CheckableTag checked={!filters.stage} onChange={() => changeFilters({ ...filters, stage: undefined })}>
            {t('projects.allStages')} {total}
          </Tag.CheckableTag>
          {stages
            .filter((stage) => (countsByStage[stage] ?? 0) > 0 || filters.stage === stage)
            .map((stage) => (
              <Tag.CheckableTag
                key={stage}
                checked={filters.stage === stage}
                onChange={(checked) => changeFilters({ ...filters, stage: checked ? stage : undefined })}
                data-testid={`projects-count-${stage}`}
              >
                {t(`stage.${stage}`)} {countsByStage[stage] ?? 0}
              </Tag.CheckableTag>
            ))}
        </Flex>
        <Table<Project>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={projects.data?.items ?? []}
          loading={projects.isFetching}
          // fits the content width at 1366 px (a 1024 px window scrolls the table, not the page)
          scroll={{ x: 960 }}
          locale={{ emptyText: <EmptyState text={projects.isError ? projects.error.message : t('projects.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: projects.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('common.total', { n }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
          data-testid="projects-table"
        />
      </Card>
      {importing && <ProjectImportModal schools={schools} onClose={() => setImporting(false)} />}
    </>
  );
}
