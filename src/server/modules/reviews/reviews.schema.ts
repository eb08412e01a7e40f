import { z } from 'zod';
import { nameText, pageQuery, versionField } from '../shared.schema.js';

/** What a round reviews: applications (立项评审), mid-term (中期) or conclusion (结题). */
export const ROUND_KINDS = ['application', 'midterm', 'conclusion'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  application: '立项评审',
  midterm: '中期评审',
  conclusion: '结题评审',
};
export const ROUND_STATUSES = ['open', 'closed'] as const;

/** Kinds of conflict of interest (回避) an expert may have with a person or an org. */
export const CONFLICT_KINDS = ['colleague', 'relative', 'mentor', 'coauthor', 'other'] as const;
export const CONFLICT_LABELS: Record<(typeof CONFLICT_KINDS)[number], string> = {
  colleague: '同事',
  relative: '亲属',
  mentor: '师生',
  coauthor: '合作者',
  other: '其他',
};

const id = z.string().min(1).max(64);

/** One weighted criterion of a rubric (评价量表). */
export const criterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, '只能用小写字母、数字和下划线，以字母开头'),
  label: nameText(50),
  /** Percentage weight; the weights of a rubric sum to 100. */
  weight: z.number().int().min(1).max(100),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const rubricSchema = z
  .array(criterionSchema)
  .min(1)
  .max(20)
  .superRefine((items, ctx) => {
    if (new Set(items.map((c) => c.key)).size !== items.length) {
      ctx.addIssue({ code: 'custom', message: '评价指标的 key 不能重复' });
    }
    if (items.reduce((s, c) => s + c.weight, 0) !== 100) {
      ctx.addIssue({ code: 'custom', message: '各项权重之和须为 100' });
    }
  });

/** The default rubric: 选题价值, 研究设计, 可行性, 预期成果. */
export const DEFAULT_RUBRIC: Criterion[] = [
  { key: 'value', label: '选题价值', weight: 30 },
  { key: 'design', label: '研究设计', weight: 30 },
  { key: 'feasibility', label: '可行性', weight: 20 },
  { key: 'outcomes', label: '预期成果', weight: 20 },
];

export const createRoundBody = z.object({
  title: nameText(200),
  kind: z.enum(ROUND_KINDS),
  projectIds: z.array(id).min(1).max(500),
  expertIds: z.array(id).min(1).max(200),
  /** How many experts review each project. */
  expertsPerItem: z.number().int().min(1).max(20),
  /** Blind review hides the applicant's identity from experts everywhere. */
  blind: z.boolean().default(true),
  rubric: rubricSchema.optional(),
});
export type CreateRound = z.infer<typeof createRoundBody>;

export const updateRoundBody = z.object({
  version: versionField,
  title: nameText(200).optional(),
  status: z.enum(ROUND_STATUSES).optional(),
});
export type UpdateRound = z.infer<typeof updateRoundBody>;

export const roundListQuery = pageQuery.extend({
  status: z.enum(ROUND_STATUSES).optional(),
  kind: z.enum(ROUND_KINDS).optional(),
});
export type RoundFilter = Omit<z.infer<typeof roundListQuery>, 'page' | 'pageSize'>;

export const roundAbilities = z.object({
  update: z.boolean(),
  assign: z.boolean(),
  results: z.boolean(),
  score: z.boolean(),
});

export const roundSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  kind: z.enum(ROUND_KINDS),
  blind: z.boolean(),
  expertsPerItem: z.number().int(),
  rubric: z.array(criterionSchema),
  /** The managing org (the projects' manager org). */
  orgId: z.string(),
  status: z.enum(ROUND_STATUSES),
  projectCount: z.number().int(),
  expertCount: z.number().int(),
  createdAt: z.string(),
  /** The managing side only: the projects with their anonymous codes. */
  projects: z.array(z.object({ projectId: z.string(), code: z.string(), title: z.string() })).optional(),
  /** The managing side only: the round's experts. */
  experts: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  abilities: roundAbilities,
});
export type RoundDto = z.infer<typeof roundSchema>;

export const manualAssignmentBody = z.object({ projectId: id, expertId: id });
export const assignmentBody = z.union([z.object({ auto: z.literal(true) }), manualAssignmentBody]);
export type AssignmentBody = z.infer<typeof assignmentBody>;

export const assignmentSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  roundId: z.string(),
  projectId: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  /** The project's anonymous code in this round (e.g. A-001). */
  code: z.string(),
  /** The project title (identities blanked out as *** in a blind round). */
  title: z.string(),
  submitted: z.boolean(),
  submittedAt: z.string().nullable(),
  total: z.number().nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  comment: z.string().nullable(),
  abilities: z.object({ score: z.boolean(), delete: z.boolean() }),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

/** What automatic assignment did: the new assignments and the projects it could not fill. */
export const autoAssignmentResult = z.object({
  items: z.array(assignmentSchema),
  skipped: z.array(
    z.object({ projectId: z.string(), code: z.string(), missing: z.number().int(), reason: z.string() }),
  ),
});
export const assignmentResult = z.union([assignmentSchema, autoAssignmentResult]);

/** The project as an expert sees it; a blind round leaves out every identity. */
export const reviewProjectSchema = z.object({
  assignmentId: z.string(),
  code: z.string(),
  blind: z.boolean(),
  title: z.string(),
  level: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  sections: z.record(z.string(), z.unknown()),
  expectedOutcomes: z.array(z.unknown()),
  files: z.array(z.object({ id: z.string(), category: z.string(), name: z.string() })),
  hostName: z.string().optional(),
  members: z.array(z.object({ name: z.string(), role: z.string() })).optional(),
  schoolName: z.string().optional(),
});
export type ReviewProjectDto = z.infer<typeof reviewProjectSchema>;

export const scoreBody = z.object({
  assignmentId: id,
  scores: z.record(z.string().max(30), z.number().min(0, '分数不能小于 0').max(100, '分数不能大于 100')),
  comment: z.string().trim().max(5000).default(''),
  /** Optional optimistic lock on the assignment. */
  version: versionField.optional(),
});
export type ScoreBody = z.infer<typeof scoreBody>;

export const resultSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  title: z.string(),
  /** Submitted scores behind the figures. */
  count: z.number().int(),
  assigned: z.number().int(),
  mean: z.number().nullable(),
  /** Mean without the highest and the lowest total (when there are at least 3). */
  trimmedMean: z.number().nullable(),
  /** Highest minus lowest total. */
  spread: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** Mean of each criterion. */
  byCriterion: z.record(z.string(), z.number()),
});
export const resultsSchema = z.object({ roundId: z.string(), items: z.array(resultSchema) });
export type ResultDto = z.infer<typeof resultSchema>;

export const createConflictBody = z
  .object({
    expertId: id,
    personId: id.optional(),
    orgId: id.optional(),
    kind: z.enum(CONFLICT_KINDS),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => Boolean(b.personId) !== Boolean(b.orgId), {
    message: '请指定回避的人员或单位（二选一）',
    path: ['personId'],
  });
export type CreateConflict = z.infer<typeof createConflictBody>;

export const conflictQuery = pageQuery.extend({ expertId: id.optional() });

export const conflictSchema = z.object({
  id: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  kind: z.enum(CONFLICT_KINDS),
  note: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type ConflictDto = z.infer<typeof conflictSchema>;
