import type { Principal } from '../../access/principal.js';
import { fromJson } from '../../db/dialect.js';
import type { PublicationRow } from '../../db/types.js';
import { LEVELS } from '../projects/projects.workflow.js';
import type { AssignmentWithName, EntryWithCompetition } from './entries.repo.js';
import {
  canKeepWork,
  canPrereview,
  entryAbilities,
  seesWholeWork,
  type WorkSubject,
  workAbilities,
} from './works.policy.js';
import type { WorkWithOrg } from './works.repo.js';
import {
  ENTRY_STATUS_LABELS,
  ENTRY_STATUSES,
  type EntryDto,
  LEVEL_LABELS,
  type PrereviewAssignmentDto,
  type PublicationDto,
  RESULT_LABELS,
  RESULTS,
  WORK_KIND_LABELS,
  WORK_KINDS,
  type WorkDto,
} from './works.schema.js';

const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T =>
  values.find((x) => x === v) ?? fallback;
const orNull = <T extends string>(values: readonly T[], v: string | null): T | null =>
  values.find((x) => x === v) ?? null;
export const levelOf = (v: string | null) => oneOf(LEVELS, v, 'school');
export const resultOf = (v: string | null) => orNull(RESULTS, v);
export const kindOf = (v: string | null) => oneOf(WORK_KINDS, v, 'paper');

/** An author row as loaded with the person's name. */
export interface AuthorRow {
  work_id: string;
  position: number;
  person_id: string | null;
  outside_name: string | null;
  person_name: string | null;
}

/** Everything loaded around a set of works. */
export interface WorkBundle {
  authors: readonly AuthorRow[];
  projects: readonly { work_id: string; id: string; title: string; level: string }[];
  entries: readonly EntryWithCompetition[];
  assignments: readonly AssignmentWithName[];
  publications: readonly PublicationRow[];
  /** Works on which the caller is an assigned pre-reviewer. */
  reviewerOf: ReadonlySet<string>;
}

export function subjectOf(row: WorkWithOrg, b: WorkBundle): WorkSubject {
  return {
    orgPath: row.org_path,
    authorIds: b.authors.filter((a) => a.work_id === row.id && a.person_id).map((a) => a.person_id ?? ''),
    createdBy: row.created_by,
    reviewer: b.reviewerOf.has(row.id),
  };
}

export const authorNames = (b: WorkBundle, workId: string) =>
  b.authors.filter((a) => a.work_id === workId).map((a) => a.person_name ?? a.outside_name ?? '');

function presentAssignment(a: AssignmentWithName, p: Principal, entryStatus: string): PrereviewAssignmentDto {
  const scores = fromJson<Record<string, unknown>>(a.scores, {});
  const own = a.reviewer_id === p.personId;
  return {
    id: a.id,
    entryId: a.entry_id,
    reviewerId: a.reviewer_id,
    reviewerName: a.reviewer_name,
    scores: Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number')),
    total: a.total === null ? null : Number(a.total),
    comment: a.comment,
    opinion: a.opinion === 'recommend' || a.opinion === 'not_recommend' ? a.opinion : null,
    submittedAt: a.submitted_at,
    abilities: { score: own && entryStatus === 'prereview', remove: false },
  };
}

/** Entry → API shape: the school sees every pre-review, a reviewer only their own, authors only the mean. */
export function presentEntry(e: EntryWithCompetition, work: WorkWithOrg, b: WorkBundle, p: Principal): EntryDto {
  const subject = subjectOf(work, b);
  const all = b.assignments.filter((a) => a.entry_id === e.id);
  const school = canPrereview(p, subject);
  const visible = school ? all : all.filter((a) => a.reviewer_id === p.personId);
  const totals = all.filter((a) => a.submitted_at && a.total !== null).map((a) => Number(a.total));
  const status = oneOf(ENTRY_STATUSES, e.status, 'prereview');
  const result = resultOf(e.result);
  const abilities = entryAbilities(p, subject, status, result !== null);
  return {
    id: e.id,
    version: e.version,
    workId: work.id,
    workTitle: work.title,
    workKind: kindOf(work.kind),
    orgId: work.org_id,
    orgName: work.org_name,
    authorNames: authorNames(b, work.id),
    competitionId: e.competition_id,
    competitionName: e.competition_name,
    competitionLevel: levelOf(e.competition_level),
    editionId: e.edition_id,
    editionTitle: e.edition_title,
    year: Number(e.year),
    enteredOn: e.entered_on,
    status,
    statusLabel: ENTRY_STATUS_LABELS[status],
    result,
    resultLabel: result ? RESULT_LABELS[result] : null,
    resultOn: e.result_on,
    certificate:
      e.certificate_file && e.certificate_name
        ? {
            name: e.certificate_name,
            size: Number(e.certificate_size ?? 0),
            url: `/api/works/${work.id}/entries/${e.id}/certificate`,
          }
        : null,
    decisionComment: e.decision_comment,
    decidedAt: e.decided_at,
    prereviewMean: totals.length ? Math.round((totals.reduce((s, t) => s + t, 0) / totals.length) * 10) / 10 : null,
    prereviews: visible.map((a) => ({
      ...presentAssignment(a, p, status),
      abilities: { score: a.reviewer_id === p.personId && status === 'prereview', remove: abilities.assign },
    })),
    abilities,
  };
}

export function presentPublication(
  row: PublicationRow,
  work: WorkWithOrg,
  b: WorkBundle,
  p: Principal,
): PublicationDto {
  const keep = canKeepWork(p, subjectOf(work, b));
  const level = levelOf(row.level);
  return {
    id: row.id,
    version: row.version,
    workId: work.id,
    workTitle: work.title,
    workKind: kindOf(work.kind),
    charCount: work.char_count === null ? null : Number(work.char_count),
    orgId: work.org_id,
    orgName: work.org_name,
    authorNames: authorNames(b, work.id),
    journal: row.journal,
    level,
    levelLabel: LEVEL_LABELS[level],
    issue: row.issue,
    publishedOn: row.published_on,
    pages: row.pages,
    abilities: { update: keep, delete: keep },
  };
}

/** Work → API shape; `detail` adds its entries and publications (a reviewer sees only assigned entries). */
export function presentWork(row: WorkWithOrg, b: WorkBundle, p: Principal, detail: boolean): WorkDto {
  const subject = subjectOf(row, b);
  const whole = seesWholeWork(p, subject);
  const assigned = new Set(b.assignments.filter((a) => a.reviewer_id === p.personId).map((a) => a.entry_id));
  const entries = b.entries.filter((e) => e.work_id === row.id && (whole || assigned.has(e.id)));
  const publications = whole ? b.publications.filter((x) => x.work_id === row.id) : [];
  const results = entries.map((e) => resultOf(e.result)).filter((r) => r !== null);
  const kind = kindOf(row.kind);
  return {
    id: row.id,
    version: row.version,
    orgId: row.org_id,
    orgName: row.org_name,
    kind,
    kindLabel: WORK_KIND_LABELS[kind],
    title: row.title,
    subject: row.subject,
    charCount: row.char_count === null ? null : Number(row.char_count),
    abstract: row.abstract,
    writtenOn: row.written_on,
    authors: b.authors
      .filter((a) => a.work_id === row.id)
      .map((a) => ({
        position: Number(a.position),
        personId: a.person_id,
        name: a.person_name ?? a.outside_name ?? '',
        outside: a.person_id === null,
      })),
    projects: b.projects.filter((x) => x.work_id === row.id).map((x) => ({ id: x.id, title: x.title, level: x.level })),
    entryCount: entries.length,
    publicationCount: publications.length,
    bestResult: RESULTS.find((r) => results.includes(r)) ?? null,
    ...(detail
      ? {
          entries: entries.map((e) => presentEntry(e, row, b, p)),
          publications: publications.map((x) => presentPublication(x, row, b, p)),
        }
      : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: whole
      ? workAbilities(p, subject)
      : { update: false, delete: false, enter: false, manage: false, prereview: false },
  };
}
