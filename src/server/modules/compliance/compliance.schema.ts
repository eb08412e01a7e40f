import { z } from 'zod';
import { RULE_KEYS } from '../rules/rules.schema.js';
import { listOf, schoolOfOffice } from '../shared.schema.js';

const id = z.string().min(1).max(64);

/** The view: an org (school, group, district…), a term, and optional filters. */
export const complianceQuery = z.object({
  orgId: id,
  termId: id,
  groupId: id.optional(),
  personId: id.optional(),
  rule: z.enum(RULE_KEYS).optional(),
  /** Only the rules not met. */
  onlyUnmet: z.stringbool().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(200),
});
export type ComplianceQuery = z.infer<typeof complianceQuery>;
export const complianceExportQuery = complianceQuery.omit({ page: true, pageSize: true });
export type ComplianceFilter = z.infer<typeof complianceExportQuery>;

export const countedRecordSchema = z.object({
  id: z.string(),
  /** observation | essay/reflection/reading… (growth kinds) | research_lesson/open_lesson… | entry | growth/project/… */
  kind: z.string(),
  title: z.string(),
  date: z.string().nullable(),
});

export const complianceItemSchema = z.object({
  personId: z.string(),
  personName: z.string(),
  /** The teacher's school. */
  orgId: z.string(),
  rule: z.enum(RULE_KEYS),
  label: z.string(),
  age: z.number().int().nullable(),
  required: z.number().int(),
  actual: z.number().int(),
  met: z.boolean(),
  behind: z.number().int(),
  dueToDate: z.number().int(),
  behindToDate: z.number().int(),
  records: z.array(countedRecordSchema),
});

/** Each rule's teachers bound and meeting it, in the rules' order. */
const ruleCounts = z.array(
  z.object({ rule: z.enum(RULE_KEYS), label: z.string(), bound: z.number().int(), met: z.number().int() }),
);
/** A view's figures over all its teachers (the list's header, an office's totals). */
const complianceSummary = z.object({
  teachers: z.number().int(),
  /** Teachers behind on at least one rule as of today. */
  behind: z.number().int(),
  byRule: ruleCounts,
});

export const complianceListSchema = listOf(complianceItemSchema).extend({
  summary: complianceSummary,
  abilities: z.object({ remind: z.boolean() }),
});

/** A district's or city's view, school by school (各校达标情况): what its office compares before opening a school. */
export const complianceSchoolsQuery = z.object({ orgId: id, termId: id });
export const complianceSchoolsSchema = z.object({
  items: z.array(
    schoolOfOffice.extend({
      teachers: z.number().int(),
      /** Teachers behind on at least one rule as of today. */
      behind: z.number().int(),
      byRule: ruleCounts,
    }),
  ),
  summary: complianceSummary,
});

export const remindBody = z.object({
  orgId: id,
  termId: id,
  groupId: id.optional(),
  rule: z.enum(RULE_KEYS).optional(),
  /** Only these teachers (still only those behind). */
  personIds: z.array(id).max(2000).optional(),
});
export type RemindBody = z.infer<typeof remindBody>;
export const remindResult = z.object({ sent: z.number().int(), personIds: z.array(z.string()) });
