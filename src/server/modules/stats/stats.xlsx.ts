import type ExcelJS from 'exceljs';
import { excel } from '../../xlsx.js';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '../activities/activities.schema.js';
import { KIND_LABELS, PROJECT_KINDS } from '../calls/calls.schema.js';
import { GROWTH_KIND_LABELS, GROWTH_KINDS } from '../growth/growth.schema.js';
import { LEVEL_LABELS, LEVELS, STAGE_LABELS, STAGES } from '../projects/projects.workflow.js';
import { levelLabel, RESULT_LABELS } from './stats.compute.js';
import { AWARD_RESULTS, type Figures } from './stats.schema.js';

const RULE_LABELS: Record<string, string> = {
  observations: '听课',
  writing: '随笔/反思/读书笔记',
  competition: '论文评比',
  one_lesson: '一人一课',
  eight_ones: '八个一',
};
const LAYER_LABELS: Record<string, string> = {
  narrative_case: '教育叙事与案例',
  school_projects: '校级规划课题',
  district_city_projects: '区级、市级课题',
  top_projects: '省级、国家级课题',
};
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: (string | number)[][]) {
  const ws = wb.addWorksheet(name);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 24 : 12;
  });
}

/** The dashboard's figures and tables (统计报表) of one scope and term. */
export async function statsWorkbook(f: Figures): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  sheet(
    wb,
    '概览',
    ['项目', '数值'],
    [
      ['范围', f.org.name],
      ['学期', f.term.name],
      ['本学期课题数', f.projects.total],
      ['在研课题数', f.projects.active],
      ['本学期立项', f.projects.approved],
      ['本学期结题', f.projects.concluded],
      ['教师数', f.coverage.teachers],
      ['参与课题教师数', f.coverage.inProjects],
      ['课题覆盖率', pct(f.coverage.rate)],
      ['月报应交', f.punctuality.due],
      ['月报按时', f.punctuality.onTime],
      ['月报逾期', f.punctuality.late],
      ['月报缺交', f.punctuality.missing],
      ['月报按时率', pct(f.punctuality.rate)],
      ['教研活动', f.activities.count],
      ['听课记录', f.observations.count],
      ['成长记录', f.growth.count],
      ['培训学时', f.growth.trainingHours],
      ['师徒结对', f.mentorships.active],
      ['成果（论文等）', f.works.count],
      ['参评', f.works.entries],
      ['获奖', f.awards.count],
      ['发表', f.publications.count],
      ['指导学生获奖', f.studentAwards.count],
    ],
  );
  sheet(
    wb,
    '课题',
    ['分类', '项', '数量'],
    [
      ...LEVELS.map((l) => ['级别', LEVEL_LABELS[l], f.projects.byLevel[l]]),
      ...LEVELS.map((l) => ['在研·级别', LEVEL_LABELS[l], f.projects.activeByLevel[l]]),
      ...STAGES.map((s) => ['阶段', STAGE_LABELS[s], f.projects.byStage[s]]),
      ...PROJECT_KINDS.map((k) => ['类别', KIND_LABELS[k], f.projects.byKind[k]]),
    ],
  );
  sheet(
    wb,
    '覆盖率趋势',
    ['学期', '教师数', '参与课题', '覆盖率'],
    f.coverage.trend.map((t) => [t.termName, t.teachers, t.inProjects, pct(t.rate)]),
  );
  sheet(
    wb,
    '评比获奖',
    ['评比', '级别', '参评', '获奖', ...AWARD_RESULTS.map((r) => RESULT_LABELS[r])],
    f.awards.byCompetition.map((c) => [
      c.name,
      levelLabel(c.level),
      c.entries,
      c.awards,
      ...AWARD_RESULTS.map((r) => c.byResult[r]),
    ]),
  );
  sheet(
    wb,
    '发表与学生获奖',
    ['级别', '获奖', '发表', '指导学生获奖'],
    LEVELS.map((l) => [LEVEL_LABELS[l], f.awards.byLevel[l], f.publications.byLevel[l], f.studentAwards.byLevel[l]]),
  );
  sheet(
    wb,
    '教研活动',
    ['类型', '次数'],
    [...ACTIVITY_KINDS.map((k) => [ACTIVITY_KIND_LABELS[k], f.activities.byKind[k]])],
  );
  sheet(
    wb,
    '成长记录',
    ['类型', '条数'],
    GROWTH_KINDS.map((k) => [GROWTH_KIND_LABELS[k], f.growth.byKind[k]]),
  );
  sheet(
    wb,
    '达标情况',
    ['规则', '应达标人数', '达标人数', '达标率'],
    (f.compliance?.rules ?? []).map((r) => [RULE_LABELS[r.rule] ?? r.rule, r.required, r.met, pct(r.rate)]),
  );
  sheet(
    wb,
    '金字塔',
    ['层', '数量'],
    f.pyramid.map((p) => [LAYER_LABELS[p.layer] ?? p.layer, p.count]),
  );
  sheet(
    wb,
    '各校对比',
    [
      '学校',
      '教师数',
      '参与课题',
      '覆盖率',
      '在研课题',
      '省级及以上课题',
      '教研活动',
      '听课',
      '成长记录',
      '获奖',
      '发表',
      '月报按时率',
      '师徒结对',
    ],
    f.schools.map((s) => [
      s.name,
      s.teachers,
      s.inProjects,
      pct(s.coverageRate),
      s.projectsActive,
      s.topProjects,
      s.activities,
      s.observations,
      s.growth,
      s.awards,
      s.publications,
      pct(s.punctualityRate),
      s.mentorships,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
