import type { Principal } from '../../access/principal.js';
import { fromJson } from '../../db/dialect.js';
import { type ActivityFacts, activityAbilities } from './activities.policy.js';
import type { ActivityWithNames, AttendanceRow } from './activities.repo.js';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  type ActivityDto,
  type ActivityKind,
  ATTENDANCE_STATUSES,
  type AttendanceStatus,
  type CalendarItem,
  type PrepRecord,
} from './activities.schema.js';

/** A stored kind as the closed set (unknown values read as a lecture). */
export const kindOf = (v: string): ActivityKind => ACTIVITY_KINDS.find((k) => k === v) ?? 'lecture';
const statusOf = (v: string): AttendanceStatus => ATTENDANCE_STATUSES.find((s) => s === v) ?? 'absent';

/** The organiser's school: the org itself, or the school a group belongs to. */
export function schoolIdOf(row: { org_kind: string; org_id: string; org_parent_id: string | null }): string {
  return row.org_kind === 'group' && row.org_parent_id ? row.org_parent_id : row.org_id;
}

/** The policy facts of a stored activity. */
export function factsOf(row: ActivityWithNames): ActivityFacts {
  return {
    orgPath: row.org_path,
    schoolId: schoolIdOf(row),
    presenterId: row.presenter_id,
    projectHostId: row.project_host_id,
  };
}

/** The stored 四个统一, or null. */
export function prepOf(text: string | null): PrepRecord | null {
  return text === null ? null : fromJson<PrepRecord>(text, {});
}

/** Present/leave/absent counts of one sheet. */
export function countAttendance(rows: readonly { status: string }[]) {
  const counts = { present: 0, leave: 0, absent: 0, total: rows.length };
  for (const r of rows) counts[statusOf(r.status)] += 1;
  return counts;
}

/** Activity row → API shape with its attendance sheet and the caller's abilities. */
export function presentActivity(row: ActivityWithNames, sheet: readonly AttendanceRow[], p: Principal): ActivityDto {
  const attendance = sheet
    .filter((a) => a.activity_id === row.id)
    .map((a) => ({ personId: a.person_id, personName: a.person_name, status: statusOf(a.status) }));
  return {
    id: row.id,
    version: row.version,
    kind: kindOf(row.kind),
    kindLabel: ACTIVITY_KIND_LABELS[kindOf(row.kind)],
    title: row.title,
    date: row.date,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    topic: row.topic,
    orgId: row.org_id,
    orgName: row.org_name,
    schoolId: schoolIdOf(row),
    presenterId: row.presenter_id,
    presenterName: row.presenter_name,
    projectId: row.project_id,
    projectTitle: row.project_title,
    lessonId: row.lesson_id,
    reviewedActivityId: row.reviewed_activity_id,
    reviewedActivityTitle: row.reviewed_title,
    record: row.record,
    prep: prepOf(row.prep),
    attendance,
    attendanceCounts: countAttendance(attendance),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: activityAbilities(p, factsOf(row)),
  };
}

/** Activity row → the compact item of the month/week calendar. */
export function presentCalendarItem(row: ActivityWithNames): CalendarItem {
  return {
    id: row.id,
    kind: kindOf(row.kind),
    title: row.title,
    date: row.date,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    orgId: row.org_id,
    orgName: row.org_name,
    presenterName: row.presenter_name,
  };
}
