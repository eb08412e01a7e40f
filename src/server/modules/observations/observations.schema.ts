import { z } from 'zod';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

export const OBSERVATION_STATUSES = ['draft', 'submitted', 'reopened'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`);
/** {key: score}; the range is checked against the school's rubric. */
const scores = z.record(z.string().min(1).max(40), z.number().int());

export const createObservationBody = z.object({
  teacherId: id,
  date: plainDate,
  subject: text(50),
  topic: text(200),
  notes: text(20000),
  scores: scores.default({}),
  period: text(30).nullish(),
  className: text(50).nullish(),
  /** Defaults to the caller; someone else only when the school director records on their behalf. */
  observerId: id.optional(),
  /** Keep a draft (autosaved from the phone) instead of submitting. */
  draft: z.boolean().optional(),
});
export type CreateObservation = z.infer<typeof createObservationBody>;

export const updateObservationBody = z.object({
  version: versionField,
  date: plainDate.optional(),
  subject: text(50).optional(),
  topic: text(200).optional(),
  notes: text(20000).optional(),
  scores: scores.optional(),
  period: text(30).nullish(),
  className: text(50).nullish(),
});
export type UpdateObservation = z.infer<typeof updateObservationBody>;

export const submitBody = z.object({ version: versionField.optional() });
export const reopenBody = z.object({ reason: nameText(500), version: versionField.optional() });

export const observationFilter = z.object({
  teacherId: id.optional(),
  observerId: id.optional(),
  /** A school (or a group: its members' observations). */
  orgId: id.optional(),
  from: plainDate.optional(),
  to: plainDate.optional(),
  status: z.enum(OBSERVATION_STATUSES).optional(),
});
export type ObservationFilter = z.infer<typeof observationFilter>;
export const observationListQuery = pageQuery.extend(observationFilter.shape);

export const observationSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  /** The observed teacher's school. */
  orgId: z.string(),
  /** Null when the school hides observers from the observed teacher. */
  observerId: z.string().nullable(),
  observerName: z.string().nullable(),
  teacherId: z.string(),
  teacherName: z.string(),
  date: z.string(),
  period: z.string().nullable(),
  className: z.string().nullable(),
  subject: z.string(),
  topic: z.string(),
  notes: z.string(),
  scores: z.record(z.string(), z.number()),
  status: z.enum(OBSERVATION_STATUSES),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** For the school director only: the notes copy another record. */
  flagged: z.boolean().optional(),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), reopen: z.boolean(), delete: z.boolean() }),
});
export type ObservationDto = z.infer<typeof observationSchema>;

export const historySchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      action: z.enum(['submit', 'reopen', 'edit']),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

export const flagsQuery = z.object({ orgId: id });
export const flagsSchema = z.object({
  items: z.array(
    z.object({
      observationId: z.string(),
      copyOfId: z.string(),
      similarity: z.number(),
      observerId: z.string(),
      observerName: z.string(),
      teacherName: z.string(),
      date: z.string(),
    }),
  ),
});

export const settingsQuery = z.object({ orgId: id.optional() });
export const settingsBody = z.object({ orgId: id, showObserver: z.boolean() });
export const settingsSchema = z.object({
  orgId: z.string(),
  /** Whether the observed teacher sees who observed them. */
  showObserver: z.boolean(),
  abilities: z.object({ update: z.boolean() }),
});

/** One point of a rubric (评价量表). */
export const rubricItem = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'key 须为小写字母开头的字母、数字或下划线'),
  label: nameText(50),
  max: z.number().int().min(1).max(100),
  descriptor: z.string().max(500).default(''),
});
export type RubricItem = z.infer<typeof rubricItem>;

export const rubricQuery = z.object({ kind: z.literal('observation').default('observation'), orgId: id.optional() });
export const rubricBody = z.object({
  kind: z.literal('observation'),
  orgId: id,
  items: z
    .array(rubricItem)
    .min(1)
    .max(20)
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, '评价指标的 key 不能重复'),
  /** The version read (0 while the school uses the default). */
  version: z.number().int().min(0),
});
export type RubricBody = z.infer<typeof rubricBody>;
export const rubricSchema = z.object({
  kind: z.literal('observation'),
  orgId: z.string(),
  items: z.array(z.object({ key: z.string(), label: z.string(), max: z.number().int(), descriptor: z.string() })),
  version: z.number().int(),
  /** True while the school has not configured its own. */
  isDefault: z.boolean(),
  abilities: z.object({ update: z.boolean() }),
});
