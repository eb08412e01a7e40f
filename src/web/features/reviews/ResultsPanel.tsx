import { useQueries } from '@tanstack/react-query';
import { Flex, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { StageTag } from '../projects/labels';
import { ProjectActions } from '../projects/ProjectActions';
import { type Action, type Project, useProjects } from '../projects/projects.api';
import { useResults } from './reviews.api';
import { type Round, type RoundKind, type RoundResult, stageForKind } from './reviews.types';

const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The decision a round of each kind informs: the only actions its results offer. */
const decisionActions: Record<RoundKind, readonly Action[]> = {
  application: ['approve', 'reject', 'return'],
  midterm: ['pass_midterm'],
  conclusion: ['conclude', 'fail', 'return'],
};

/** Where a project decided after this round stands: 已立项 with its number, 未立项, or its stage. */
function DecidedTag({ project, kind }: { project: Project; kind: RoundKind }) {
  const t = useT();
  if (kind === 'application' && project.number)
    return (
      <Tag color="green" data-testid="result-decided">
        {t('reviews.results.approvedAs', { number: project.number })}
      </Tag>
    );
  if (kind === 'application' && project.stage === 'rejected')
    return (
      <Tag color="red" data-testid="result-decided">
        {t('stage.rejected')}
      </Tag>
    );
  return (
    <span data-testid="result-decided">
      <StageTag stage={project.stage} t={t} />
    </span>
  );
}

/** 评审结果: ranked figures per project, with the decisions the server allows on each project now. */
export function ResultsPanel({ round }: { round: Round }) {
  const t = useT();
  const results = useResults(round.id, round.abilities.results);
  // the projects still awaiting the decision this round informs, with the caller's actions on each
  const waiting = useProjects({ stage: stageForKind[round.kind] }, 1, 200, round.abilities.results);
  const items = [...(results.data?.items ?? [])].sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999));
  const byId = new Map((waiting.data?.items ?? []).map((p) => [p.id, p]));
  // projects already decided have left that list: fetch them one by one to show where they are now
  const decidedIds = waiting.isSuccess ? items.map((r) => r.projectId).filter((id) => !byId.has(id)) : [];
  const decided = useQueries({
    queries: decidedIds.map((id) => ({
      queryKey: ['projects', 'item', id],
      queryFn: () => api.get<Project>(`/api/projects/${id}`),
    })),
  });
  for (const query of decided) if (query.data) byId.set(query.data.id, query.data);
  const criteria = round.rubric;

  const columns: TableColumnsType<RoundResult> = [
    {
      title: t('reviews.results.rank'),
      dataIndex: 'rank',
      width: 60,
      render: (r: number | null) => r ?? t('common.none'),
    },
    { title: t('reviews.code'), dataIndex: 'code', width: 80 },
    {
      title: t('reviews.projectTitle'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Link to={`/projects/${r.projectId}`} data-testid="result-project-link">
          {title}
        </Link>
      ),
    },
    {
      title: t('reviews.results.mean'),
      dataIndex: 'mean',
      width: 90,
      render: (v: number | null) => <Typography.Text strong>{score(v)}</Typography.Text>,
    },
    {
      title: <Tooltip title={t('reviews.results.trimmedMean')}>{t('reviews.results.trimmed')}</Tooltip>,
      dataIndex: 'trimmedMean',
      width: 100,
      render: score,
    },
    {
      title: t('reviews.results.spread'),
      dataIndex: 'spread',
      width: 70,
      render: (v: number | null) => (v !== null && v >= 15 ? <Tag color="warning">{score(v)}</Tag> : score(v)),
    },
    {
      title: t('reviews.results.count'),
      key: 'count',
      width: 90,
      render: (_, r) => <Tag color={r.count < r.assigned ? 'warning' : 'success'}>{`${r.count} / ${r.assigned}`}</Tag>,
    },
    {
      title: t('reviews.results.decision'),
      key: 'decision',
      width: 280,
      render: (_, r) => {
        const project = byId.get(r.projectId);
        if (!project) return <Link to={`/projects/${r.projectId}`}>{t('reviews.results.viewProject')}</Link>;
        // decided (or moved on): where it stands now, not the project's later actions (开题、延期…)
        if (project.stage !== stageForKind[round.kind]) return <DecidedTag project={project} kind={round.kind} />;
        const only = decisionActions[round.kind];
        if (!project.abilities.actions.some((a) => only.includes(a))) return <StageTag stage={project.stage} t={t} />;
        const partial = r.count < r.assigned;
        return (
          <Flex gap={8} wrap>
            <ProjectActions
              project={project}
              only={only}
              confirmTitles={
                partial
                  ? {
                      approve: t('reviews.results.partialConfirm', {
                        count: r.count,
                        assigned: r.assigned,
                        action: t('action.approve'),
                      }),
                      pass_midterm: t('reviews.results.partialConfirm', {
                        count: r.count,
                        assigned: r.assigned,
                        action: t('action.pass_midterm'),
                      }),
                      conclude: t('reviews.results.partialConclude', { count: r.count, assigned: r.assigned }),
                    }
                  : undefined
              }
            />
          </Flex>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('reviews.results.hint')}</Typography.Text>
      <Table<RoundResult>
        rowKey="projectId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={results.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space wrap>
              {criteria.map((c) => (
                <Tag key={c.key}>
                  {t('reviews.round.rubricLine', { label: c.label, weight: c.weight })}：
                  {score(r.byCriterion[c.key] ?? null)}
                </Tag>
              ))}
            </Space>
          ),
        }}
        locale={{ emptyText: <EmptyState text={t('reviews.results.empty')} /> }}
        data-testid="results-table"
      />
    </Flex>
  );
}
