import { schoolYearOf } from '../../calendar.js';
import type { EightOneItem, EightOneKey, Evidence, GrowthKind } from './growth.schema.js';

/**
 * The school's 八个一 checklist, computed from the records (never ticked by hand). Each item is a
 * row of data: which growth-record kinds count, how many are needed, how long their text must be,
 * and which other records (projects, research lessons, project outputs, registered works) count as well.
 */

/** Other records that may stand behind an item. */
export type OtherSource = 'project' | 'research_lesson' | 'paper_output' | 'work';

/** Kinds of registered works (论文与获奖) that may count toward an item. */
export const EIGHT_ONE_WORK_KINDS = ['paper', 'lesson_plan', 'design', 'lesson_example'] as const;
export type WorkKindCounted = (typeof EIGHT_ONE_WORK_KINDS)[number];

/** A work row as the loaders read it, as a fact: dated by when it was written, else when it was registered. */
export function workFact(w: {
  id: string;
  kind: string;
  title: string;
  char_count: number | null;
  written_on: string | null;
  created_at: string;
}): EightOneFacts['works'][number] {
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    date: w.written_on ?? w.created_at.slice(0, 10),
    chars: w.char_count,
  };
}

export interface EightOneRule {
  key: EightOneKey;
  label: string;
  /** How the item is met, in words (shown beside the checklist). */
  rule: string;
  /** Growth-record kinds that count. */
  kinds: readonly GrowthKind[];
  /** How many counting records (of any source) are needed. */
  minCount: number;
  /** Least characters (whitespace not counted) a growth record's text needs to count. */
  minChars?: number;
  /** Reading: when any reading of the year is marked 必读/选读, only the 必读 ones count. */
  requiredBooksFirst?: boolean;
  /** Other records that count too. */
  others?: readonly OtherSource[];
  /** With `others` holding 'work': the kinds of registered works that count (held to `minChars` when their 字数 is known). */
  workKinds?: readonly WorkKindCounted[];
}

const ALL_KINDS: readonly GrowthKind[] = [
  'reading',
  'essay',
  'reflection',
  'case',
  'narrative',
  'lesson_plan',
  'lesson_example',
  'training',
  'study',
  'platform',
];

/** The default 八个一, in the order the school lists them. */
export const EIGHT_ONES: readonly EightOneRule[] = [
  {
    key: 'project',
    label: '参与一个课题',
    rule: '主持或参与一项已立项、且在本学年内进行的课题',
    kinds: [],
    minCount: 1,
    others: ['project'],
  },
  {
    key: 'book',
    label: '阅读一本好书',
    rule: '本学年有一条读书记录；若读书记录标注了必读/选读，须读完一本必读书',
    kinds: ['reading'],
    minCount: 1,
    requiredBooksFirst: true,
  },
  {
    key: 'notes',
    label: '做好一套笔记',
    rule: '本学年至少一篇不少于 200 字的读书笔记',
    kinds: ['reading'],
    minCount: 1,
    minChars: 200,
  },
  {
    key: 'handbook',
    label: '做好一册记录',
    rule: '本学年至少 4 条任意类别的专业发展记录',
    kinds: ALL_KINDS,
    minCount: 4,
  },
  {
    key: 'lesson_plan',
    label: '设计一例教案',
    rule: '本学年至少一份教案（成长记录，或论文与获奖中登记的教案、教学设计）',
    kinds: ['lesson_plan'],
    minCount: 1,
    others: ['work'],
    workKinds: ['lesson_plan', 'design'],
  },
  {
    key: 'lesson_example',
    label: '提供一堂课例',
    rule: '本学年至少一条课例记录，或上过一节课题研究课，或在论文与获奖中登记了课例',
    kinds: ['lesson_example'],
    minCount: 1,
    others: ['research_lesson', 'work'],
    workKinds: ['lesson_example'],
  },
  {
    key: 'paper',
    label: '撰写一篇论文',
    rule: '本学年至少一篇不少于 1500 字的随笔、案例或叙事，或作为作者的课题成果论文，或在论文与获奖中登记的论文',
    kinds: ['essay', 'case', 'narrative'],
    minCount: 1,
    minChars: 1500,
    others: ['paper_output', 'work'],
    workKinds: ['paper'],
  },
  {
    key: 'platform',
    label: '拥有一个平台',
    rule: '登记一个个人平台（博客、空间）链接',
    kinds: ['platform'],
    minCount: 1,
  },
];

/** Characters of a text, whitespace not counted (Chinese 字数). */
export function charCount(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

/** The first and last day of a school year (Aug 1 … Jul 31). */
export function schoolYearRange(schoolYear: number): { from: string; to: string } {
  return { from: `${schoolYear}-08-01`, to: `${schoolYear + 1}-07-31` };
}

/** The facts one teacher's checklist is computed from (any dates; the year is applied here). */
export interface EightOneFacts {
  records: { id: string; kind: string; date: string; title: string; text: string; bookKind: string | null }[];
  /** Projects the person hosts or belongs to, already limited to approved-and-after stages. */
  projects: { id: string; title: string; startsOn: string | null; endsOn: string | null }[];
  /** Research lessons (课题研究课) the person gave, with the day held. */
  researchLessons: { id: string; title: string; heldOn: string | null }[];
  /** Project outputs of kind paper/publication that list the person among the authors. */
  paperOutputs: { id: string; title: string; date: string }[];
  /** Registered works (论文与获奖) the person is an author of: kind, 字数 when known, written (or registered) on. */
  works: { id: string; kind: string; title: string; date: string; chars: number | null }[];
}

const inYear = (date: string | null, year: number) => date !== null && schoolYearOf(date) === year;

/** A project counts when its dates overlap the school year (unknown dates count). */
function runsDuring(p: { startsOn: string | null; endsOn: string | null }, year: number) {
  const { from, to } = schoolYearRange(year);
  return (p.startsOn === null || p.startsOn <= to) && (p.endsOn === null || p.endsOn >= from);
}

function otherEvidence(source: OtherSource, f: EightOneFacts, year: number, rule: EightOneRule): Evidence[] {
  if (source === 'work') {
    const kinds: readonly string[] = rule.workKinds ?? [];
    const min = rule.minChars ?? 0;
    return f.works
      .filter((w) => kinds.includes(w.kind) && inYear(w.date, year) && (w.chars === null || w.chars >= min))
      .map((w) => ({ source: 'work', id: w.id, title: w.title, date: w.date }));
  }
  if (source === 'project') {
    return f.projects
      .filter((p) => runsDuring(p, year))
      .map((p) => ({ source: 'project', id: p.id, title: p.title, date: p.startsOn }));
  }
  if (source === 'research_lesson') {
    return f.researchLessons
      .filter((l) => inYear(l.heldOn, year))
      .map((l) => ({ source: 'research_lesson', id: l.id, title: l.title, date: l.heldOn }));
  }
  return f.paperOutputs
    .filter((o) => inYear(o.date, year))
    .map((o) => ({ source: 'project_output', id: o.id, title: o.title, date: o.date }));
}

function recordEvidence(rule: EightOneRule, f: EightOneFacts, year: number): Evidence[] {
  let records = f.records.filter((r) => inYear(r.date, year) && rule.kinds.some((k) => k === r.kind));
  if (rule.minChars !== undefined) {
    const min = rule.minChars;
    records = records.filter((r) => charCount(r.text) >= min);
  }
  if (rule.requiredBooksFirst && records.some((r) => r.bookKind !== null)) {
    records = records.filter((r) => r.bookKind === 'required');
  }
  return records.map((r) => ({ source: 'growth', id: r.id, title: r.title, date: r.date }));
}

/** The checklist of one school year: each item met or not, with the records behind it. */
export function evaluateEightOnes(
  facts: EightOneFacts,
  schoolYear: number,
  rules: readonly EightOneRule[] = EIGHT_ONES,
): EightOneItem[] {
  return rules.map((rule) => {
    const evidence = [
      ...recordEvidence(rule, facts, schoolYear),
      ...(rule.others ?? []).flatMap((s) => otherEvidence(s, facts, schoolYear, rule)),
    ];
    return {
      key: rule.key,
      label: rule.label,
      rule: rule.rule,
      met: evidence.length >= rule.minCount,
      records: evidence.map((e) => e.id),
      evidence,
    };
  });
}
