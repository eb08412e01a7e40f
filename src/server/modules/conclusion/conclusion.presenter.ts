import { fromJson } from '../../db/dialect.js';
import { LEVELS } from '../projects/projects.workflow.js';
import type { OutputRow } from './conclusion.repo.js';
import { OUTPUT_KINDS, type OutputFact, RESULTS } from './conclusion.rules.js';
import type { OutputDto } from './conclusion.schema.js';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null =>
  values.find((x) => x === v) ?? null;

/** Output row → the facts the rule evaluation reads. */
export function outputFact(row: OutputRow): OutputFact {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    level: row.level,
    charCount: row.char_count === null ? null : Number(row.char_count),
    result: row.result,
  };
}

/** Output row → API shape; `names` resolves author ids, `canChange` is the caller's right to delete. */
export function presentOutput(row: OutputRow, names: ReadonlyMap<string, string>, canChange: boolean): OutputDto {
  const authorIds = fromJson<unknown[]>(row.author_ids, []).filter((x): x is string => typeof x === 'string');
  return {
    id: row.id,
    version: row.version,
    projectId: row.project_id,
    kind: oneOf(OUTPUT_KINDS, row.kind) ?? 'paper',
    title: row.title,
    level: oneOf(LEVELS, row.level),
    journal: row.journal,
    charCount: row.char_count === null ? null : Number(row.char_count),
    result: oneOf(RESULTS, row.result),
    onDate: row.on_date,
    authorIds,
    authors: authorIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    createdAt: row.created_at,
    abilities: { delete: canChange },
  };
}
