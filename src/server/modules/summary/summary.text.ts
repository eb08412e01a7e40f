import { bookTitle } from '../../book-title.js';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '../activities/activities.schema.js';
import { LEVELS } from '../projects/projects.workflow.js';
import type { Figures } from '../stats/stats.schema.js';
import { nextSection, problemsSection } from './summary.outlook.js';
import type { SectionKey, UsedFigure } from './summary.schema.js';
import { joinList, scopeWord, titles, type Writer } from './summary.writer.js';

/** What the summary names besides the numbers: titles, people, results (queried by the summary itself). */
export interface SummaryNames {
  orgName: string;
  orgKind: string;
  termName: string;
  steps: { action: string; title: string; hostName: string }[];
  lessons: { teacherName: string; content: string }[];
  awards: { title: string; authors: string[]; competition: string; result: string | null }[];
  activities: { kind: string; title: string }[];
  /** Items of next term's plan, when it is already made. */
  nextItems: string[];
  /** Items of this term's plan not done. */
  openItems: string[];
}

export const LEVEL_WORDS: Record<string, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区级',
  school: '校级',
};
const RESULTS = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export const RESULT_WORDS: Record<string, string> = {
  special: '特等奖',
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  merit: '优秀奖',
  shortlisted: '入围奖',
};

/** 'X级 n 项、Y级 m 项' over the non-zero keys of a by-level figure. */
function byLevel(w: Writer, base: string, unit: string, what: string): string[] {
  return LEVELS.filter((l) => w.get(`${base}.${l}`) > 0).map(
    (l) => `${LEVEL_WORDS[l]}${w.n(`${base}.${l}`, `${LEVEL_WORDS[l]}${what}`)}${unit}`,
  );
}

function intro(w: Writer, n: SummaryNames): string {
  const scope = scopeWord(n.orgKind);
  const active = w.n('projects.active', '在研课题');
  const acts = w.n('activities.count', '教研活动');
  // A zero is a problem to name later, not a headline.
  const awards = w.get('awards.count') > 0 ? w.n('awards.count', '获奖') : null;
  return w.pick('intro', [
    `${n.termName}，${n.orgName}的教科研工作以课题为牵引、以教师成长为落点，常规与特色两手并进。本学期${scope}在研课题${active}项，开展教研活动${acts}次${awards ? `，教师获奖${awards}项` : ''}。现将一学期的工作回顾如下。`,
    `一学期来，${n.orgName}把课题管理、校本研修和成果培育放在一起统筹推进。${scope}共有在研课题${active}项，组织各类教研活动${acts}次${awards ? `，论文、课例等获奖${awards}项` : ''}。具体情况总结如下。`,
    `${n.termName}，${n.orgName}紧扣“研究真问题、做实研究过程、沉淀研究成果”的要求开展工作：在研课题${active}项，教研活动${acts}次${awards ? `，获奖${awards}项` : ''}。主要工作与体会如下。`,
  ]);
}

function projects(w: Writer, n: SummaryNames): string {
  const scope = scopeWord(n.orgKind);
  const lines: string[] = [];
  const levels = byLevel(w, 'projects.activeByLevel', '项', '在研课题');
  if (w.get('projects.active') > 0) {
    const active = w.n('projects.active', '在研课题');
    const tail = levels.length > 0 ? `，其中${levels.join('、')}` : '';
    lines.push(
      w.pick('projects.active', [
        `本学期${scope}在研课题共${active}项${tail}。`,
        `本学期${scope}开展研究的课题有${active}项${tail}。`,
        `本学期${scope}承担研究任务的课题共计${active}项${tail}。`,
      ]),
    );
  } else {
    lines.push(`本学期${scope}暂无处于研究阶段的课题，课题工作以选题培育和申报准备为主。`);
  }
  const step = (a: string) => n.steps.filter((s) => s.action === a).map((s) => s.title);
  if (w.get('projects.approved') > 0) {
    const named = step('approve');
    lines.push(
      `新立项课题${w.n('projects.approved', '新立项课题')}项${named.length > 0 ? `：${titles(named, 4)}` : ''}。`,
    );
  }
  if (step('open').length > 0) {
    lines.push(
      `${titles(step('open'))}${w.pick('projects.open', ['先后完成开题论证', '相继召开开题会'])}，细化了研究目标和实施步骤。`,
    );
  }
  if (step('pass_midterm').length > 0) {
    lines.push(
      `${titles(step('pass_midterm'))}${w.pick('projects.mid', ['完成中期汇报', '通过中期检查'])}，梳理了阶段成果和下一步重点。`,
    );
  }
  if (w.get('projects.concluded') > 0) lines.push(concluded(w, step('conclude')));
  lines.push(...lessonsAndReports(w, n));
  return lines.join('\n');
}

function concluded(w: Writer, named: string[]): string {
  const grades = (['excellent', 'good', 'pass'] as const)
    .filter((g) => w.get(`projects.concludedByGrade.${g}`) > 0)
    .map((g) => {
      const word = { excellent: '优秀', good: '良好', pass: '合格' }[g];
      return `${word}${w.n(`projects.concludedByGrade.${g}`, `结题${word}`)}项`;
    });
  const count = w.n('projects.concluded', '结题课题');
  return `本学期有${count}项课题顺利结题${grades.length > 0 ? `（${grades.join('、')}）` : ''}${named.length > 0 ? `，包括${titles(named)}` : ''}。`;
}

function lessonsAndReports(w: Writer, n: SummaryNames): string[] {
  const lines: string[] = [];
  const scope = scopeWord(n.orgKind);
  const who = n.lessons.slice(0, 3).map((l) => `${l.teacherName}老师执教的“${l.content}”`);
  if (w.get('activities.byKind.research_lesson') > 0) {
    const rl = w.n('activities.byKind.research_lesson', '研究课');
    lines.push(
      w.pick('projects.lessons', [
        `各课题组坚持用课堂检验研究，本学期开设课题研究课${rl}节${who.length > 0 ? `，${joinList(who)}等课例围绕研究问题展开` : ''}。`,
        `研究课是课题落地的主要载体，本学期共开设${rl}节${who.length > 0 ? `，其中包括${joinList(who)}` : ''}。`,
      ]),
    );
  } else if (who.length > 0) {
    lines.push(`${joinList(who)}作为课题研究课进行了展示和研讨。`);
  }
  if (w.get('punctuality.due') > 0) {
    const due = w.n('punctuality.due', '月报应交');
    const onTime = w.n('punctuality.onTime', '月报按时提交');
    const rate = w.pct('punctuality.rate', '月报按时率');
    lines.push(
      w.pick('projects.reports', [
        `过程管理上，坚持月报与月查：课题月报应交${due}份，按时提交${onTime}份，按时率${rate}。`,
        `月报制度继续执行，本学期应交月报${due}份，按时上交${onTime}份，按时率为${rate}。`,
      ]),
    );
  }
  if (w.get('coverage.teachers') > 0) {
    const teachers = w.n('coverage.teachers', '教师人数');
    const inProjects = w.n('coverage.inProjects', '参与课题的教师');
    const rate = w.pct('coverage.rate', '课题覆盖率');
    lines.push(
      w.pick('projects.coverage', [
        `${scope}${teachers}名教师中有${inProjects}人参与课题研究，课题覆盖率为${rate}。`,
        `从参与面看，${scope}${teachers}名教师里参与课题研究的有${inProjects}人，覆盖率${rate}。`,
      ]),
    );
  }
  return lines;
}

function development(w: Writer): string {
  const lines: string[] = [];
  const g = (k: string) => w.get(`growth.byKind.${k}`);
  const part = (k: string, word: string, unit: string) => `${word}${w.n(`growth.byKind.${k}`, word)}${unit}`;
  if (g('reading') > 0) {
    lines.push(
      w.pick('dev.reading', [
        `读书活动持续开展，教师撰写读书笔记和读后感${w.n('growth.byKind.reading', '读书笔记')}篇。`,
        `教师在阅读中充实自己，本学期登记读书笔记、读后感${w.n('growth.byKind.reading', '读书笔记')}篇。`,
      ]),
    );
  }
  const writing = (
    [
      ['essay', '随笔'],
      ['reflection', '教学反思'],
      ['case', '教学案例'],
      ['narrative', '教育叙事'],
    ] as const
  )
    .filter(([k]) => g(k) > 0)
    .map(([k, word]) => part(k, word, '篇'));
  if (writing.length > 0) lines.push(`在写作方面，教师共撰写${joinList(writing)}，把日常的教学思考落在笔头。`);
  const lessons = [
    ...(g('lesson_plan') > 0 ? [part('lesson_plan', '教案', '篇')] : []),
    ...(g('lesson_example') > 0 ? [part('lesson_example', '课例', '节')] : []),
  ];
  if (lessons.length > 0) lines.push(`提交优秀${joinList(lessons)}，充实了学校的研修资源。`);
  if (g('training') > 0) {
    const times = w.n('growth.byKind.training', '培训');
    const hours = w.get('growth.trainingHours') > 0 ? `，累计${w.qty('growth.trainingHours', '培训学时')}学时` : '';
    lines.push(`教师参加各级各类培训${times}人次${hours}。`);
  }
  if (g('study') > 0) lines.push(`外出学习${w.n('growth.byKind.study', '外出学习')}人次，学习所得在组内作了分享。`);
  if (w.get('observations.count') > 0) {
    const observers = w.n('observations.observers', '听课教师');
    const count = w.n('observations.count', '听课节数');
    lines.push(
      w.pick('dev.observations', [
        `听课评课扎实开展，${observers}名教师共听课${count}节。`,
        `本学期${observers}名教师走进同伴课堂，累计听课${count}节。`,
      ]),
    );
  }
  if (w.get('mentorships.active') > 0) {
    const pairs = w.n('mentorships.active', '师徒结对');
    const checks = w.n('mentorships.assessments', '师徒月度考核');
    const excellent =
      w.get('mentorships.excellent') > 0 ? `，评出优秀师徒${w.n('mentorships.excellent', '优秀师徒')}对` : '';
    lines.push(`青蓝工程结对${pairs}对，完成月度考核${checks}次${excellent}。`);
  }
  if (lines.length === 0) lines.push('本学期教师专业发展方面登记的记录较少，有待各教研组督促及时登记。');
  return lines.join('\n');
}

function awards(w: Writer, n: SummaryNames): string {
  const lines: string[] = [];
  const first: string[] = [];
  if (w.get('works.byKind.paper') > 0) first.push(`教师撰写论文${w.n('works.byKind.paper', '论文')}篇`);
  if (w.get('works.entries') > 0) first.push(`报送参加各级评比${w.n('works.entries', '参评作品')}篇（次）`);
  if (first.length > 0) lines.push(`${first.join('，')}。`);
  if (w.get('awards.count') > 0) {
    const levels = byLevel(w, 'awards.byLevel', '项', '获奖');
    const results = RESULTS.filter((r) => w.get(`awards.byResult.${r}`) > 0).map(
      (r) => `${RESULT_WORDS[r]}${w.n(`awards.byResult.${r}`, RESULT_WORDS[r])}项`,
    );
    lines.push(
      `本学期教师获奖${w.n('awards.count', '获奖')}项${levels.length > 0 ? `，其中${levels.join('、')}` : ''}${results.length > 0 ? `；按等第计，${results.join('、')}` : ''}。`,
    );
    const rows = figureCompetitions(w).slice(0, 6);
    if (rows.length > 0) lines.push(`分评比看，${rows.join('，')}。`);
    const named = n.awards
      .slice(0, 10)
      .map(
        (a) =>
          `${a.authors.join('、')}老师的${bookTitle(a.title)}获${a.competition}${RESULT_WORDS[a.result ?? ''] ?? '奖项'}`,
      );
    if (named.length > 0) lines.push(`其中，${named.join('；')}。`);
  }
  if (w.get('publications.count') > 0) {
    const levels = byLevel(w, 'publications.byLevel', '篇', '发表');
    lines.push(
      `在各级报刊发表论文${w.n('publications.count', '发表论文')}篇${levels.length > 0 ? `（${levels.join('、')}）` : ''}。`,
    );
  }
  if (w.get('studentAwards.count') > 0) {
    lines.push(`教师指导学生参赛，学生获奖${w.n('studentAwards.count', '指导学生获奖')}人次。`);
  }
  if (lines.length === 0) lines.push('本学期尚未登记论文、评比和发表记录。');
  return lines.join('\n');
}

/** '师陶杯获奖 3 项' for each competition with awards, in the figures' order. */
function figureCompetitions(w: Writer): string[] {
  return w
    .competitions()
    .map((c) => `${c.name}获奖${w.n(`awards.byCompetition.${c.competitionId}.awards`, `${c.name}获奖`)}项`);
}

function activities(w: Writer, n: SummaryNames): string {
  const scope = scopeWord(n.orgKind);
  if (w.get('activities.count') === 0) return '本学期尚未登记教研活动，各教研组的活动记录需要及时补录。';
  const kinds = [...ACTIVITY_KINDS]
    .filter((k) => w.get(`activities.byKind.${k}`) > 0)
    .sort((a, b) => w.get(`activities.byKind.${b}`) - w.get(`activities.byKind.${a}`))
    .map((k) => {
      const word = k === 'lecture' ? '讲座' : ACTIVITY_KIND_LABELS[k];
      return `${word}${w.n(`activities.byKind.${k}`, word)}次`;
    });
  const count = w.n('activities.count', '教研活动');
  const lines = [
    w.pick('activities.count', [
      `本学期${scope}共开展教研活动${count}次，其中${kinds.join('、')}。`,
      `${scope}全学期组织教研活动${count}次，包括${kinds.join('、')}。`,
    ]),
  ];
  const showcase = n.activities.filter((a) => a.kind !== 'collective_prep' && a.kind !== 'lesson_review').slice(0, 3);
  if (showcase.length > 0) {
    lines.push(
      `${showcase.map((a) => `“${a.title}”`).join('')}${w.pick('activities.show', ['等活动围绕课堂教学和课题研究展开', '等活动把研讨落在课堂里的具体问题上'])}。`,
    );
  }
  return lines.join('\n');
}

/** Every section's machine text and the figures it states. */
export function writeSections(w: Writer, n: SummaryNames): { texts: Record<SectionKey, string>; used: UsedFigure[] } {
  const texts: Record<SectionKey, string> = {
    intro: intro(w, n),
    projects: projects(w, n),
    development: development(w),
    awards: awards(w, n),
    activities: activities(w, n),
    problems: problemsSection(w, n),
    next: nextSection(w, n),
  };
  return { texts, used: w.used };
}

export type { Figures };
