import { z } from 'zod';
import { LEVELS } from '../projects/projects.workflow.js';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** Kinds of project a call may admit (重点/一般/青年专项/乡村专项/专项/微型/个人/委托). */
export const PROJECT_KINDS = ['key', 'general', 'youth', 'rural', 'special', 'micro', 'personal', 'entrusted'] as const;
export const KIND_LABELS: Record<(typeof PROJECT_KINDS)[number], string> = {
  key: '重点课题',
  general: '一般课题',
  youth: '青年教师专项',
  rural: '乡村教师专项',
  special: '专项课题',
  micro: '微型课题',
  personal: '个人课题',
  entrusted: '委托课题',
};
export const projectKind = z.enum(PROJECT_KINDS);
export const level = z.enum(LEVELS);

/** Per-kind rules of a call: eligibility, minimum share inside each quota, outside-quota kinds. */
export const callKindRule = z.object({
  kind: projectKind,
  /** 青年专项: the host must be born on or after this date. */
  bornOnOrAfter: plainDate.optional(),
  /** 乡村专项: the host's school must be rural. */
  ruralOnly: z.boolean().optional(),
  /** Minimum share of each quota that must go to this kind (0.3 = 30%). */
  minShare: z.number().min(0).max(1).optional(),
  /** 不列入申报限额数: does not count against the quota. */
  outsideQuota: z.boolean().optional(),
});
export type CallKindRule = z.infer<typeof callKindRule>;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

export const createCallBody = z.object({
  title: nameText(200),
  orgId: z.string().max(64),
  levels: z.array(level).min(1, '至少选择一个级别'),
  opensOn: plainDate,
  closesOn: plainDate,
  /** Closing time on the last day, China time (real platforms close at 17:00). */
  closesAt: time.default('17:00'),
  quotas: z.array(z.object({ orgId: z.string().max(64), count: z.number().int().min(0).max(10000) })).default([]),
  kinds: z.array(callKindRule).default([]),
  guide: z.array(z.string().trim().min(1).max(300)).max(200).default([]),
  planPeriod: z.string().trim().max(20).optional(),
  /** Project number format: {year}, {seq:N} (zero-padded), e.g. '{year}-JY-{seq:3}'. */
  numberFormat: z.string().trim().min(1).max(60).default('{year}-KT-{seq:3}'),
  description: z.string().max(10000).optional(),
});
export type CreateCall = z.infer<typeof createCallBody>;

export const updateCallBody = z.object({
  version: versionField,
  title: nameText(200).optional(),
  levels: z.array(level).min(1).optional(),
  opensOn: plainDate.optional(),
  closesOn: plainDate.optional(),
  closesAt: time.optional(),
  quotas: z.array(z.object({ orgId: z.string().max(64), count: z.number().int().min(0).max(10000) })).optional(),
  kinds: z.array(callKindRule).optional(),
  guide: z.array(z.string().trim().min(1).max(300)).max(200).optional(),
  planPeriod: z.string().trim().max(20).optional(),
  numberFormat: z.string().trim().min(1).max(60).optional(),
  description: z.string().max(10000).optional(),
});
export type UpdateCall = z.infer<typeof updateCallBody>;

export const quotaStatus = z.object({
  orgId: z.string(),
  orgName: z.string(),
  count: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  shares: z.array(
    z.object({ kind: projectKind, minShare: z.number(), required: z.number().int(), have: z.number().int() }),
  ),
});

export const callSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  levels: z.array(level),
  opensOn: z.string(),
  closesOn: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  /** 'upcoming' | 'open' | 'closed' right now. */
  status: z.enum(['upcoming', 'open', 'closed']),
  quotas: z.array(quotaStatus),
  kinds: z.array(callKindRule),
  guide: z.array(z.string()),
  planPeriod: z.string().nullable(),
  numberFormat: z.string(),
  description: z.string().nullable(),
  abilities: z.object({ update: z.boolean(), apply: z.boolean() }),
});
export type CallDto = z.infer<typeof callSchema>;

export const callListQuery = pageQuery.extend({ status: z.enum(['upcoming', 'open', 'closed']).optional() });
