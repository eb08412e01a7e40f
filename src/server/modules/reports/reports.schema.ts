import { z } from 'zod';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** 开题报告 / 月报 / 中期报告 / 结题报告 */
export const REPORT_KINDS = ['opening', 'monthly', 'midterm', 'conclusion'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  opening: '开题报告',
  monthly: '月报',
  midterm: '中期报告',
  conclusion: '结题报告',
};
export const REPORT_STATUSES = ['submitted', 'checked', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** Expert opinion grades on opening and mid-term reports. */
export const OPINION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export const OPINION_GRADE_LABELS: Record<(typeof OPINION_GRADES)[number], string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

export const reportKind = z.enum(REPORT_KINDS);
export const opinionGrade = z.enum(OPINION_GRADES);
/** A calendar month 'YYYY-MM'. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

const longText = z.string().trim().max(20000, '内容过长');

/** What the report says: done (本月完成), next (下月计划), materials, problems, and any other sections. */
export const reportContent = z
  .object({
    done: longText.min(1, '请填写已完成的研究工作'),
    next: longText.default(''),
    materials: longText.optional(),
    problems: longText.optional(),
  })
  .catchall(longText)
  .refine((c) => Object.keys(c).length <= 30, '内容栏目过多');

export const createReportBody = z.object({
  kind: reportKind,
  /** Required for a monthly report. */
  month: month.optional(),
  content: reportContent,
});
export type CreateReport = z.infer<typeof createReportBody>;

export const updateReportBody = z.object({
  version: versionField,
  month: month.optional(),
  content: reportContent.optional(),
});
export type UpdateReport = z.infer<typeof updateReportBody>;

/** 月查: checked, or returned with a reason. */
export const checkBody = z.object({
  decision: z.enum(['checked', 'returned']),
  reason: z.string().trim().max(2000).optional(),
  version: versionField.optional(),
});
export type CheckReport = z.infer<typeof checkBody>;

/** Expert opinion (专家意见) on an opening or mid-term report. */
export const opinionBody = z.object({
  opinion: z.string().trim().min(1, '请填写专家意见').max(20000),
  grade: opinionGrade,
  version: versionField.optional(),
});
export type ReportOpinion = z.infer<typeof opinionBody>;

export const reportSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  projectId: z.string(),
  kind: reportKind,
  month: z.string().nullable(),
  content: z.object({ done: z.string(), next: z.string() }).catchall(z.string()),
  status: z.enum(REPORT_STATUSES),
  returnReason: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
  opinion: z.string().nullable(),
  grade: opinionGrade.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), check: z.boolean(), opinion: z.boolean() }),
});
export type ReportDto = z.infer<typeof reportSchema>;

export const reportListQuery = pageQuery.extend({ kind: reportKind.optional() });
export const reportParams = z.object({ id: z.string().min(1).max(64), reportId: z.string().min(1).max(64) });

/** 月报缺交: running projects without a monthly report for a month (default: the previous month). */
export const overdueQuery = pageQuery.extend({ orgId: z.string().min(1).max(64).optional(), month: month.optional() });
export const overdueItem = z.object({
  projectId: z.string(),
  title: z.string(),
  number: z.string().nullable(),
  hostId: z.string(),
  hostName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  month: z.string(),
});
export const overdueList = z.object({
  items: z.array(overdueItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  month: z.string(),
});

/** Forms of a research lesson (定形式). */
export const LESSON_FORMS = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'model_lesson',
  'contest_lesson',
  'seminar',
  'lecture',
] as const;
export const LESSON_FORM_LABELS: Record<(typeof LESSON_FORMS)[number], string> = {
  research_lesson: '研究课',
  open_lesson: '公开课',
  demo_lesson: '展示课',
  model_lesson: '示范课',
  contest_lesson: '评优课',
  seminar: '课题研讨',
  lecture: '讲座',
};
export const lessonForm = z.enum(LESSON_FORMS);

/** A research lesson planned with the 四定: who, when, what, which form. */
export const createLessonBody = z.object({
  /** 定人: a member or the host of the project. */
  teacherId: z.string().min(1).max(64),
  /** 定时 */
  plannedOn: plainDate,
  /** 定内容 */
  content: nameText(2000),
  /** 定形式 */
  form: lessonForm,
});
export type CreateLesson = z.infer<typeof createLessonBody>;

export const updateLessonBody = createLessonBody.partial().extend({
  version: versionField,
  /** When it was held (linked to the activity that records it). */
  heldOn: plainDate.nullable().optional(),
  activityId: z.string().min(1).max(64).nullable().optional(),
});
export type UpdateLesson = z.infer<typeof updateLessonBody>;

export const lessonSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  projectId: z.string(),
  teacherId: z.string(),
  teacherName: z.string(),
  plannedOn: z.string(),
  content: z.string(),
  form: lessonForm,
  heldOn: z.string().nullable(),
  activityId: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});
export type LessonDto = z.infer<typeof lessonSchema>;
export const lessonParams = z.object({ id: z.string().min(1).max(64), lessonId: z.string().min(1).max(64) });
