import { z } from 'zod';
import { memberRole } from '../projects/projects.schema.js';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** 成员变更 / 名称变更 / 延期 / 撤项 */
export const CHANGE_KINDS = ['members', 'title', 'dates', 'terminate'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  members: '成员变更',
  title: '课题名称变更',
  dates: '延期',
  terminate: '撤项',
};

/** 待学校审核 → 待立项单位审批 → 已批准 | 未批准 | 已撤回 */
export const CHANGE_STATUSES = ['pending_school', 'pending_manager', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const PENDING_STATUSES: readonly ChangeStatus[] = ['pending_school', 'pending_manager'];

export const changeKind = z.enum(CHANGE_KINDS);
export const changeStatus = z.enum(CHANGE_STATUSES);

const changeMember = z.object({ personId: z.string().min(1).max(64), role: memberRole });

/** A change request: the kind, the reason, and the new value the kind needs. */
export const createChangeBody = z
  .object({
    kind: changeKind,
    reason: z.string().trim().min(1, '请填写变更理由').max(5000),
    /** 成员变更: the whole new team (the host stays host). */
    members: z.array(changeMember).max(50).optional(),
    /** 课题名称变更 */
    title: nameText(200).optional(),
    /** 延期: the new end date. */
    endsOn: plainDate.optional(),
    /** A note on supporting papers (e.g. 变更申请表已盖章，纸质件已交区教科室). */
    attachmentNote: z.string().trim().max(2000).optional(),
  })
  .superRefine((b, ctx) => {
    const need = (field: 'members' | 'title' | 'endsOn', message: string) => {
      if (b[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (b.kind === 'members') need('members', '请填写变更后的成员');
    if (b.kind === 'title') need('title', '请填写新的课题名称');
    if (b.kind === 'dates') need('endsOn', '请填写延期后的结束日期');
  });
export type CreateChange = z.infer<typeof createChangeBody>;

/** endorse: the school's step; approve / reject: the managing org (reject needs an opinion). */
export const decisionBody = z.object({
  decision: z.enum(['endorse', 'approve', 'reject']),
  opinion: z.string().trim().max(5000).optional(),
  version: versionField.optional(),
});
export type ChangeDecision = z.infer<typeof decisionBody>;

export const withdrawBody = z.object({ version: versionField.optional() });
export type WithdrawChange = z.infer<typeof withdrawBody>;

const memberOut = z.object({ personId: z.string(), name: z.string(), role: memberRole });
export type ChangeMember = z.infer<typeof memberOut>;

/** What a change asks for (and what it replaces). */
export const changeValues = z.object({
  members: z.array(memberOut).optional(),
  title: z.string().optional(),
  endsOn: z.string().nullable().optional(),
});
export type ChangeValues = z.infer<typeof changeValues>;

export const changeSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  projectId: z.string(),
  kind: changeKind,
  status: changeStatus,
  reason: z.string(),
  /** The values asked for. */
  proposed: changeValues,
  /** The values before the change (as at the request; as replaced once approved). */
  previous: changeValues,
  attachmentNote: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  schoolBy: z.string().nullable(),
  schoolByName: z.string().nullable(),
  schoolAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  opinion: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ endorse: z.boolean(), approve: z.boolean(), reject: z.boolean(), withdraw: z.boolean() }),
});
export type ChangeDto = z.infer<typeof changeSchema>;

export const changeListQuery = pageQuery.extend({ status: changeStatus.optional() });
export const changeList = z.object({
  items: z.array(changeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Whether the caller may ask for a change now, and the kinds that already have a pending request. */
  abilities: z.object({ request: z.boolean(), pendingKinds: z.array(changeKind) }),
});
export const changeParams = z.object({ id: z.string().min(1).max(64), changeId: z.string().min(1).max(64) });
