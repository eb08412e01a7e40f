/**
 * The pure rules of a review round: anonymous codes, balanced automatic assignment, score totals
 * and the aggregation of results. No database here; the services feed these functions.
 */
import { createHash } from 'node:crypto';
import { invalid } from '../../errors.js';
import type { Criterion, RoundKind } from './reviews.schema.js';

const CODE_PREFIX: Record<RoundKind, string> = { application: 'A', midterm: 'M', conclusion: 'C' };

/**
 * Anonymous codes (A-001, A-002 …) for a round's projects. The order comes from a hash of the
 * round and project ids, so it is stable but tells nothing about school or submission order.
 */
export function anonymousCodes(roundId: string, kind: RoundKind, projectIds: readonly string[]): Map<string, string> {
  const key = (id: string) => createHash('sha256').update(`${roundId}:${id}`).digest('hex');
  const ordered = [...projectIds].sort((a, b) => key(a).localeCompare(key(b)));
  return new Map(ordered.map((id, i) => [id, `${CODE_PREFIX[kind]}-${String(i + 1).padStart(3, '0')}`]));
}

/** One project waiting for experts: how many it still needs and who may review it. */
export interface OpenItem {
  projectId: string;
  code: string;
  need: number;
  /** Experts free of conflicts and not yet assigned to it. */
  eligible: readonly string[];
}

/**
 * Balanced load: the most constrained projects first; each takes the least-loaded eligible
 * experts, ties broken by expert id so the outcome is deterministic.
 */
export function balancedAssignment(items: readonly OpenItem[], load: Map<string, number>) {
  const pairs: { projectId: string; expertId: string }[] = [];
  const short: { projectId: string; code: string; missing: number }[] = [];
  const ordered = [...items].sort(
    (a, b) => a.eligible.length - a.need - (b.eligible.length - b.need) || a.code.localeCompare(b.code),
  );
  for (const item of ordered) {
    if (item.need <= 0) continue;
    const chosen = [...item.eligible]
      .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a.localeCompare(b))
      .slice(0, item.need);
    for (const expertId of chosen) {
      pairs.push({ projectId: item.projectId, expertId });
      load.set(expertId, (load.get(expertId) ?? 0) + 1);
    }
    if (chosen.length < item.need)
      short.push({ projectId: item.projectId, code: item.code, missing: item.need - chosen.length });
  }
  return { pairs, short };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Checks a score sheet against the rubric and returns its weighted total (Σ score × weight / 100). */
export function weightedTotal(rubric: readonly Criterion[], scores: Readonly<Record<string, number>>): number {
  const keys = new Set(rubric.map((c) => c.key));
  const problems: { field: string; message: string }[] = [];
  for (const c of rubric) {
    if (!(c.key in scores)) problems.push({ field: `scores.${c.key}`, message: `请为「${c.label}」打分` });
  }
  for (const k of Object.keys(scores)) {
    if (!keys.has(k)) problems.push({ field: `scores.${k}`, message: '不是本轮评价量表中的指标' });
  }
  for (const [k, v] of Object.entries(scores)) {
    if (!Number.isFinite(v) || v < 0 || v > 100)
      problems.push({ field: `scores.${k}`, message: '分数须在 0 到 100 之间' });
  }
  if (problems.length > 0) throw invalid(`评分有误：${problems[0].message}`, { fields: problems });
  return round2(rubric.reduce((sum, c) => sum + (scores[c.key] ?? 0) * c.weight, 0) / 100);
}

/** Mean, trimmed mean (drops one highest and one lowest when there are ≥ 3) and spread. */
export function aggregate(totals: readonly number[]) {
  const count = totals.length;
  if (count === 0) return { count, mean: null, trimmedMean: null, spread: null };
  const sorted = [...totals].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / count;
  const kept = count >= 3 ? sorted.slice(1, -1) : sorted;
  const trimmedMean = kept.reduce((s, v) => s + v, 0) / kept.length;
  return { count, mean: round2(mean), trimmedMean: round2(trimmedMean), spread: round2(sorted[count - 1] - sorted[0]) };
}

/**
 * Orders results by mean (highest first; unscored last, by code) and gives competition ranks
 * (equal means share a rank: 1, 1, 3).
 */
export function rankByMean<T extends { code: string; mean: number | null }>(items: readonly T[]) {
  const ordered = [...items].sort((a, b) => {
    if (a.mean === null || b.mean === null)
      return a.mean === b.mean ? a.code.localeCompare(b.code) : a.mean === null ? 1 : -1;
    return b.mean - a.mean || a.code.localeCompare(b.code);
  });
  return ordered.map((item) => {
    if (item.mean === null) return { ...item, rank: null };
    const first = ordered.findIndex((o) => o.mean === item.mean);
    return { ...item, rank: first + 1 };
  });
}

/** Mean of each criterion over the submitted score sheets. */
export function criterionMeans(rubric: readonly Criterion[], sheets: readonly Readonly<Record<string, number>>[]) {
  const out: Record<string, number> = {};
  if (sheets.length === 0) return out;
  for (const c of rubric) out[c.key] = round2(sheets.reduce((s, sheet) => s + (sheet[c.key] ?? 0), 0) / sheets.length);
  return out;
}
