import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../errors.js';
import type { RubricItem } from './observations.schema.js';

/** The seeds' four points (SPEC §4), each 1–5: the rubric of a school that has not set its own. */
export const DEFAULT_OBSERVATION_RUBRIC: readonly RubricItem[] = [
  { key: 'layering', label: '教学分层度', max: 5, descriptor: '目标、任务与作业是否照顾不同层次的学生' },
  { key: 'participation', label: '学生参与度', max: 5, descriptor: '学生参与的广度与深度，思考、表达与合作的机会' },
  { key: 'strategy', label: '教学策略有效度', max: 5, descriptor: '方法、活动与媒体是否服务于目标且切实有效' },
  { key: 'goals', label: '目标达成度', max: 5, descriptor: '课堂检测与学生表现反映的教学目标达成情况' },
];

/** Notes shorter than this (after normalising) are too short to call a copy. */
export const MIN_COPY_LENGTH = 10;
/** Two notes by one observer this alike are treated as a copy. */
export const COPY_SIMILARITY = 0.9;

/** The notes with whitespace, punctuation and symbols removed, so trivial edits do not hide a copy. */
export function normaliseNotes(notes: string): string {
  return notes.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

/** sha256 of the normalised notes; null when nothing is left. */
export function notesHash(notes: string): string | null {
  const n = normaliseNotes(notes);
  return n ? createHash('sha256').update(n).digest('hex') : null;
}

/** Character-bigram Dice similarity (0..1) of two normalised texts — cheap and fair for Chinese. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = (s: string) => {
    const chars = [...s];
    const m = new Map<string, number>();
    for (let i = 0; i < chars.length - 1; i++) {
      const g = chars[i] + chars[i + 1];
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return { m, n: chars.length - 1 };
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  for (const [g, count] of x.m) shared += Math.min(count, y.m.get(g) ?? 0);
  return (2 * shared) / (x.n + y.n);
}

/**
 * Problems of a score sheet against a rubric: unknown keys, values outside 1..max, and — when the
 * record is submitted (`complete`) — any point left unscored.
 */
export function scoreProblems(
  scores: Record<string, number>,
  rubric: readonly RubricItem[],
  complete: boolean,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const byKey = new Map(rubric.map((r) => [r.key, r]));
  for (const [key, value] of Object.entries(scores)) {
    const item = byKey.get(key);
    if (!item) out.push({ field: `scores.${key}`, message: `评价量表中没有「${key}」这一项` });
    else if (!Number.isInteger(value) || value < 1 || value > item.max)
      out.push({ field: `scores.${key}`, message: `「${item.label}」的评分须在 1–${item.max} 之间` });
  }
  if (complete) {
    for (const item of rubric) {
      if (scores[item.key] === undefined)
        out.push({ field: `scores.${item.key}`, message: `请为「${item.label}」评分` });
    }
  }
  return out;
}
