import type { Principal } from '../../access/principal.js';
import type { ProjectFacts } from '../../access/projects.policy.js';
import { fromJson } from '../../db/dialect.js';
import { reportAbilities } from './reports.policy.js';
import type { LessonRow, ReportRow } from './reports.repo.js';
import {
  LESSON_FORMS,
  type LessonDto,
  OPINION_GRADES,
  REPORT_KINDS,
  REPORT_STATUSES,
  type ReportDto,
} from './reports.schema.js';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null =>
  values.find((x) => x === v) ?? null;

/** Stored content → the sections as strings (done and next always present). */
function contentOf(text: string): ReportDto['content'] {
  const raw = fromJson<unknown>(text, {});
  const entries = raw && typeof raw === 'object' ? Object.entries(raw) : [];
  const strings = Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { ...strings, done: strings.done ?? '', next: strings.next ?? '' };
}

/** Report row → API shape with the caller's abilities. */
export function presentReport(
  row: ReportRow & { author_name: string | null },
  project: ProjectFacts,
  p: Principal,
): ReportDto {
  const kind = oneOf(REPORT_KINDS, row.kind) ?? 'monthly';
  const status = oneOf(REPORT_STATUSES, row.status) ?? 'submitted';
  return {
    id: row.id,
    version: row.version,
    projectId: row.project_id,
    kind,
    month: row.month,
    content: contentOf(row.content),
    status,
    returnReason: row.return_reason,
    authorId: row.author_id,
    authorName: row.author_name,
    checkedBy: row.checked_by,
    checkedAt: row.checked_at,
    opinion: row.opinion,
    grade: oneOf(OPINION_GRADES, row.grade),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: reportAbilities(p, project, { kind, status, authorId: row.author_id }),
  };
}

/** Research lesson row → API shape. */
export function presentLesson(row: LessonRow & { teacher_name: string }, canEdit: boolean): LessonDto {
  return {
    id: row.id,
    version: row.version,
    projectId: row.project_id,
    teacherId: row.teacher_id,
    teacherName: row.teacher_name,
    plannedOn: row.planned_on,
    content: row.content,
    form: oneOf(LESSON_FORMS, row.form) ?? 'research_lesson',
    heldOn: row.held_on,
    activityId: row.activity_id,
    createdAt: row.created_at,
    abilities: { edit: canEdit },
  };
}
