import { z } from 'zod';
import { stage } from '../projects/projects.schema.js';

/**
 * What waits for the caller's own hand (待我处理). A project's step: submit, recommend, send to review or approve
 * (approve), open, conclude. Its monthly report (月报): write last month's (report), revise one returned (revise),
 * check one (check, 月查). An expert's score sheet (score). A work's school pre-review (校内初审): score an assigned
 * entry (prereview), assign its reviewers (assign), decide once they have scored (decide, 论文定质).
 */
export const TODO_KINDS = [
  'submit',
  'recommend',
  'approve',
  'open',
  'conclude',
  'report',
  'revise',
  'check',
  'score',
  'prereview',
  'assign',
  'decide',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const todoQuery = z.object({
  /** How many items to list, newest first (the counts cover them all). */
  limit: z.coerce.number().int().min(0).max(100).default(10),
});

export const todoItemSchema = z.object({
  kind: z.enum(TODO_KINDS),
  /** A project's or a work's title; in a blind review round, as the expert sees it (identity removed). */
  title: z.string(),
  /** Where it belongs: the project's school, the review round, the competition. */
  context: z.string(),
  /** A project's stage, for a project's step; null otherwise. */
  stage: stage.nullable(),
  /** The month (YYYY-MM) of the monthly report to write, revise or check; null otherwise. */
  month: z.string().nullable(),
  /** By when: the review round's closing time; null when none is set. */
  due: z.string().nullable(),
  /** The page where it is done. */
  link: z.string(),
  updatedAt: z.string(),
});
export type TodoItem = z.infer<typeof todoItemSchema>;

const count = z.number().int();

export const todoSchema = z.object({
  items: z.array(todoItemSchema),
  counts: z.object({
    submit: count,
    recommend: count,
    approve: count,
    open: count,
    conclude: count,
    report: count,
    revise: count,
    check: count,
    score: count,
    prereview: count,
    assign: count,
    decide: count,
  }),
  total: z.number().int(),
  /** More candidates of one source than were weighed (its count is then of the newest 1,000). */
  truncated: z.boolean(),
});
