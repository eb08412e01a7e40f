import { today } from '../../calendar.js';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '../activities/activities.schema.js';
import type { ComplianceItem, CountedRecord, EntryFact } from '../compliance/compliance.evaluate.js';
import { LEVELS } from '../projects/projects.workflow.js';
import { LEVEL_LABELS, type Points, RESULT_LABELS, RESULTS, type Reward } from '../rules/rules.schema.js';

/**
 * The research-assessment score (教科研考核) of one teacher in one term: one item per record that earns
 * points under the school's points table, so every point is traced to its record. Pure.
 */

/** Where points come from. */
export const SCORE_SOURCES = ['award', 'publication', 'project', 'activity', 'student_award', 'quota'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

export interface ScoreItem {
  source: ScoreSource;
  /** The record: entry, publication, project, activity, student award id, or the rule key of a quota. */
  sourceId: string;
  label: string;
  points: number;
  date: string | null;
  termId: string;
}

export interface AssessmentFacts {
  entries: readonly EntryFact[];
  presented: readonly CountedRecord[];
  publications: readonly {
    id: string;
    title: string;
    journal: string;
    level: string;
    issue: string;
    publishedOn: string;
  }[];
  projectEvents: readonly {
    projectId: string;
    title: string;
    level: string;
    action: string;
    role: string;
    at: string;
  }[];
  studentAwards: readonly {
    id: string;
    studentName: string;
    competition: string;
    level: string;
    result: string;
    awardedOn: string;
  }[];
  compliance: readonly ComplianceItem[];
}

const levelOf = (l: string) => LEVELS.find((x) => x === l);
const resultOf = (r: string | null) => RESULTS.find((x) => x === r);
const kindOf = (k: string) => ACTIVITY_KINDS.find((x) => x === k);
const inTerm = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

/** The items of one teacher in one term (items worth 0 points are left out). */
export function scoreTeacher(
  f: AssessmentFacts,
  points: Points,
  term: { id: string; startsOn: string; endsOn: string },
): ScoreItem[] {
  const out: ScoreItem[] = [];
  const add = (source: ScoreSource, sourceId: string, label: string, pts: number, date: string | null) => {
    if (pts > 0) out.push({ source, sourceId, label, points: pts, date, termId: term.id });
  };
  for (const e of f.entries) {
    const level = levelOf(e.level);
    const result = resultOf(e.result);
    if (!level || !result || !inTerm(e.resultOn, term.startsOn, term.endsOn)) continue;
    const label = `获奖：${e.title}（${e.competition}，${LEVEL_LABELS[level]}${RESULT_LABELS[result]}）`;
    add('award', e.id, label, points.awards[level][result], e.resultOn);
  }
  for (const p of f.publications) {
    const level = levelOf(p.level);
    if (level)
      add(
        'publication',
        p.id,
        `发表：${p.title}（${p.journal}${p.issue ? ` ${p.issue}` : ''}）`,
        points.publications[level],
        p.publishedOn,
      );
  }
  for (const ev of f.projectEvents) {
    const level = levelOf(ev.level);
    if (!level) continue;
    const stage = ev.action === 'approve' ? 'approved' : 'concluded';
    const role = ev.role === 'host' ? 'host' : 'member';
    const label = `课题${stage === 'approved' ? '立项' : '结题'}（${role === 'host' ? '主持' : '参与'}）：${ev.title}（${LEVEL_LABELS[level]}）`;
    add('project', ev.projectId, label, points.projects[stage][role][level], today(new Date(ev.at)));
  }
  for (const a of f.presented) {
    const kind = kindOf(a.kind);
    if (kind) add('activity', a.id, `${ACTIVITY_KIND_LABELS[kind]}：${a.title}`, points.activities[kind] ?? 0, a.date);
  }
  for (const s of f.studentAwards) {
    const level = levelOf(s.level);
    if (level)
      add(
        'student_award',
        s.id,
        `指导学生获奖：${s.studentName}（${s.competition}，${LEVEL_LABELS[level]}）`,
        points.studentAwards[level],
        s.awardedOn,
      );
  }
  for (const c of f.compliance) {
    if (c.met) add('quota', c.rule, `达标：${c.label}（${c.actual}/${c.required}）`, points.quotas[c.rule], null);
  }
  return out;
}

/** A sum of points kept to two decimals. */
export const sumPoints = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

/** Competition ranking (1, 1, 3…) by total, highest first. */
export function ranks(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}

/** Whether an awarded entry earns a reward setting (e.g. 参赛费补助: 区一等奖、市二等奖以上). */
export function earnsReward(reward: Reward, e: EntryFact): boolean {
  if (!reward.enabled) return false;
  const level = levelOf(e.level);
  const result = resultOf(e.result);
  if (!level || !result) return false;
  const threshold = reward.thresholds[level];
  if (!threshold) return false;
  if (reward.workKinds.length > 0 && !reward.workKinds.some((k) => k === e.workKind)) return false;
  return RESULTS.indexOf(result) <= RESULTS.indexOf(threshold);
}
