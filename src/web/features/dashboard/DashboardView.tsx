import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Statistic, Table, Tag, TreeSelect, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { OrgNode } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { type MessageKey, useT } from '../../i18n';
import { asOfText } from './asOf';
import { Chart, type ChartClick } from './Chart';
import {
  assessmentSpread,
  bars,
  type ChartSpec,
  compliance,
  coverageTrend,
  labelOf,
  pct,
  pie,
  punctuality,
  pyramid,
} from './charts';
import { exportHref, type FigureRef, type Figures, useRefreshStats, useStats } from './dashboard.api';
import { RecordsDrawer } from './RecordsDrawer';
import { useDashboardScope } from './scope';

type SchoolRow = Figures['schools'][number];
type CompetitionRow = Figures['awards']['byCompetition'][number];

interface TreeNode {
  value: string;
  title: string;
  disabled: boolean;
  children: TreeNode[];
}

/** The org tree without groups; orgs outside the caller's statistics scope cannot be picked. */
function treeData(nodes: OrgNode[], allowed: ReadonlySet<string>): TreeNode[] {
  return nodes
    .filter((node) => node.kind !== 'group')
    .map((node) => ({
      value: node.id,
      title: node.name,
      disabled: !allowed.has(node.id),
      children: treeData(node.children, allowed),
    }));
}

/** One headline number; clicking it opens its records. */
function Kpi(props: { title: string; value: ReactNode; note?: ReactNode; onOpen: () => void; testId: string }) {
  return (
    <Card size="small" hoverable onClick={props.onOpen} data-testid={props.testId} style={{ height: '100%' }}>
      <Statistic
        title={props.title}
        value={typeof props.value === 'string' ? props.value : undefined}
        formatter={() => props.value}
      />
      {props.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {props.note}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 统计看板: the figures of a city, district or school for a term, every one clickable to its records. */
export function DashboardView() {
  const t = useT();
  const navigate = useNavigate();
  const scope = useDashboardScope();
  const { orgId, termId } = scope;
  const stats = useStats({ orgId, termId });
  const refresh = useRefreshStats({ orgId, termId });
  const [open, setOpen] = useState<FigureRef | null>(null);
  const allowed = useMemo(() => new Set(scope.orgs.map((o) => o.id)), [scope.orgs]);
  const f = stats.data;

  const show = (figure: string, label: string, schoolId?: string) => setOpen({ figure, label, schoolId });
  /** Opens the records of the clicked chart element. */
  const clickThrough = (spec: ChartSpec, title: string) => (click: ChartClick) => {
    const figure = spec.figures[click.seriesIndex]?.[click.dataIndex];
    if (figure) show(figure, title);
  };

  const header = (
    <PageHeader
      title={t('dash.title')}
      subtitle={f ? t('dash.subtitle', { org: f.org.name, term: f.term.name }) : undefined}
      testId="dashboard-title"
      extra={
        <>
          {scope.orgs.length > 1 && (
            <TreeSelect
              value={orgId}
              onChange={(value: string) => scope.setOrgId(value)}
              treeData={treeData(scope.tree, allowed)}
              treeDefaultExpandAll
              showSearch
              treeNodeFilterProp="title"
              placeholder={t('dash.pickScope')}
              style={{ width: 240 }}
              data-testid="dashboard-scope"
            />
          )}
          <Select
            value={termId}
            onChange={scope.setTermId}
            placeholder={t('dash.pickTerm')}
            style={{ width: 220 }}
            data-testid="dashboard-term"
            options={scope.terms.map((term) => ({
              value: term.id,
              label: (
                <span>
                  {term.name}
                  {term.current && (
                    <Tag color="green" style={{ marginLeft: 6 }}>
                      {t('dash.currentTerm')}
                    </Tag>
                  )}
                </span>
              ),
            }))}
          />
          {f && (
            <Typography.Text type="secondary" data-testid="dashboard-as-of">
              {t('dash.asOf', { time: asOfText(f.asOf) })}
            </Typography.Text>
          )}
          {orgId && termId && (
            <Button
              icon={<ReloadOutlined />}
              loading={refresh.isPending}
              onClick={() => refresh.mutate()}
              data-testid="dashboard-refresh"
            >
              {t('dash.refresh')}
            </Button>
          )}
          {orgId && termId && (
            <Button icon={<DownloadOutlined />} href={exportHref({ orgId, termId })} data-testid="dashboard-export">
              {t('dash.export')}
            </Button>
          )}
        </>
      }
    />
  );

  if (!orgId || !termId)
    return (
      <>
        {header}
        <EmptyState text={t('dash.noScope')} />
      </>
    );
  if (stats.isError)
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          title={
            stats.error instanceof ApiError && stats.error.status === 403 ? t('dash.forbidden') : stats.error.message
          }
          data-testid="dashboard-error"
        />
      </>
    );
  if (!f)
    return (
      <>
        {header}
        <Loading />
      </>
    );

  const levels = bars(t, 'level', [
    { name: t('dash.chart.byLevelAll'), counts: f.projects.byLevel, figure: 'projects.byLevel' },
    { name: t('dash.chart.byLevelActive'), counts: f.projects.activeByLevel, figure: 'projects.activeByLevel' },
  ]);
  const stageKeys = Object.entries(f.projects.byStage)
    .filter(([, n]) => n > 0)
    .map(([k]) => k);
  const stages = bars(
    t,
    'stage',
    [{ name: t('dash.chart.byStage'), counts: f.projects.byStage, figure: 'projects.byStage' }],
    {
      keys: stageKeys,
      horizontal: true,
    },
  );
  const kinds = pie(t, 'kind', f.projects.byKind, 'projects.byKind');
  const trend = coverageTrend(t, f);
  const reports = punctuality(t, f);
  const awardLevels = bars(t, 'level', [
    { name: t('dash.chart.awards'), counts: f.awards.byLevel, figure: 'awards.byLevel' },
    { name: t('dash.chart.publications'), counts: f.publications.byLevel, figure: 'publications.byLevel' },
    { name: t('dash.chart.studentAwards'), counts: f.studentAwards.byLevel, figure: 'studentAwards.byLevel' },
  ]);
  const results = pie(t, 'dash.result', f.awards.byResult, 'awards.byResult');
  const activities = bars(t, 'activityKind', [
    { name: t('dash.chart.activitiesByKind'), counts: f.activities.byKind, figure: 'activities.byKind' },
  ]);
  const growth = bars(t, 'growthKind', [
    { name: t('dash.chart.growthByKind'), counts: f.growth.byKind, figure: 'growth.byKind' },
  ]);
  const rules = compliance(t, f);
  const spread = assessmentSpread(t, f);
  const layers = pyramid(t, f);
  const manySchools = f.org.kind !== 'school';

  const num = (figure: string, n: number, label: string, schoolId?: string) => (
    <Typography.Link onClick={() => show(figure, label, schoolId)} data-testid={`cell-${figure}`}>
      {n}
    </Typography.Link>
  );
  const schoolColumn = (key: keyof SchoolRow, title: MessageKey, figure: string) => ({
    key,
    title: t(title),
    align: 'right' as const,
    render: (_: unknown, row: SchoolRow) => num(figure, Number(row[key]), `${row.name} · ${t(title)}`, row.orgId),
    sorter: (a: SchoolRow, b: SchoolRow) => Number(a[key]) - Number(b[key]),
  });

  return (
    <>
      {header}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.activeProjects')}
            value={f.projects.active}
            note={t('dash.kpi.activeProjectsOf', { n: f.projects.total })}
            onOpen={() => show('projects.active', t('dash.kpi.activeProjects'))}
            testId="kpi-active-projects"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.coverage')}
            value={pct(f.coverage.rate)}
            note={t('dash.kpi.coverageOf', { covered: f.coverage.inProjects, teachers: f.coverage.teachers })}
            onOpen={() => show('coverage.inProjects', t('dash.kpi.coverage'))}
            testId="kpi-coverage"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.punctuality')}
            value={pct(f.punctuality.rate)}
            note={t('dash.kpi.punctualityOf', { due: f.punctuality.due, missing: f.punctuality.missing })}
            onOpen={() => show('punctuality.missing', t('dash.punctuality.missing'))}
            testId="kpi-punctuality"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.activities')}
            value={f.activities.count}
            onOpen={() => show('activities.count', t('dash.kpi.activities'))}
            testId="kpi-activities"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.observations')}
            value={f.observations.count}
            note={t('dash.kpi.observers', { n: f.observations.observers })}
            onOpen={() => show('observations.count', t('dash.kpi.observations'))}
            testId="kpi-observations"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.awards')}
            value={f.awards.count}
            note={t('dash.kpi.entries', { n: f.works.entries })}
            onOpen={() => show('awards.count', t('dash.kpi.awards'))}
            testId="kpi-awards"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.publications')}
            value={f.publications.count}
            note={t('dash.kpi.studentAwards', { n: f.studentAwards.count })}
            onOpen={() => show('publications.count', t('dash.kpi.publications'))}
            testId="kpi-publications"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <Kpi
            title={t('dash.kpi.mentorships')}
            value={f.mentorships.active}
            note={t('dash.kpi.mentorshipsOf', {
              assessments: f.mentorships.assessments,
              excellent: f.mentorships.excellent,
            })}
            onOpen={() => show('mentorships.active', t('dash.kpi.mentorships'))}
            testId="kpi-mentorships"
          />
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        {manySchools && (
          <Col xs={24} lg={12} xl={8}>
            <Chart
              title={t('dash.chart.pyramid')}
              option={layers.option}
              onItem={clickThrough(layers, t('dash.chart.pyramid'))}
              testId="chart-pyramid"
            />
          </Col>
        )}
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.byLevel')}
            option={levels.option}
            empty={levels.empty}
            onItem={clickThrough(levels, t('dash.chart.byLevel'))}
            testId="chart-by-level"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.byStage')}
            option={stages.option}
            empty={stages.empty}
            onItem={clickThrough(stages, t('dash.chart.byStage'))}
            testId="chart-by-stage"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.coverageTrend')}
            option={trend.option}
            empty={trend.empty}
            onItem={(click) => {
              const point = f.coverage.trend[click.dataIndex];
              if (!point) return;
              if (point.termId === f.term.id) show('coverage.inProjects', t('dash.chart.inProjects'));
              else scope.setTermId(point.termId);
            }}
            testId="chart-coverage-trend"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.byKind')}
            option={kinds.option}
            empty={kinds.empty}
            onItem={clickThrough(kinds, t('dash.chart.byKind'))}
            testId="chart-by-kind"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.punctuality')}
            option={reports.option}
            empty={reports.empty}
            onItem={clickThrough(reports, t('dash.chart.punctuality'))}
            testId="chart-punctuality"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.awardsByLevel')}
            option={awardLevels.option}
            empty={awardLevels.empty}
            onItem={clickThrough(awardLevels, t('dash.chart.awardsByLevel'))}
            testId="chart-awards-by-level"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.awardsByResult')}
            option={results.option}
            empty={results.empty}
            onItem={clickThrough(results, t('dash.chart.awardsByResult'))}
            testId="chart-awards-by-result"
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            title={t('dash.chart.compliance')}
            option={rules.option}
            empty={rules.empty}
            onItem={clickThrough(rules, t('dash.chart.compliance'))}
            testId="chart-compliance"
          />
        </Col>
        <Col xs={24} xl={12}>
          <Chart
            title={t('dash.chart.activitiesByKind')}
            option={activities.option}
            empty={activities.empty}
            onItem={clickThrough(activities, t('dash.chart.activitiesByKind'))}
            testId="chart-activities"
          />
        </Col>
        <Col xs={24} xl={12}>
          <Chart
            title={t('dash.chart.growthByKind')}
            option={growth.option}
            empty={growth.empty}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dash.kpi.trainingHours', { n: f.growth.trainingHours })}
              </Typography.Text>
            }
            onItem={clickThrough(growth, t('dash.chart.growthByKind'))}
            testId="chart-growth"
          />
        </Col>

        <Col xs={24}>
          <Card size="small" title={t('dash.table.competitions')} data-testid="table-competitions">
            <Table<CompetitionRow>
              size="small"
              rowKey="competitionId"
              pagination={false}
              dataSource={f.awards.byCompetition}
              locale={{ emptyText: t('dash.chart.empty') }}
              // On a phone the table scrolls sideways with the competition's name held, instead of a letter a line.
              scroll={{ x: 560 }}
              columns={[
                { key: 'name', title: t('dash.table.competition'), dataIndex: 'name', fixed: 'left', width: 150 },
                {
                  key: 'level',
                  title: t('dash.table.level'),
                  render: (_, row) => labelOf(t, 'level', row.level),
                  width: 90,
                },
                {
                  key: 'entries',
                  title: t('dash.table.entries'),
                  align: 'right',
                  width: 80,
                  render: (_, row) => num(`entries.byCompetition.${row.competitionId}`, row.entries, row.name),
                },
                {
                  key: 'awards',
                  title: t('dash.table.awards'),
                  align: 'right',
                  width: 80,
                  render: (_, row) => num(`awards.byCompetition.${row.competitionId}`, row.awards, row.name),
                },
                ...(['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const).map((r) => ({
                  key: r,
                  title: t(`dash.result.${r}`),
                  align: 'right' as const,
                  width: 80,
                  render: (_: unknown, row: CompetitionRow) =>
                    num(
                      `awards.byCompetition.${row.competitionId}.${r}`,
                      row.byResult[r],
                      `${row.name} · ${t(`dash.result.${r}`)}`,
                    ),
                })),
              ]}
            />
          </Card>
        </Col>

        {manySchools && (
          <Col xs={24}>
            <Card
              size="small"
              title={t('dash.table.schools')}
              data-testid="table-schools"
              extra={
                <Button size="small" icon={<DownloadOutlined />} href={exportHref({ orgId, termId })}>
                  {t('dash.export')}
                </Button>
              }
            >
              <Table<SchoolRow>
                size="small"
                rowKey="orgId"
                dataSource={f.schools}
                pagination={f.schools.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 1100 }}
                columns={[
                  { key: 'name', title: t('dash.table.school'), dataIndex: 'name', fixed: 'left', width: 160 },
                  schoolColumn('teachers', 'dash.table.teachers', 'coverage.teachers'),
                  schoolColumn('inProjects', 'dash.table.inProjects', 'coverage.inProjects'),
                  {
                    key: 'coverageRate',
                    title: t('dash.table.coverage'),
                    align: 'right',
                    render: (_, row) => pct(row.coverageRate),
                    sorter: (a, b) => a.coverageRate - b.coverageRate,
                  },
                  schoolColumn('projectsActive', 'dash.table.projectsActive', 'projects.active'),
                  schoolColumn('topProjects', 'dash.table.topProjects', 'pyramid.top_projects'),
                  schoolColumn('activities', 'dash.table.activities', 'activities.count'),
                  schoolColumn('observations', 'dash.table.observations', 'observations.count'),
                  schoolColumn('growth', 'dash.table.growth', 'growth.count'),
                  schoolColumn('awards', 'dash.table.awards', 'awards.count'),
                  schoolColumn('publications', 'dash.table.publications', 'publications.count'),
                  {
                    key: 'punctualityRate',
                    title: t('dash.table.punctuality'),
                    align: 'right',
                    render: (_, row) => pct(row.punctualityRate),
                    sorter: (a, b) => a.punctualityRate - b.punctualityRate,
                  },
                  schoolColumn('mentorships', 'dash.table.mentorships', 'mentorships.active'),
                ]}
              />
            </Card>
          </Col>
        )}
        {f.assessment && (
          <Col xs={24} lg={12} xl={8}>
            <Chart
              title={t('dash.chart.assessment')}
              option={spread.option}
              empty={spread.empty}
              onItem={() => navigate(`/assessment?orgId=${f.org.id}&termId=${f.term.id}`)}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dash.assessment.open')}
                </Typography.Text>
              }
              testId="chart-assessment"
            />
          </Col>
        )}
      </Row>
      <RecordsDrawer scope={{ orgId, termId }} open={open} onClose={() => setOpen(null)} />
    </>
  );
}
