import { z } from 'zod';
import { plainDate, versionField } from '../shared.schema.js';

export const termSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  /** e.g. 2026—2027学年第一学期 */
  name: z.string(),
  /** The year the school year starts in (2026 for 2026—2027). */
  schoolYear: z.number().int(),
  /** 1 = 第一学期 (autumn), 2 = 第二学期 (spring). */
  termNo: z.union([z.literal(1), z.literal(2)]),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Whether today falls inside the term. */
  current: z.boolean(),
  abilities: z.object({ update: z.boolean() }),
});
export type TermDto = z.infer<typeof termSchema>;

export const createTermBody = z.object({
  schoolYear: z.number().int().min(2000).max(2100),
  termNo: z.union([z.literal(1), z.literal(2)]),
  startsOn: plainDate.optional(),
  endsOn: plainDate.optional(),
  name: z.string().trim().min(1).max(50).optional(),
});
export type CreateTerm = z.infer<typeof createTermBody>;

export const updateTermBody = z.object({
  version: versionField,
  startsOn: plainDate.optional(),
  endsOn: plainDate.optional(),
  name: z.string().trim().min(1).max(50).optional(),
});
export type UpdateTerm = z.infer<typeof updateTermBody>;
