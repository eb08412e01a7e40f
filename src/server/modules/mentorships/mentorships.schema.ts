import { z } from 'zod';
import { pageQuery, plainDate, versionField } from '../shared.schema.js';

/** 结对中 / 已结束 */
export const MENTORSHIP_STATUSES = ['active', 'ended'] as const;
export type MentorshipStatus = (typeof MENTORSHIP_STATUSES)[number];

/** The end-of-term grade of a pair: 优秀 / 良好 / 合格 / 不合格. */
export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export const EVALUATION_GRADE_LABELS: Record<(typeof EVALUATION_GRADES)[number], string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const required = (max: number, message: string) => text(max).min(1, message);

/** A month as 'YYYY-MM'. */
export const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const createMentorshipBody = z.object({
  mentorId: id,
  menteeId: id,
  startsOn: plainDate,
  endsOn: plainDate.optional(),
  goals: text(5000).optional(),
  /** The agreement (师徒结对协议书). */
  agreement: text(50000).optional(),
});
export type CreateMentorship = z.infer<typeof createMentorshipBody>;

export const updateMentorshipBody = z.object({
  version: versionField,
  goals: text(5000).optional(),
  agreement: text(50000).optional(),
  startsOn: plainDate.optional(),
  endsOn: plainDate.nullable().optional(),
  /** 'ended' closes the pair (endsOn defaults to today). */
  status: z.enum(MENTORSHIP_STATUSES).optional(),
});
export type UpdateMentorship = z.infer<typeof updateMentorshipBody>;

export const mentorshipListQuery = pageQuery.extend({
  orgId: id.optional(),
  /** Pairs where this person is the mentor or the mentee. */
  personId: id.optional(),
  status: z.enum(MENTORSHIP_STATUSES).optional(),
});
export type MentorshipFilter = Omit<z.infer<typeof mentorshipListQuery>, 'page' | 'pageSize'>;

/** 每月考核 */
export const assessmentBody = z.object({
  month: monthField,
  score: z.number().int().min(0).max(100).optional(),
  comment: required(5000, '请填写考核意见'),
});
export type CreateAssessment = z.infer<typeof assessmentBody>;

/** End-of-term evaluation and 优秀师徒 selection. */
export const evaluationBody = z.object({
  comment: required(5000, '请填写评价意见'),
  grade: z.enum(EVALUATION_GRADES),
  /** Selected as 优秀师徒. */
  excellent: z.boolean().optional(),
  version: versionField.optional(),
});
export type Evaluation = z.infer<typeof evaluationBody>;

export const evaluationSchema = z.object({
  comment: z.string(),
  grade: z.enum(EVALUATION_GRADES),
  gradeLabel: z.string(),
  excellent: z.boolean(),
  evaluatedBy: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
});
export type EvaluationDto = z.infer<typeof evaluationSchema>;

export const mutualObservationsSchema = z.object({
  /** Submitted observations by the mentor of the mentee's lessons during the pairing. */
  mentorObservedMentee: z.number().int(),
  /** Submitted observations by the mentee of the mentor's lessons during the pairing. */
  menteeObservedMentor: z.number().int(),
});
export type MutualObservations = z.infer<typeof mutualObservationsSchema>;

export const mentorshipSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  orgId: z.string(),
  orgName: z.string(),
  mentorId: z.string(),
  mentorName: z.string(),
  menteeId: z.string(),
  menteeName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  goals: z.string(),
  agreement: z.string(),
  status: z.enum(MENTORSHIP_STATUSES),
  evaluation: evaluationSchema.nullable(),
  mutualObservations: mutualObservationsSchema,
  assessmentCount: z.number().int(),
  /** The latest month assessed (YYYY-MM), or null before the first assessment. */
  lastAssessedMonth: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), assess: z.boolean(), evaluate: z.boolean() }),
});
export type MentorshipDto = z.infer<typeof mentorshipSchema>;

export const assessmentSchema = z.object({
  id: z.string(),
  mentorshipId: z.string(),
  month: z.string(),
  score: z.number().nullable(),
  comment: z.string(),
  assessorId: z.string(),
  assessorName: z.string(),
  createdAt: z.string(),
});
export type AssessmentDto = z.infer<typeof assessmentSchema>;
