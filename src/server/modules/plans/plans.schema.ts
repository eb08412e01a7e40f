import { z } from 'zod';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** A month of the arrangement, 'YYYY-MM'. */
export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

const id = z.string().min(1).max(64);
const longText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`);

export const planListQuery = pageQuery.extend({ orgId: id.optional(), termId: id.optional() });
export type PlanListQuery = z.infer<typeof planListQuery>;

export const createPlanBody = z.object({
  orgId: id,
  termId: id,
  /** Defaults to "<org><term>教科研工作计划". */
  title: nameText(120).optional(),
  /** 指导思想与工作目标: free text, one paragraph per line. */
  goals: longText(20000).optional(),
  /** Copy the items of the org's plan of the previous term, moved by the same number of months. */
  copyFromPrevious: z.boolean().optional(),
});
export type CreatePlan = z.infer<typeof createPlanBody>;

export const updatePlanBody = z.object({
  version: versionField,
  title: nameText(120).optional(),
  goals: longText(20000).optional(),
});
export type UpdatePlan = z.infer<typeof updatePlanBody>;

export const createItemBody = z.object({
  /** The month the item is listed under; taken from `dueOn` when left out. */
  month: monthText.optional(),
  title: nameText(200),
  /** The person responsible (a person of the org's subtree). */
  ownerId: id.nullable().optional(),
  /** A free-text owner such as 教科室 or 各教研组. */
  ownerText: z.string().trim().max(60).nullable().optional(),
  dueOn: plainDate.nullable().optional(),
  done: z.boolean().optional(),
  note: longText(2000).optional(),
  sort: z.number().int().min(0).max(10000).optional(),
});
export type CreateItem = z.infer<typeof createItemBody>;

export const updateItemBody = createItemBody.partial().extend({ version: versionField });
export type UpdateItem = z.infer<typeof updateItemBody>;

export const itemParams = z.object({ id, itemId: id });

export const planItemSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  planId: z.string(),
  month: z.string(),
  title: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerText: z.string().nullable(),
  dueOn: z.string().nullable(),
  done: z.boolean(),
  doneOn: z.string().nullable(),
  /** Not done and past its due date. */
  overdue: z.boolean(),
  note: z.string(),
  sort: z.number().int(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type PlanItemDto = z.infer<typeof planItemSchema>;

const planAbilities = z.object({ update: z.boolean(), delete: z.boolean(), manageItems: z.boolean() });

export const planSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  orgId: z.string(),
  orgName: z.string(),
  termId: z.string(),
  termName: z.string(),
  title: z.string(),
  /** Items in the plan and how many of them are done. */
  progress: z.object({ total: z.number().int(), done: z.number().int() }),
  updatedAt: z.string(),
  abilities: planAbilities,
});
export type PlanSummaryDto = z.infer<typeof planSummarySchema>;

export const planSchema = planSummarySchema.extend({
  goals: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The months of the term, 'YYYY-MM', in order. */
  months: z.array(z.string()),
  items: z.array(planItemSchema),
  createdAt: z.string(),
});
export type PlanDto = z.infer<typeof planSchema>;

export const CALENDAR_KINDS = ['plan_item', 'call', 'monthly_report', 'review', 'competition'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const calendarQuery = z.object({ orgId: id, from: plainDate, to: plainDate });
export type CalendarQuery = z.infer<typeof calendarQuery>;

/** One dated thing on an org's calendar: a plan item or a deadline that appears by itself. */
export const calendarEntrySchema = z.object({
  kind: z.enum(CALENDAR_KINDS),
  /** The record behind it (plan item, call, review round, competition edition; the month for 月报). */
  sourceId: z.string(),
  /** The day it is due; null for a plan item with a month but no day. */
  date: z.string().nullable(),
  month: z.string(),
  title: z.string(),
  /** A short zh-CN detail: owner, counts, issuing org. */
  detail: z.string().nullable(),
  /** Plan items: done or not; monthly reports: all in; others null. */
  done: z.boolean().nullable(),
  link: z.string().nullable(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const calendarSchema = z.object({
  orgId: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(calendarEntrySchema),
});
