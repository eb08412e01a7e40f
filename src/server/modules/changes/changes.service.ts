import type { Kysely } from 'kysely';
import { CHANGE_STAGES, changeAbilities, endorsedOnRequest, mayRequestChange } from '../../access/changes.policy.js';
import type { Ctx, Principal } from '../../access/principal.js';
import { projectActors } from '../../access/projects.policy.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, ProjectChangeRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { type ProjectWithFacts, requireReadableProject } from '../projects/projects.access.js';
import { STAGE_LABELS } from '../projects/projects.workflow.js';
import { applyChange } from './changes.apply.js';
import { type ChangePayload, parsePayload, presentChange } from './changes.presenter.js';
import { ChangeRepo } from './changes.repo.js';
import {
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  type ChangeDecision,
  type ChangeDto,
  type ChangeKind,
  type ChangeMember,
  type ChangeStatus,
  type CreateChange,
  PENDING_STATUSES,
  type WithdrawChange,
} from './changes.schema.js';

const stageLabels: Readonly<Record<string, string>> = STAGE_LABELS;
const kindOf = (kind: string): ChangeKind => CHANGE_KINDS.find((k) => k === kind) ?? 'title';
const memberRoleOf = (role: string): ChangeMember['role'] => (role === 'host' || role === 'core' ? role : 'member');

function requireRunning(p: ProjectWithFacts) {
  if (!CHANGE_STAGES.includes(p.stage)) {
    throw conflict(`课题处于「${stageLabels[p.stage] ?? p.stage}」阶段，不能申请或审批变更`);
  }
}

const field = (name: string, message: string) => invalid(message, { fields: [{ field: name, message }] });

/** Change requests (变更申请): members, title, 延期 and 撤项, endorsed by the school, decided by the manager. */
export class ChangeService {
  constructor(private readonly database: Database) {}

  async list(ctx: Ctx, projectId: string, status: ChangeStatus | undefined, page: number, pageSize: number) {
    const { db } = this.database;
    const p = await requireReadableProject(db, ctx.principal, projectId);
    const repo = new ChangeRepo(db);
    const { rows, total } = await repo.list(projectId, status, page, pageSize);
    const pendingKinds = (await repo.pendingKinds(projectId, PENDING_STATUSES)).map(kindOf);
    return {
      items: rows.map((r) => presentChange(r, p.facts, ctx.principal)),
      total,
      abilities: { request: mayRequestChange(ctx.principal, p.facts), pendingKinds },
    };
  }

  async get(ctx: Ctx, projectId: string, changeId: string): Promise<ChangeDto> {
    return this.load(this.database.db, ctx.principal, projectId, changeId);
  }

  private async load(db: Kysely<DB>, principal: Principal, projectId: string, changeId: string) {
    const p = await requireReadableProject(db, principal, projectId);
    const row = await new ChangeRepo(db).byId(projectId, changeId);
    if (!row) throw notFound('变更申请');
    return presentChange(row, p.facts, principal);
  }

  private async audit(trx: Kysely<DB>, ctx: Ctx, action: string, p: ProjectWithFacts, id: string, after: unknown) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'project_change',
      entityId: id,
      orgId: p.org_id,
      after,
      ip: ctx.ip,
    });
  }

  /** The host (or the school director for them) asks; one pending request per kind per project. */
  async create(ctx: Ctx, projectId: string, body: CreateChange): Promise<ChangeDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      requireRunning(p);
      if (!mayRequestChange(ctx.principal, p.facts)) throw forbidden('只有课题主持人或本校教科室主任可以申请变更');
      const repo = new ChangeRepo(trx);
      if ((await repo.pendingKinds(projectId, PENDING_STATUSES)).includes(body.kind)) {
        throw conflict(`该课题已有一项待审批的「${CHANGE_KIND_LABELS[body.kind]}」申请，请等待审批或先撤回`);
      }
      const payload = await this.payloadOf(repo, p, body);
      const endorsed = endorsedOnRequest(ctx.principal, p.facts);
      const bySchool = endorsed && projectActors(ctx.principal, p.facts).has('school');
      const now = nowIso();
      const row: ProjectChangeRow = {
        id: newId(),
        project_id: projectId,
        kind: body.kind,
        payload: toJson(payload),
        reason: body.reason,
        status: endorsed ? 'pending_manager' : 'pending_school',
        requested_by: ctx.principal.personId,
        requested_at: now,
        school_by: bySchool ? ctx.principal.personId : null,
        school_at: bySchool ? now : null,
        decided_by: null,
        decided_at: null,
        opinion: null,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      await this.audit(trx, ctx, 'project.change.request', p, row.id, row);
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }

  /** What the request asks for, checked, with the current values beside it. */
  private async payloadOf(repo: ChangeRepo, p: ProjectWithFacts, body: CreateChange): Promise<ChangePayload> {
    const note = body.attachmentNote ? { attachmentNote: body.attachmentNote } : {};
    if (body.kind === 'title') {
      const title = body.title ?? '';
      if (title === p.title) throw field('title', '新的课题名称与原名称相同');
      return { proposed: { title }, previous: { title: p.title }, ...note };
    }
    if (body.kind === 'dates') {
      const endsOn = body.endsOn ?? '';
      if (p.ends_on && endsOn <= p.ends_on) throw field('endsOn', `延期后的结束日期须晚于原结束日期 ${p.ends_on}`);
      if (p.starts_on && endsOn <= p.starts_on) throw field('endsOn', `结束日期须晚于开始日期 ${p.starts_on}`);
      return { proposed: { endsOn }, previous: { endsOn: p.ends_on }, ...note };
    }
    if (body.kind === 'terminate') return { proposed: {}, previous: {}, ...note };
    const asked = (body.members ?? []).filter((m) => m.personId !== p.host_id);
    const ids = [...new Set(asked.map((m) => m.personId))];
    if (ids.length !== asked.length) throw field('members', '成员有重复');
    const people = await repo.people([p.host_id, ...ids]);
    if (ids.some((id) => !people.some((x) => x.id === id))) throw field('members', '成员不存在');
    const name = (id: string) => people.find((x) => x.id === id)?.name ?? '';
    const current = await repo.members(p.id);
    return {
      proposed: {
        members: [
          { personId: p.host_id, name: name(p.host_id), role: 'host' },
          // Only the host is host; anyone else asked as host becomes a core member (as in the application).
          ...asked.map((m) => ({
            personId: m.personId,
            name: name(m.personId),
            role: m.role === 'host' ? 'core' : m.role,
          })),
        ],
      },
      previous: {
        members: current.map((m) => ({ personId: m.person_id, name: m.name, role: memberRoleOf(m.role) })),
      },
      ...note,
    };
  }

  /** endorse (the school), approve or reject (the managing org; the school may also decline). */
  async decide(ctx: Ctx, projectId: string, changeId: string, body: ChangeDecision): Promise<ChangeDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      const repo = new ChangeRepo(trx);
      const row = await repo.byId(projectId, changeId);
      if (!row) throw notFound('变更申请');
      if (!PENDING_STATUSES.some((s) => s === row.status)) throw conflict('该变更申请已处理，不能再审核');
      if (body.decision === 'endorse' && row.status !== 'pending_school') throw conflict('该变更申请已经学校审核');
      if (body.decision === 'approve' && row.status !== 'pending_manager')
        throw conflict('该变更申请须先经学校审核同意');
      if (body.decision !== 'reject') requireRunning(p);
      const can = changeAbilities(ctx.principal, p.facts, { status: row.status, requestedBy: row.requested_by });
      if (!can[body.decision]) {
        throw forbidden(
          row.status === 'pending_school' ? '只有本校教科室主任可以审核变更申请' : '只有立项单位可以审批变更申请',
        );
      }
      const opinion = body.opinion?.trim() || null;
      if (body.decision === 'reject' && !opinion) throw field('opinion', '不同意变更时须填写意见');
      const now = nowIso();
      const patch: Partial<ProjectChangeRow> = { updated_at: now, opinion };
      if (body.decision === 'endorse') {
        Object.assign(patch, { status: 'pending_manager', school_by: ctx.principal.personId, school_at: now });
      } else {
        Object.assign(patch, { status: body.decision === 'approve' ? 'approved' : 'rejected' });
        Object.assign(patch, { decided_by: ctx.principal.personId, decided_at: now });
      }
      if (body.decision === 'approve') {
        const kind = kindOf(row.kind);
        const payload = parsePayload(row.payload);
        const previous = await applyChange(trx, ctx, p, {
          id: row.id,
          kind,
          reason: row.reason,
          payload,
        });
        patch.payload = toJson({ ...payload, previous });
        if (kind === 'terminate') await this.closeOthers(trx, ctx, p, row.id);
      }
      if (!(await repo.update(row.id, body.version ?? row.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, `project.change.${body.decision}`, p, row.id, { ...patch, opinion });
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }

  /** After 撤项 the project's other pending requests are closed as not approved. */
  private async closeOthers(trx: Kysely<DB>, ctx: Ctx, p: ProjectWithFacts, exceptId: string) {
    const now = nowIso();
    const patch: Partial<ProjectChangeRow> = {
      status: 'rejected',
      opinion: '课题已撤项，本申请自动关闭',
      decided_by: ctx.principal.personId,
      decided_at: now,
      updated_at: now,
    };
    const closed = await new ChangeRepo(trx).closePending(p.id, exceptId, PENDING_STATUSES, patch);
    for (const id of closed) await this.audit(trx, ctx, 'project.change.close', p, id, patch);
  }

  /** The requester takes back a request still waiting for a decision. */
  async withdraw(ctx: Ctx, projectId: string, changeId: string, body: WithdrawChange): Promise<ChangeDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      const repo = new ChangeRepo(trx);
      const row = await repo.byId(projectId, changeId);
      if (!row) throw notFound('变更申请');
      if (!PENDING_STATUSES.some((s) => s === row.status)) throw conflict('该变更申请已处理，不能撤回');
      const can = changeAbilities(ctx.principal, p.facts, { status: row.status, requestedBy: row.requested_by });
      if (!can.withdraw) throw forbidden('只有申请人可以撤回变更申请');
      const patch: Partial<ProjectChangeRow> = { status: 'withdrawn', updated_at: nowIso() };
      if (!(await repo.update(row.id, body.version ?? row.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'project.change.withdraw', p, row.id, patch);
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }
}
