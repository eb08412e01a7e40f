import type { Ctx } from '../access/principal.js';
import { AuthRepo } from '../auth/auth.repo.js';
import { today, yearsBefore } from '../calendar.js';
import type { Database } from '../db/database.js';
import { CallService } from '../modules/calls/calls.service.js';
import { ProjectService } from '../modules/projects/projects.service.js';
import type { Action } from '../modules/projects/projects.workflow.js';
import { type DemoRunning, loadDemoRunning } from './demo-running.js';

/** A demo project: its text, who hosts it, and the actions that bring it to its stage. */
interface DemoProject {
  title: string;
  school: 0 | 1;
  level: 'district' | 'school';
  kind: 'key' | 'general' | 'youth' | 'micro';
  subject: string;
  /** Index of the host among the school's teachers (deterministic demo staff). */
  host: number;
  steps: Action[];
  grade?: 'excellent' | 'good' | 'pass';
  reason?: string;
}

const PROJECTS: DemoProject[] = [
  {
    title: '基于“生态课堂”理念的小学语文阅读教学实践研究',
    school: 0,
    level: 'district',
    kind: 'key',
    subject: '语文',
    host: 6,
    steps: ['submit', 'recommend', 'approve', 'open'],
  },
  {
    title: '本土红色文化融入小学德育校本课程的开发研究',
    school: 0,
    level: 'district',
    kind: 'general',
    subject: '道德与法治',
    host: 3,
    steps: ['submit', 'recommend', 'approve', 'open', 'pass_midterm'],
  },
  {
    title: '学校“一校一品”课堂教学品牌建设的实践研究',
    school: 0,
    level: 'district',
    kind: 'general',
    subject: '综合',
    host: 9,
    steps: ['submit', 'recommend', 'approve', 'open', 'pass_midterm', 'request_conclusion'],
  },
  {
    title: '小学高年级学生速度素质“课课练”的实践研究',
    school: 0,
    level: 'district',
    kind: 'general',
    subject: '体育',
    host: 12,
    steps: ['submit', 'recommend', 'approve', 'open', 'pass_midterm', 'request_conclusion', 'conclude'],
    grade: 'excellent',
  },
  {
    title: '双减背景下小学数学分层作业设计的实践研究',
    school: 0,
    level: 'district',
    kind: 'youth',
    subject: '数学',
    host: 5,
    steps: ['submit'],
  },
  {
    title: '绘本阅读提升小学英语学困生学习兴趣的行动研究',
    school: 0,
    level: 'district',
    kind: 'youth',
    subject: '英语',
    host: 2,
    steps: ['submit', 'recommend'],
  },
  {
    title: '小学低段识字教学游戏化策略的研究',
    school: 0,
    level: 'district',
    kind: 'general',
    subject: '语文',
    host: 14,
    steps: [],
  },
  {
    title: '信息技术支持下的初中数学精准教学研究',
    school: 1,
    level: 'district',
    kind: 'key',
    subject: '数学',
    host: 1,
    steps: ['submit', 'recommend', 'approve'],
  },
  {
    title: '初中物理实验探究能力培养的校本实践研究',
    school: 1,
    level: 'district',
    kind: 'general',
    subject: '物理',
    host: 3,
    steps: ['submit', 'recommend', 'send_to_review'],
  },
  {
    title: '初中历史“大单元”教学设计的实践研究',
    school: 1,
    level: 'district',
    kind: 'general',
    subject: '历史',
    host: 4,
    steps: ['submit', 'recommend', 'reject'],
    reason: '研究问题与已立项课题高度重合，建议调整选题方向后再申报',
  },
  {
    title: '小学科学项目化学习的实践研究',
    school: 0,
    level: 'school',
    kind: 'micro',
    subject: '科学',
    host: 16,
    steps: ['submit', 'approve', 'open'],
  },
  {
    title: '乡村初中学生课外阅读习惯养成的实践研究',
    school: 1,
    level: 'school',
    kind: 'micro',
    subject: '语文',
    host: 8,
    steps: ['submit', 'approve', 'open'],
  },
];

const SECTIONS = (p: DemoProject) => ({
  significance: `${p.title.replace(/的.*研究$/, '')}是本校落实课程改革、提升课堂质量的现实需要。前期调查显示，相关问题在日常教学中普遍存在，教师有改进的愿望但缺少系统的方法，开展本课题研究有助于把零散经验提炼为可推广的做法。`,
  goals: '1. 梳理现状与成因；2. 形成一套可操作的教学策略与案例；3. 提升参与教师的研究能力，带动教研组整体发展。',
  methods:
    '以行动研究法为主，辅以文献研究法、问卷调查法和个案研究法；每学期开展不少于两次课题研究课，课后集体评课议课。',
  steps:
    '准备阶段（第一学期）：文献学习、现状调查、制订方案、开题论证；实施阶段（第二至三学期）：课堂实践、每月汇报、中期检查；总结阶段（第四学期）：整理资料、撰写报告、申请结题。',
});

/**
 * The demo's research office at work: a district call with quotas and a 青年 share, and a dozen
 * projects walked through the real services to every stage (so history, numbers and desks are real).
 */
export async function loadDemoProjects(
  database: Database,
  ids: {
    district: string;
    schools: string[];
    schoolTeachers: string[][];
    director: string;
    director2: string;
    districtAdmin: string;
    experts: string[];
  },
) {
  const auth = new AuthRepo(database.db);
  const ctxOf = async (personId: string): Promise<Ctx> => {
    const p = await auth.loadPrincipal(personId);
    if (!p) throw new Error(`demo principal ${personId} missing`);
    return { principal: { ...p, via: 'session' }, ip: null };
  };
  const admin = await ctxOf(ids.districtAdmin);
  const on = today();
  const year = Number(on.slice(0, 4));
  const youthCutoff = `${year - 36}-01-01`;
  const calls = new CallService(database);
  const call = await calls.create(admin, {
    title: `示例区${year}年度教育科学规划课题申报通知`,
    orgId: ids.district,
    levels: ['district'],
    opensOn: yearsBefore(on, 1),
    closesOn: `${year + 1}-03-31`,
    closesAt: '17:00',
    quotas: [
      { orgId: ids.schools[0], count: 5 },
      { orgId: ids.schools[1], count: 4 },
    ],
    kinds: [{ kind: 'youth', bornOnOrAfter: youthCutoff, minShare: 0.2 }],
    guide: [
      '双减背景下的作业设计与评价',
      '学科核心素养导向的课堂教学',
      '红色文化与德育课程建设',
      '信息技术与学科教学深度融合',
      '乡村学校课堂教学质量提升',
    ],
    planPeriod: '十五五',
    numberFormat: `${year}-QJ-{seq:3}`,
    description: '各校于截止日前完成校内初审并择优推荐；青年教师专项主持人须为 36 周岁以下教师。',
  });
  const projects = new ProjectService(database);
  const made: DemoRunning[] = [];
  const usedHosts = new Set<string>();
  for (const d of PROJECTS) {
    const teachers = ids.schoolTeachers[d.school];
    let hostId = teachers[d.host % teachers.length];
    if (d.kind === 'youth') {
      // 青年专项: the first teacher from the planned one on who meets the call's age rule.
      const young = await database.db
        .selectFrom('people')
        .select('id')
        .where('id', 'in', teachers)
        .where('birth_date', '>=', youthCutoff)
        .execute();
      const ok = new Set(young.map((y) => y.id));
      hostId =
        [...teachers.slice(d.host), ...teachers.slice(0, d.host)].find((t) => ok.has(t) && !usedHosts.has(t)) ?? hostId;
    }
    usedHosts.add(hostId);
    const members = [1, 2].map((k) => teachers[(d.host + k * 5) % teachers.length]).filter((m) => m !== hostId);
    const director = await ctxOf(d.school === 0 ? ids.director : ids.director2);
    const host = await ctxOf(hostId);
    const created = await projects.create(director, {
      title: d.title,
      callId: d.level === 'district' ? call.id : undefined,
      level: d.level,
      kind: d.kind,
      orgId: ids.schools[d.school],
      hostId,
      subject: d.subject,
      planPeriod: '十五五',
      members: members.map((m, i) => ({ personId: m, role: i === 0 ? 'core' : 'member' })),
      expectedOutcomes: [
        { kind: 'paper', count: d.level === 'district' ? 2 : 1 },
        { kind: 'lesson', count: 4 },
        { kind: 'report', count: 1 },
      ],
      sections: SECTIONS(d),
      startsOn: `${year}-03-01`,
      endsOn: `${year + 2}-06-30`,
    });
    for (const action of d.steps) {
      const actor =
        action === 'submit' || action === 'request_conclusion'
          ? host
          : action === 'recommend' || action === 'open' || (d.level === 'school' && action === 'approve')
            ? director
            : admin;
      await projects.transition(actor, created.id, {
        action,
        reason: action === 'reject' ? d.reason : action === 'request_conclusion' ? '研究任务已按方案完成' : undefined,
        grade: action === 'conclude' ? d.grade : undefined,
      });
    }
    const now = await projects.get(admin, created.id).catch(() => projects.get(director, created.id));
    made.push({ id: created.id, title: d.title, stage: now.stage, host, director });
  }
  const experts = await Promise.all(ids.experts.map(ctxOf));
  await loadDemoRunning(database, on, made, { manager: admin, experts });
  return { call: call.id, projects: PROJECTS.length };
}
