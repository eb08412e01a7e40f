import { z } from 'zod';
import { level } from '../calls/calls.schema.js';
import { nameText, plainDate, versionField } from '../shared.schema.js';
import { OUTPUT_KINDS, RESULTS } from './conclusion.rules.js';

export const outputKind = z.enum(OUTPUT_KINDS);
export const awardResult = z.enum(RESULTS);

export const OUTPUT_KIND_LABELS: Record<(typeof OUTPUT_KINDS)[number], string> = {
  paper: '论文',
  publication: '发表论文',
  award: '获奖',
  lesson: '课例',
  report: '研究报告',
  courseware: '课件',
  case: '案例',
};

/** An output (成果) entered on the project until the works registry exists. */
export const createOutputBody = z.object({
  kind: outputKind,
  title: nameText(300),
  /** Level of the journal or the award. */
  level: level.optional(),
  journal: z.string().trim().max(200).optional(),
  /** Characters of a paper (字数). */
  charCount: z.number().int().min(0).max(10_000_000).optional(),
  /** Award result (特等奖…入围). */
  result: awardResult.optional(),
  onDate: plainDate.optional(),
  authorIds: z.array(z.string().min(1).max(64)).max(50).default([]),
});
export type CreateOutput = z.infer<typeof createOutputBody>;

/** Changes to an output; null clears an optional field. */
export const updateOutputBody = z.object({
  version: versionField,
  kind: outputKind.optional(),
  title: nameText(300).optional(),
  level: level.nullable().optional(),
  journal: z.string().trim().max(200).nullable().optional(),
  charCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  result: awardResult.nullable().optional(),
  onDate: plainDate.nullable().optional(),
  authorIds: z.array(z.string().min(1).max(64)).max(50).optional(),
});
export type UpdateOutput = z.infer<typeof updateOutputBody>;
export const outputParams = z.object({ id: z.string().min(1).max(64), outputId: z.string().min(1).max(64) });

export const outputSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  projectId: z.string(),
  kind: outputKind,
  title: z.string(),
  level: level.nullable(),
  journal: z.string().nullable(),
  charCount: z.number().int().nullable(),
  result: awardResult.nullable(),
  onDate: z.string().nullable(),
  authorIds: z.array(z.string()),
  authors: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type OutputDto = z.infer<typeof outputSchema>;

export const outputList = z.object({ items: z.array(outputSchema), total: z.number().int() });

/** One way to satisfy a rule. */
export const ruleCondition = z.object({
  kind: z.union([outputKind, z.literal('any')]),
  minCount: z.number().int().min(1).max(100),
  minLevel: level.optional(),
  minChars: z.number().int().min(1).max(1_000_000).optional(),
  minResult: awardResult.optional(),
});

/** A conclusion rule: passes when any condition is met. */
export const conclusionRule = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '规则标识只能包含小写字母、数字和下划线'),
  label: nameText(200),
  anyOf: z.array(ruleCondition).min(1, '至少需要一个条件').max(10),
});

export const ruleList = z
  .array(conclusionRule)
  .max(20)
  .refine((rules) => new Set(rules.map((r) => r.key)).size === rules.length, '规则标识不能重复');

export const putRulesBody = z.object({
  rules: ruleList,
  version: versionField,
  /** The office whose rules these are; omitted: the caller's office (a system admin: the deployment default). */
  orgId: z.string().min(1).max(64).nullable().optional(),
});
export type PutRules = z.infer<typeof putRulesBody>;

export const rulesQuery = z.object({ orgId: z.string().min(1).max(64).optional() });

export const levelRules = z.object({
  level,
  levelLabel: z.string(),
  rules: z.array(conclusionRule),
  /** Where the effective rules come from: built in, the deployment default, or an office. */
  source: z.enum(['builtin', 'deployment', 'org']),
  sourceOrgId: z.string().nullable(),
  /** The org these rules are shown for (null: the deployment default); PUT edits its row. */
  orgId: z.string().nullable(),
  /** Version of the row at `orgId` (1 while it does not exist yet). */
  version: z.number().int(),
  abilities: z.object({ edit: z.boolean() }),
});
export type LevelRulesDto = z.infer<typeof levelRules>;

export const levelParam = z.object({ level });

const record = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  level: z.string().nullable(),
  charCount: z.number().nullable(),
  result: z.string().nullable(),
});

export const conclusionCheckSchema = z.object({
  projectId: z.string(),
  level,
  /** Whether every conclusion rule passes (promises are shown beside, not counted). */
  passed: z.boolean(),
  rules: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      passed: z.boolean(),
      required: z.number().int(),
      actual: z.number().int(),
      records: z.array(record),
    }),
  ),
  promises: z.array(
    z.object({
      kind: z.string(),
      promised: z.number().int(),
      delivered: z.number().int(),
      passed: z.boolean(),
      records: z.array(record),
    }),
  ),
});
export type ConclusionCheckDto = z.infer<typeof conclusionCheckSchema>;
