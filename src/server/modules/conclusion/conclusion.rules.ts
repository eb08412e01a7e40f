/**
 * Conclusion requirements (结题条件) as data, and their evaluation against a project's outputs.
 * Pure: no database, no clock. The defaults come from the seeds (a district office's rules).
 */
import { LEVELS, type Level } from '../projects/projects.workflow.js';

/** Kinds of output recorded on a project (until the works registry exists). */
export const OUTPUT_KINDS = ['paper', 'publication', 'award', 'lesson', 'report', 'courseware', 'case'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Award results, best first: 特等奖/一等奖/二等奖/三等奖/优秀奖/入围. */
export const RESULTS = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export type Result = (typeof RESULTS)[number];

/** One way to satisfy a rule: at least `minCount` outputs of a kind meeting the thresholds. */
export interface RuleCondition {
  /** Output kind; 'any' matches every kind; 'paper' also matches publications. */
  kind: OutputKind | 'any';
  minCount: number;
  minLevel?: Level;
  minChars?: number;
  minResult?: Result;
}

/** A conclusion rule: passes when any of its conditions is met. */
export interface ConclusionRule {
  key: string;
  /** zh-CN text shown to users. */
  label: string;
  anyOf: RuleCondition[];
}

/** What the evaluation needs to know about an output. */
export interface OutputFact {
  id: string;
  kind: string;
  title: string;
  level: string | null;
  charCount: number | null;
  result: string | null;
}

export interface RuleOutcome {
  key: string;
  label: string;
  passed: boolean;
  required: number;
  actual: number;
  records: OutputFact[];
}

export interface PromiseOutcome {
  kind: string;
  promised: number;
  delivered: number;
  passed: boolean;
  records: OutputFact[];
}

const provincialPapers = (minCount: number): ConclusionRule => ({
  key: 'provincial_publications',
  label: `在省级及以上刊物发表3000字以上论文不少于${minCount}篇`,
  anyOf: [{ kind: 'publication', minCount, minLevel: 'provincial', minChars: 3000 }],
});

/** The deployment's built-in rules per level, used until an admin stores others. */
export const DEFAULT_RULES: Record<Level, ConclusionRule[]> = {
  national: [provincialPapers(2)],
  provincial: [provincialPapers(2)],
  city: [provincialPapers(1)],
  district: [
    {
      key: 'district_publication_or_award',
      label: '在区级及以上刊物发表论文，或获市级二等奖及以上，不少于1篇',
      anyOf: [
        { kind: 'publication', minCount: 1, minLevel: 'district' },
        { kind: 'award', minCount: 1, minLevel: 'city', minResult: 'second' },
      ],
    },
  ],
  school: [{ key: 'any_output', label: '至少有1项研究成果', anyOf: [{ kind: 'any', minCount: 1 }] }],
};

const LEVELS_ASCENDING: readonly string[] = [...LEVELS].reverse();
const RESULTS_ASCENDING: readonly string[] = [...RESULTS].reverse();

/** Rank of a level: school 0 … national 4 (-1 when unknown). */
export function levelRank(level: string | null): number {
  return level === null ? -1 : LEVELS_ASCENDING.indexOf(level);
}

/** Rank of a result: shortlisted 0 … special 5 (-1 when unknown). */
export function resultRank(result: string | null): number {
  return result === null ? -1 : RESULTS_ASCENDING.indexOf(result);
}

/** Whether an output's kind counts for a wanted kind ('publication' counts as 'paper'). */
export function kindCounts(wanted: string, actual: string): boolean {
  return wanted === 'any' || wanted === actual || (wanted === 'paper' && actual === 'publication');
}

/** Whether one output meets a condition's kind and thresholds. */
export function meetsCondition(o: OutputFact, c: RuleCondition): boolean {
  if (!kindCounts(c.kind, o.kind)) return false;
  if (c.minLevel && levelRank(o.level) < levelRank(c.minLevel)) return false;
  if (c.minChars !== undefined && (o.charCount ?? 0) < c.minChars) return false;
  if (c.minResult && resultRank(o.result) < resultRank(c.minResult)) return false;
  return true;
}

/** One rule against the outputs: the first condition met, else the one closest to being met. */
export function evaluateRule(rule: ConclusionRule, outputs: readonly OutputFact[]): RuleOutcome {
  let best: RuleOutcome | null = null;
  for (const c of rule.anyOf) {
    const records = outputs.filter((o) => meetsCondition(o, c));
    const outcome = {
      key: rule.key,
      label: rule.label,
      passed: records.length >= c.minCount,
      required: c.minCount,
      actual: records.length,
      records,
    };
    if (outcome.passed) return outcome;
    if (!best || outcome.actual / outcome.required > best.actual / best.required) best = outcome;
  }
  return best ?? { key: rule.key, label: rule.label, passed: true, required: 0, actual: 0, records: [] };
}

/** Every rule of a level; the set passes when each rule does. */
export function evaluateRules(rules: readonly ConclusionRule[], outputs: readonly OutputFact[]) {
  const outcomes = rules.map((r) => evaluateRule(r, outputs));
  return { passed: outcomes.every((o) => o.passed), rules: outcomes };
}

/** The promised outcomes (预期成果) against the outputs of the same kind. */
export function evaluatePromises(
  expected: readonly { kind: string; count: number }[],
  outputs: readonly OutputFact[],
): PromiseOutcome[] {
  return expected.map((e) => {
    const records = outputs.filter((o) => e.kind !== 'any' && kindCounts(e.kind, o.kind));
    return { kind: e.kind, promised: e.count, delivered: records.length, passed: records.length >= e.count, records };
  });
}
