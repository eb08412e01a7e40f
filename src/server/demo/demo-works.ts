import type { Ctx } from '../access/principal.js';
import { AuthRepo } from '../auth/auth.repo.js';
import { addDays, schoolYearOf } from '../calendar.js';
import type { Database } from '../db/database.js';
import type { WorkKind, WorkResult } from '../modules/works/works.schema.js';
import { WorksService } from '../modules/works/works.service.js';
import { localFileStore } from '../storage/file-store.js';
import { NO_SCAN } from '../storage/scanner.js';

/** One demo work: its kind, title and what happens to it this term. */
interface DemoWork {
  kind: WorkKind;
  title: string;
  chars?: number;
  /** Built-in competition id to enter. */
  comp?: string;
  /** The school's pre-review decision; 'pending' leaves it in pre-review. */
  decision?: 'recommend' | 'not_recommend' | 'pending';
  result?: WorkResult;
  publication?: { journal: string; level: 'national' | 'provincial' | 'city' | 'district'; issue: string };
  coauthor?: boolean;
  outside?: string;
  /** Link to the school's n-th running project. */
  project?: number;
  /** First author: the named demo teacher. */
  demoTeacher?: boolean;
}

const SCHOOL_WORKS: DemoWork[] = [
  {
    kind: 'paper',
    title: '整本书阅读推进课的实践与思考',
    chars: 4600,
    comp: 'comp-shitao',
    decision: 'recommend',
    publication: { journal: '江苏教育', level: 'provincial', issue: '2026年第10期' },
    project: 0,
  },
  {
    kind: 'paper',
    title: '“双减”背景下小学数学分层作业设计研究',
    chars: 5200,
    comp: 'comp-shitao',
    decision: 'recommend',
    coauthor: true,
    project: 0,
  },
  { kind: 'paper', title: '青年教师课堂提问的有效性分析', chars: 3800, comp: 'comp-wusi', decision: 'recommend' },
  {
    kind: 'paper',
    title: '以项目化学习撬动学生深度学习',
    chars: 4100,
    comp: 'comp-wusi',
    decision: 'recommend',
    publication: { journal: '区教研', level: 'district', issue: '2026年第3期' },
    project: 1,
  },
  { kind: 'paper', title: '浅谈低年级识字教学的趣味化', chars: 2600, comp: 'comp-wusi', decision: 'not_recommend' },
  {
    kind: 'paper',
    title: '在真实情境中培养学生的语言运用能力',
    chars: 4300,
    comp: 'comp-xingzhi',
    decision: 'recommend',
    result: 'second',
    demoTeacher: true,
    project: 0,
  },
  {
    kind: 'paper',
    title: '陶行知“教学做合一”思想在劳动教育中的运用',
    chars: 3900,
    comp: 'comp-xingzhi',
    decision: 'recommend',
    result: 'third',
  },
  {
    kind: 'paper',
    title: '小学英语绘本阅读教学策略探究',
    chars: 4500,
    comp: 'comp-lantian',
    decision: 'recommend',
    result: 'second',
    publication: { journal: '江苏教育研究', level: 'provincial', issue: '2026年第11期' },
    outside: '陈晓（区教研室）',
  },
  {
    kind: 'paper',
    title: '课堂观察视角下的教学分层度研究',
    chars: 5600,
    comp: 'comp-jiaohai',
    decision: 'recommend',
    result: 'first',
    coauthor: true,
  },
  {
    kind: 'paper',
    title: '运河文化融入校本课程的实践路径',
    chars: 3600,
    comp: 'comp-yunhe',
    decision: 'recommend',
    result: 'merit',
    publication: { journal: '市教育报', level: 'city', issue: '第1287期' },
  },
  {
    kind: 'paper',
    title: '学校教科研管理的精细化探索',
    chars: 4800,
    comp: 'comp-management',
    decision: 'recommend',
    result: 'third',
  },
  {
    kind: 'paper',
    title: '基于学习任务群的单元整体教学设计',
    chars: 4000,
    comp: 'comp-effective',
    decision: 'pending',
  },
  { kind: 'design', title: '《富饶的西沙群岛》教学设计', comp: 'comp-lantian', decision: 'recommend', result: 'third' },
  { kind: 'design', title: '《认识周长》教学设计', comp: 'comp-lantian', decision: 'recommend' },
  { kind: 'design', title: 'Unit 3 Look at me 教学设计', comp: 'comp-design', decision: 'pending' },
  {
    kind: 'lesson_plan',
    title: '《秋天的雨》第二课时教案',
    comp: 'comp-city-plan',
    decision: 'recommend',
    result: 'second',
  },
  {
    kind: 'lesson_plan',
    title: '《两位数乘两位数》教案',
    comp: 'comp-city-plan',
    decision: 'recommend',
    result: 'third',
  },
  { kind: 'case', title: '一次“冷场”后的课堂重建——教学案例', comp: 'comp-case', decision: 'recommend' },
  { kind: 'courseware', title: '古诗二首：山行 互动课件' },
  { kind: 'book', title: '走向深度学习的课堂（校本读本）', chars: 120000 },
];

const OTHER_WORKS: DemoWork[] = [
  {
    kind: 'paper',
    title: '农村小学留守儿童阅读习惯的培养',
    chars: 4200,
    comp: 'comp-shitao',
    decision: 'recommend',
    result: 'third',
  },
  {
    kind: 'paper',
    title: '数学实验课的设计与实施',
    chars: 3700,
    comp: 'comp-wusi',
    decision: 'recommend',
    publication: { journal: '江苏教育', level: 'provincial', issue: '2026年第12期' },
  },
  { kind: 'paper', title: '小学体育大课间活动的优化', chars: 3100, comp: 'comp-xingzhi', decision: 'pending' },
  { kind: 'design', title: '《分数的初步认识》教学设计', comp: 'comp-design', decision: 'recommend', result: 'second' },
  { kind: 'case', title: '家校共育中的一次沟通——德育案例' },
  { kind: 'lesson_example', title: '《山行》课例' },
];

const STUDENT_AWARDS = [
  { studentName: '李沐阳', className: '五(2)班', competition: '增华阁作文大赛', level: 'city', result: 'first' },
  {
    studentName: '王可欣',
    className: '四(1)班',
    competition: '小学生数学思维挑战赛',
    level: 'district',
    result: 'second',
  },
  { studentName: '张一诺', className: '六(3)班', competition: '英语讲故事比赛', level: 'district', result: 'third' },
] as const;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The i-th of n days spread evenly between two dates. */
const spread = (from: string, to: string, i: number, n: number) => {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return isoDay(new Date(a + Math.floor(((b - a) * i) / Math.max(1, n))));
};

/**
 * This school year's edition (届次) of every competition the demo enters works in, through the catalogue's own
 * service. A competition with results has closed: its deadline is the last day a demo work was entered in it.
 * One still in the school's pre-review closes in four days (so its authors get the 即将截止 reminder); the
 * others close in a month.
 */
async function demoEditions(works: WorksService, ctx: Ctx, year: number, termStart: string, today: string) {
  const entered = new Map<string, { last: string; results: boolean; pending: boolean }>();
  for (const list of [SCHOOL_WORKS, OTHER_WORKS]) {
    for (const [i, d] of list.entries()) {
      if (!d.comp) continue;
      const on = spread(termStart, today, i, list.length + 4);
      const seen = entered.get(d.comp) ?? { last: on, results: false, pending: false };
      entered.set(d.comp, {
        last: on > seen.last ? on : seen.last,
        results: seen.results || d.result !== undefined,
        pending: seen.pending || d.decision === 'pending',
      });
    }
  }
  const out = new Map<string, { id: string; deadline: string }>();
  for (const [competitionId, e] of entered) {
    const deadline = e.results ? e.last : addDays(today, e.pending ? 4 : 30);
    const saved = await works.competitions.addEdition(ctx, competitionId, { year, deadline });
    const edition = saved.editions.find((x) => x.year === year && x.deadline === deadline);
    if (!edition) throw new Error(`demo edition of ${competitionId} missing`);
    out.set(competitionId, { id: edition.id, deadline });
  }
  return out;
}

/** Everything a school's demo works need: who is who and the dates of the current term. */
export interface DemoWorksSchool {
  schoolId: string;
  directorId: string;
  /** The named demo teacher (first author of the 行知杯二等奖), if this is their school. */
  teacherId?: string;
}

/**
 * The demo schools' works of the term through the real services: papers, designs and plans entered
 * into the seeds' competitions (师陶杯, 五四杯, 行知杯…) with the school's pre-review, results (a 行知杯
 * 二等奖 among them), publications, student-guidance awards and works linked to running projects.
 */
export async function loadDemoWorks(
  database: Database,
  schools: readonly DemoWorksSchool[],
  termStart: string,
  today: string,
) {
  const auth = new AuthRepo(database.db);
  const ctxOf = async (id: string): Promise<Ctx> => {
    const p = await auth.loadPrincipal(id);
    if (!p) throw new Error(`demo principal ${id} missing`);
    return { principal: { ...p, via: 'session' }, ip: null };
  };
  const works = new WorksService(database, { store: localFileStore(), scanner: NO_SCAN });
  const year = schoolYearOf(termStart);
  const editions = await demoEditions(works, await ctxOf(schools[0].directorId), year, termStart, today);
  for (const [si, school] of schools.entries()) {
    const director = await ctxOf(school.directorId);
    const teacherRows = await database.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', school.schoolId)
      .where('id', '!=', school.directorId)
      .orderBy('name_key')
      .execute();
    const teachers = teacherRows.map((t) => t.id).filter((id) => id !== school.teacherId);
    const projects = await database.db
      .selectFrom('projects')
      .select('id')
      .where('org_id', '=', school.schoolId)
      .where('stage', 'in', ['approved', 'in_progress', 'midterm_passed', 'conclusion_requested'])
      // The demo teacher's own project keeps its unmet conclusion rule, so 结题条件 shows a ✗ to work on.
      .where('host_id', '!=', school.teacherId ?? '')
      .orderBy('created_at')
      .execute();
    const list = si === 0 ? SCHOOL_WORKS : OTHER_WORKS;
    for (const [i, d] of list.entries()) {
      const first = d.demoTeacher && school.teacherId ? school.teacherId : teachers[(i * 3) % teachers.length];
      const second = teachers[(i * 3 + 1) % teachers.length];
      const project = d.project === undefined ? undefined : projects[d.project]?.id;
      const work = await works.create(director, {
        kind: d.kind,
        title: d.title,
        orgId: school.schoolId,
        charCount: d.chars,
        writtenOn: spread(termStart, today, i, list.length * 2),
        authors: [
          { personId: first },
          ...(d.coauthor ? [{ personId: second }] : []),
          ...(d.outside ? [{ outsideName: d.outside }] : []),
        ],
        projectIds: project ? [project] : [],
      });
      if (d.publication) {
        await works.addPublication(director, work.id, {
          ...d.publication,
          publishedOn: spread(termStart, today, i + 2, list.length + 2),
          pages: `${10 + i}-${13 + i}`,
        });
      }
      if (!d.comp) continue;
      const enteredOn = spread(termStart, today, i, list.length + 4);
      const edition = editions.get(d.comp);
      const entry = await works.entries.create(await ctxOf(first), work.id, {
        competitionId: d.comp,
        editionId: edition?.id,
        year,
        enteredOn,
      });
      // 校内初审: two colleagues of the school's review group (never an author); the pending one waits on the demo teacher.
      const reviewers =
        d.decision === 'pending' && school.teacherId && first !== school.teacherId
          ? [school.teacherId]
          : [teachers[(i * 3 + 5) % teachers.length], teachers[(i * 3 + 7) % teachers.length]].filter(
              (id) => id !== first && id !== second,
            );
      await works.entries.assign(director, work.id, entry.id, reviewers);
      if (d.decision === 'pending') continue;
      for (const [k, reviewerId] of reviewers.entries()) {
        const base = d.decision === 'recommend' ? 4 : 0;
        await works.entries.score(await ctxOf(reviewerId), work.id, entry.id, {
          scores: { topic: 17 + base + k, content: 24 + base + k, method: 13 + base, writing: 14 + base },
          comment: d.decision === 'recommend' ? '选题贴近实践，论证较充分，建议推荐。' : '观点尚需提炼，案例支撑不足。',
          opinion: d.decision,
        });
      }
      const decided = await works.entries.decide(director, work.id, entry.id, {
        decision: d.decision ?? 'recommend',
        comment: d.decision === 'not_recommend' ? '修改完善后下学期再报送' : '推荐报送',
      });
      if (d.decision === 'not_recommend') continue;
      const submitted = await works.entries.update(director, work.id, entry.id, {
        version: decided.version,
        status: 'submitted',
      });
      if (!d.result) continue;
      await works.entries.update(director, work.id, entry.id, {
        version: submitted.version,
        result: d.result,
        // Results come out after the edition's deadline.
        resultOn: spread(edition?.deadline ?? enteredOn, today, 2, 3),
      });
    }
    for (const [k, a] of STUDENT_AWARDS.entries()) {
      if (si > 0 && k > 0) break;
      await works.studentAwards.create(director, {
        ...a,
        personId: k === 0 && school.teacherId ? school.teacherId : teachers[k + 2],
        awardedOn: spread(termStart, today, k + 1, 4),
      });
    }
  }
}
