import { z } from 'zod';
import { listOf, schoolOfOffice } from '../shared.schema.js';
import { SCORE_SOURCES } from './assessment.score.js';

const id = z.string().min(1).max(64);

/** A term, or a whole school year (学年: both its terms), of an org (school, group, district…). */
export const assessmentQuery = z.object({
  orgId: id,
  termId: id.optional(),
  schoolYear: z.coerce.number().int().min(2000).max(2100).optional(),
  groupId: id.optional(),
  personId: id.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(200),
});
export type AssessmentQuery = z.infer<typeof assessmentQuery>;
export const assessmentExportQuery = assessmentQuery.omit({ page: true, pageSize: true });
export type AssessmentFilter = z.infer<typeof assessmentExportQuery>;

export const scoreItemSchema = z.object({
  source: z.enum(SCORE_SOURCES),
  sourceId: z.string(),
  label: z.string(),
  points: z.number(),
  date: z.string().nullable(),
  termId: z.string(),
});

export const teacherScoreSchema = z.object({
  personId: z.string(),
  name: z.string(),
  /** The teacher's school. */
  orgId: z.string(),
  orgName: z.string(),
  /** Sum of the items' points. */
  total: z.number(),
  /** The share counted into the business assessment (按比例计入业务考核). */
  weighted: z.number(),
  /** Rank in the school by total (教科研先进个人 ranking). */
  rank: z.number().int(),
  /** Among the school's top `advancedCount` with points: 教科研先进个人 candidate. */
  advanced: z.boolean(),
  items: z.array(scoreItemSchema),
});
export type TeacherScore = z.infer<typeof teacherScoreSchema>;

export const assessmentListSchema = listOf(teacherScoreSchema).extend({
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const rewardItemSchema = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  rewardKey: z.string(),
  rewardLabel: z.string(),
  amount: z.number().nullable(),
  entryId: z.string(),
  workId: z.string(),
  title: z.string(),
  competition: z.string(),
  level: z.string(),
  result: z.string(),
  resultOn: z.string().nullable(),
  termId: z.string(),
});
export type RewardItem = z.infer<typeof rewardItemSchema>;
export const rewardListSchema = listOf(rewardItemSchema);

/** A district's or city's assessment school by school (各校考核情况): what its office compares before opening one. */
export const assessmentSchoolsQuery = assessmentExportQuery.pick({ orgId: true, termId: true, schoolYear: true });
export const assessmentSchoolsSchema = z.object({
  items: z.array(
    schoolOfOffice.extend({
      teachers: z.number().int(),
      /** Teachers with any points. */
      scored: z.number().int(),
      average: z.number(),
      top: z.number(),
      /** 教科研先进个人 named by the school's own count. */
      advanced: z.number().int(),
    }),
  ),
  summary: z.object({
    teachers: z.number().int(),
    scored: z.number().int(),
    average: z.number(),
    advanced: z.number().int(),
  }),
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
});
