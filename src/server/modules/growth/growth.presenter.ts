import type { Principal } from '../../access/principal.js';
import { schoolYearOf } from '../../calendar.js';
import { type GrowthSubject, growthAbilities } from './growth.policy.js';
import type { GrowthRowWithNames } from './growth.repo.js';
import { BOOK_KINDS, GROWTH_KIND_LABELS, GROWTH_KINDS, type GrowthDto } from './growth.schema.js';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => values.find((x) => x === v);

/** The policy subject of a record: its person and the org paths around them. */
export function subjectOf(row: GrowthRowWithNames, groupPaths: readonly string[]): GrowthSubject {
  const paths = [row.org_path, ...(row.home_path ? [row.home_path] : []), ...groupPaths];
  return { personId: row.person_id, paths };
}

/** Growth row → API shape with the caller's abilities. */
export function presentGrowth(row: GrowthRowWithNames, subject: GrowthSubject, p: Principal): GrowthDto {
  const kind = oneOf(GROWTH_KINDS, row.kind) ?? 'essay';
  return {
    id: row.id,
    version: row.version,
    personId: row.person_id,
    personName: row.person_name,
    orgId: row.org_id,
    kind,
    kindLabel: GROWTH_KIND_LABELS[kind],
    date: row.date,
    schoolYear: schoolYearOf(row.date),
    title: row.title,
    text: row.text,
    hours: row.hours === null ? null : Number(row.hours),
    bookKind: oneOf(BOOK_KINDS, row.book_kind) ?? null,
    url: row.url,
    reportBack: row.report_back,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: growthAbilities(p, subject),
  };
}
