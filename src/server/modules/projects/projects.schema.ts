import { z } from 'zod';
import { level, projectKind } from '../calls/calls.schema.js';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';
import { ACTIONS, STAGES } from './projects.workflow.js';

export const stage = z.enum(STAGES);
export const action = z.enum(ACTIONS);
export const memberRole = z.enum(['host', 'core', 'member']);
export const grade = z.enum(['excellent', 'good', 'pass']);

/** A promised outcome (预期成果): kind and count. */
export const expectedOutcome = z.object({
  kind: z.string().trim().min(1).max(30),
  count: z.number().int().min(1).max(1000),
});

export const sections = z.object({
  /** 选题意义 */
  significance: z.string().max(50000).default(''),
  /** 研究目标与内容 */
  goals: z.string().max(50000).default(''),
  /** 研究方法 */
  methods: z.string().max(50000).default(''),
  /** 研究步骤/阶段安排 */
  steps: z.string().max(50000).default(''),
  /** 经费预算 (optional) */
  budget: z.string().max(20000).optional(),
});

export const createProjectBody = z.object({
  title: nameText(200),
  callId: z.string().max(64).optional(),
  level,
  kind: projectKind,
  orgId: z.string().max(64),
  hostId: z.string().max(64),
  subject: z.string().trim().max(30).optional(),
  planPeriod: z.string().trim().max(20).optional(),
  members: z
    .array(z.object({ personId: z.string().max(64), role: memberRole }))
    .max(30)
    .default([]),
  expectedOutcomes: z.array(expectedOutcome).max(30).default([]),
  sections: sections.default({ significance: '', goals: '', methods: '', steps: '' }),
  startsOn: plainDate.optional(),
  endsOn: plainDate.optional(),
});
export type CreateProject = z.infer<typeof createProjectBody>;

export const updateProjectBody = z.object({
  version: versionField,
  title: nameText(200).optional(),
  level: level.optional(),
  kind: projectKind.optional(),
  hostId: z.string().max(64).optional(),
  subject: z.string().trim().max(30).optional(),
  planPeriod: z.string().trim().max(20).optional(),
  members: z
    .array(z.object({ personId: z.string().max(64), role: memberRole }))
    .max(30)
    .optional(),
  expectedOutcomes: z.array(expectedOutcome).max(30).optional(),
  sections: sections.optional(),
  startsOn: plainDate.nullable().optional(),
  endsOn: plainDate.nullable().optional(),
});
export type UpdateProject = z.infer<typeof updateProjectBody>;

export const transitionBody = z.object({
  action,
  reason: z.string().trim().max(2000).optional(),
  grade: grade.optional(),
  until: plainDate.optional(),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const projectListQuery = pageQuery.extend({
  orgId: z.string().max(64).optional(),
  level: level.optional(),
  kind: projectKind.optional(),
  stage: stage.optional(),
  callId: z.string().max(64).optional(),
  hostId: z.string().max(64).optional(),
  planPeriod: z.string().max(20).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ProjectFilter = Omit<z.infer<typeof projectListQuery>, 'page' | 'pageSize'>;

export const projectSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  level,
  kind: z.string(),
  stage,
  orgId: z.string(),
  orgName: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  /** 立项编号, null before approval. */
  number: z.string().nullable(),
  callId: z.string().nullable(),
  callTitle: z.string().nullable(),
  subject: z.string().nullable(),
  planPeriod: z.string().nullable(),
  members: z.array(z.object({ personId: z.string(), name: z.string(), role: memberRole })),
  expectedOutcomes: z.array(expectedOutcome),
  sections,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  grade: grade.nullable(),
  /** Whose desk the application is on (school / district / …). */
  holderOrgId: z.string().nullable(),
  holderOrgName: z.string().nullable(),
  managerOrgId: z.string().nullable(),
  managerOrgName: z.string().nullable(),
  historic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    delete: z.boolean(),
    /** Transition actions the caller may take now. */
    actions: z.array(action),
  }),
});
export type ProjectDto = z.infer<typeof projectSchema>;

export const historyItem = z.object({
  id: z.string(),
  action,
  fromStage: stage,
  toStage: stage,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  details: z.unknown(),
});
