import { z } from 'zod';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** The kinds of 教研活动 (SPEC §4), in the order the forms offer them. */
export const ACTIVITY_KINDS = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'contest_lesson',
  'model_lesson',
  'collective_prep',
  'lesson_review',
  'lecture',
  'training',
  'salon',
  'project_seminar',
  'study_report',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  research_lesson: '研究课',
  open_lesson: '公开课',
  demo_lesson: '展示课',
  contest_lesson: '评优课',
  model_lesson: '示范课',
  collective_prep: '集体备课',
  lesson_review: '评课议课',
  lecture: '讲座/讲坛',
  training: '培训',
  salon: '沙龙',
  project_seminar: '课题研讨',
  study_report: '外出学习汇报',
};

/** Kinds that are a lesson someone teaches: what a 评课议课 may discuss. */
export const LESSON_KINDS: readonly ActivityKind[] = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'contest_lesson',
  'model_lesson',
];

export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { present: '出席', leave: '请假', absent: '缺席' };

const id = z.string().min(1).max(64);
const longText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`);
/** An instant with its zone, e.g. 2026-03-02T14:00:00+08:00. */
const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601（含时区）' });

/** 集体备课 · 四个统一 (进度, 目标, 作业要求, 复习考试) and the lesson plans discussed. */
export const prepSchema = z.object({
  progress: longText(2000).nullish(),
  goals: longText(2000).nullish(),
  homework: longText(2000).nullish(),
  exams: longText(2000).nullish(),
  lessonPlans: longText(5000).nullish(),
});
export type PrepRecord = z.infer<typeof prepSchema>;

const fields = {
  title: nameText(200),
  /** The day of the activity (YYYY-MM-DD). */
  date: plainDate,
  startsAt: instant.nullish(),
  endsAt: instant.nullish(),
  place: longText(200).nullish(),
  topic: longText(500).nullish(),
  presenterId: id.nullish(),
  projectId: id.nullish(),
  /** The project's 四定 research lesson this activity holds (needs projectId). */
  lessonId: id.nullish(),
  /** 评课议课: the lesson activity it discusses. */
  reviewedActivityId: id.nullish(),
  record: longText(20000).nullish(),
  prep: prepSchema.nullish(),
};

export const createActivityBody = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  /** The organiser: a school or one of its groups. */
  orgId: id,
  ...fields,
  /** Attendees, recorded as present. */
  attendeeIds: z.array(id).max(500).optional(),
});
export type CreateActivity = z.infer<typeof createActivityBody>;

export const updateActivityBody = z.object({
  version: versionField,
  kind: z.enum(ACTIVITY_KINDS).optional(),
  title: fields.title.optional(),
  date: plainDate.optional(),
  startsAt: fields.startsAt,
  endsAt: fields.endsAt,
  place: fields.place,
  topic: fields.topic,
  presenterId: fields.presenterId,
  projectId: fields.projectId,
  lessonId: fields.lessonId,
  reviewedActivityId: fields.reviewedActivityId,
  record: fields.record,
  prep: fields.prep,
});
export type UpdateActivity = z.infer<typeof updateActivityBody>;

export const attendanceBody = z
  .array(z.object({ personId: id, status: z.enum(ATTENDANCE_STATUSES) }))
  .max(500)
  .refine((rows) => new Set(rows.map((r) => r.personId)).size === rows.length, '同一人员不能重复出现');
export type AttendanceSheet = z.infer<typeof attendanceBody>;

export const activityFilter = z.object({
  /** The organiser, with its groups when it is a school. */
  orgId: id.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  from: plainDate.optional(),
  to: plainDate.optional(),
  projectId: id.optional(),
  presenterId: id.optional(),
  /** Activities this person attended (any status). */
  attendeeId: id.optional(),
});
export type ActivityFilter = z.infer<typeof activityFilter>;
export const activityListQuery = pageQuery.extend(activityFilter.shape);

export const calendarQuery = z.object({ orgId: id.optional(), from: plainDate, to: plainDate });
export const exportQuery = z.object({ orgId: id, from: plainDate.optional(), to: plainDate.optional() });

const countsSchema = z.object({
  present: z.number().int(),
  leave: z.number().int(),
  absent: z.number().int(),
  total: z.number().int(),
});

export const activitySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: z.enum(ACTIVITY_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  date: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  place: z.string(),
  topic: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** The organiser's school. */
  schoolId: z.string(),
  presenterId: z.string().nullable(),
  presenterName: z.string().nullable(),
  projectId: z.string().nullable(),
  projectTitle: z.string().nullable(),
  lessonId: z.string().nullable(),
  reviewedActivityId: z.string().nullable(),
  reviewedActivityTitle: z.string().nullable(),
  record: z.string(),
  prep: prepSchema.nullable(),
  attendance: z.array(z.object({ personId: z.string(), personName: z.string(), status: z.enum(ATTENDANCE_STATUSES) })),
  attendanceCounts: countsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), delete: z.boolean(), attendance: z.boolean() }),
});
export type ActivityDto = z.infer<typeof activitySchema>;

export const calendarItemSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string(),
  date: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  place: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  presenterName: z.string().nullable(),
});
export type CalendarItem = z.infer<typeof calendarItemSchema>;
