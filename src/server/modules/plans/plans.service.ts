import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB, PlanItemRow, PlanRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { notice } from '../notifications/notices.js';
import { notify } from '../notifications/notify.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { CalendarService } from './calendar.service.js';
import { monthLabel, monthOf, monthsBetween, shiftDate, shiftMonth } from './months.js';
import { planDocx } from './plans.docx.js';
import { canManagePlans, canReadPlans, planScope } from './plans.policy.js';
import { presentItem, presentPlan, presentPlanSummary } from './plans.presenter.js';
import { type PlanItemRowFull, PlanRepo, type PlanRowFull } from './plans.repo.js';
import type {
  CreateItem,
  CreatePlan,
  PlanDto,
  PlanItemDto,
  PlanListQuery,
  UpdateItem,
  UpdatePlan,
} from './plans.schema.js';

const WHAT = '工作计划';

/** Semester work plans (学期工作计划) with their monthly arrangement (月度工作安排). */
export class PlanService {
  constructor(private readonly database: Database) {}

  async list(ctx: Ctx, q: PlanListQuery) {
    const repo = new PlanRepo(this.database.db);
    const { rows, total } = await repo.list(planScope(ctx.principal), q, q.page, q.pageSize);
    const progress = await repo.progress(rows.map((r) => r.id));
    const items = rows.map((r) => presentPlanSummary(r, progress.get(r.id), ctx.principal));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** A plan the caller may read, or not_found. */
  private async readable(db: Kysely<DB>, p: Principal, id: string): Promise<PlanRowFull> {
    const row = await new PlanRepo(db).byId(id);
    if (!row || !canReadPlans(p, row.org_path)) throw notFound(WHAT);
    return row;
  }

  /** A plan the caller may keep: not_found outside their reach, forbidden when they only read it. */
  private async keepable(db: Kysely<DB>, p: Principal, id: string): Promise<PlanRowFull> {
    const row = await this.readable(db, p, id);
    if (!canManagePlans(p, row.org_path)) throw forbidden('只有本单位教科室（或上级教研部门）可以修改工作计划');
    return row;
  }

  private async load(db: Kysely<DB>, p: Principal, id: string): Promise<PlanDto> {
    const row = await this.readable(db, p, id);
    return presentPlan(row, await new PlanRepo(db).items(id), p, today());
  }

  get(ctx: Ctx, id: string) {
    return this.load(this.database.db, ctx.principal, id);
  }

  private async audit(trx: Kysely<DB>, ctx: Ctx, action: string, orgId: string, id: string, a?: unknown, b?: unknown) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: action.startsWith('plan.item') ? 'plan_item' : 'plan',
      entityId: id,
      orgId,
      before: b,
      after: a,
      ip: ctx.ip,
    });
  }

  async create(ctx: Ctx, body: CreatePlan): Promise<PlanDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const org = await new OrgRepo(trx).byId(body.orgId);
      if (!org || !canReadPlans(ctx.principal, org.path)) throw notFound('单位');
      if (!canManagePlans(ctx.principal, org.path))
        throw forbidden('只有本单位教科室（或上级教研部门）可以制订工作计划');
      const repo = new PlanRepo(trx);
      const term = await repo.term(body.termId);
      if (!term) throw notFound('学期');
      if (await repo.byOrgTerm(org.id, term.id)) throw conflict('该单位本学期的工作计划已经存在，请直接修改');
      const now = nowIso();
      const row: PlanRow = {
        id: newId(),
        org_id: org.id,
        term_id: term.id,
        title: body.title ?? `${org.name}${term.name}教科研工作计划`,
        goals: body.goals ?? '',
        version: 1,
        created_by: ctx.principal.personId,
        created_at: now,
        updated_at: now,
      };
      await repo.insertPlan(row);
      if (body.copyFromPrevious) {
        const previous = await repo.previousPlan(org.id, term.starts_on);
        const items = previous ? await repo.items(previous.id) : [];
        // Nothing to copy: say so and make nothing (an empty plan under "copied" would read as a success).
        if (!previous || items.length === 0) throw conflict('上学期没有可复制的月度安排，请直接新建工作计划');
        await repo.insertItems(copiedItems(items, previous, row.id, term));
      }
      await this.audit(trx, ctx, 'plan.create', org.id, row.id, row);
      return this.load(trx, ctx.principal, row.id);
    });
  }

  async update(ctx: Ctx, id: string, body: UpdatePlan): Promise<PlanDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const row = await this.keepable(trx, ctx.principal, id);
      const patch: Partial<PlanRow> = {
        title: body.title ?? row.title,
        goals: body.goals ?? row.goals,
        updated_at: nowIso(),
      };
      if (!(await new PlanRepo(trx).updatePlan(id, body.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'plan.update', row.org_id, id, patch, { title: row.title, goals: row.goals });
      return this.load(trx, ctx.principal, id);
    });
  }

  async remove(ctx: Ctx, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const row = await this.keepable(trx, ctx.principal, id);
      const items = await new PlanRepo(trx).items(id);
      await new PlanRepo(trx).deletePlan(id);
      await this.audit(trx, ctx, 'plan.delete', row.org_id, id, undefined, { title: row.title, items: items.length });
    });
  }

  async items(ctx: Ctx, id: string): Promise<PlanItemDto[]> {
    return (await this.get(ctx, id)).items;
  }

  async item(ctx: Ctx, id: string, itemId: string): Promise<PlanItemDto> {
    const { db } = this.database;
    const row = await this.readable(db, ctx.principal, id);
    const item = await new PlanRepo(db).item(id, itemId);
    if (!item) throw notFound('工作安排');
    return presentItem(item, canManagePlans(ctx.principal, row.org_path), today());
  }

  /** Month, owner and due date of an item, checked against the plan's term and org. */
  private async itemFields(trx: Kysely<DB>, plan: PlanRowFull, body: CreateItem, old?: PlanItemRowFull) {
    const dueOn = body.dueOn === undefined ? (old?.due_on ?? null) : body.dueOn;
    const month = body.month ?? (body.dueOn ? monthOf(body.dueOn) : old?.month);
    if (!month) throw invalid('请填写月份或完成时限', { fields: [{ field: 'month', message: '请填写月份' }] });
    const months = monthsBetween(plan.starts_on, plan.ends_on);
    if (!months.includes(month)) {
      const range = `${monthLabel(months[0])}—${monthLabel(months[months.length - 1])}`;
      throw invalid(`月份不在本学期内（${range}）`, { fields: [{ field: 'month', message: '月份不在本学期内' }] });
    }
    const ownerId = body.ownerId === undefined ? (old?.owner_id ?? null) : body.ownerId;
    if (ownerId && ownerId !== old?.owner_id) {
      const person = await new PlanRepo(trx).person(ownerId);
      if (!person?.org_path?.startsWith(plan.org_path)) {
        throw invalid('负责人须是本单位的人员', { fields: [{ field: 'ownerId', message: '负责人须是本单位的人员' }] });
      }
    }
    const ownerText = body.ownerText === undefined ? (old?.owner_text ?? null) : body.ownerText || null;
    return { month, dueOn, ownerId, ownerText };
  }

  private async tellOwner(trx: Kysely<DB>, ctx: Ctx, plan: PlanRowFull, item: PlanItemRow, before?: PlanItemRow) {
    if (!item.owner_id || item.owner_id === before?.owner_id || item.owner_id === ctx.principal.personId) return;
    await notify(trx, {
      personIds: [item.owner_id],
      kind: 'plan_item_assigned',
      ...notice('plan_item_assigned', { title: item.title }),
      body: `${plan.title}（${monthLabel(item.month)}）${item.due_on ? `，完成时限 ${item.due_on}` : ''}`,
      link: `/plans/${plan.id}`,
      orgId: plan.org_id,
    });
  }

  async addItem(ctx: Ctx, id: string, body: CreateItem): Promise<PlanItemDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const plan = await this.keepable(trx, ctx.principal, id);
      const repo = new PlanRepo(trx);
      const f = await this.itemFields(trx, plan, body);
      const now = nowIso();
      const row: PlanItemRow = {
        id: newId(),
        plan_id: id,
        month: f.month,
        title: body.title,
        owner_id: f.ownerId,
        owner_text: f.ownerText,
        due_on: f.dueOn,
        done: body.done ? 1 : 0,
        done_on: body.done ? today() : null,
        note: body.note ?? '',
        sort: body.sort ?? (await repo.nextSort(id, f.month)),
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertItems([row]);
      await this.touch(trx, id);
      await this.audit(trx, ctx, 'plan.item.create', plan.org_id, row.id, row);
      await this.tellOwner(trx, ctx, plan, row);
      return this.itemOf(trx, id, row.id);
    });
  }

  async updateItem(ctx: Ctx, id: string, itemId: string, body: UpdateItem): Promise<PlanItemDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const plan = await this.keepable(trx, ctx.principal, id);
      const repo = new PlanRepo(trx);
      const old = await repo.item(id, itemId);
      if (!old) throw notFound('工作安排');
      const f = await this.itemFields(trx, plan, { ...body, title: body.title ?? old.title }, old);
      const wasDone = Number(old.done) === 1;
      const done = body.done ?? wasDone;
      const patch: Partial<PlanItemRow> = {
        month: f.month,
        title: body.title ?? old.title,
        owner_id: f.ownerId,
        owner_text: f.ownerText,
        due_on: f.dueOn,
        done: done ? 1 : 0,
        done_on: done ? (wasDone ? old.done_on : today()) : null,
        note: body.note ?? old.note,
        sort: body.sort ?? old.sort,
        updated_at: nowIso(),
      };
      if (!(await repo.updateItem(itemId, body.version, patch))) throw staleVersion();
      await this.touch(trx, id);
      const { owner_name: _n, ...before } = old;
      await this.audit(trx, ctx, 'plan.item.update', plan.org_id, itemId, patch, before);
      await this.tellOwner(trx, ctx, plan, { ...before, ...patch }, before);
      return this.itemOf(trx, id, itemId);
    });
  }

  async removeItem(ctx: Ctx, id: string, itemId: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const plan = await this.keepable(trx, ctx.principal, id);
      const repo = new PlanRepo(trx);
      const old = await repo.item(id, itemId);
      if (!old) throw notFound('工作安排');
      await repo.deleteItem(itemId);
      await this.touch(trx, id);
      const { owner_name: _n, ...before } = old;
      await this.audit(trx, ctx, 'plan.item.delete', plan.org_id, itemId, undefined, before);
    });
  }

  /** The plan's `updated_at` follows its items (lists sort and show it); its version guards title and goals only. */
  private async touch(trx: Kysely<DB>, planId: string) {
    await trx.updateTable('plans').set({ updated_at: nowIso() }).where('id', '=', planId).execute();
  }

  private async itemOf(trx: Kysely<DB>, planId: string, itemId: string): Promise<PlanItemDto> {
    const item = await new PlanRepo(trx).item(planId, itemId);
    if (!item) throw notFound('工作安排');
    return presentItem(item, true, today());
  }

  /** The plan as a Word document laid out like a 学期工作计划: goals, then months with numbered items. */
  async exportDocx(ctx: Ctx, id: string) {
    const { db } = this.database;
    const row = await this.readable(db, ctx.principal, id);
    const plan = presentPlan(row, await new PlanRepo(db).items(id), ctx.principal, today());
    const deadlines = await new CalendarService(this.database).deadlines(row.org_id, row.org_path, {
      from: row.starts_on,
      to: row.ends_on,
    });
    return { filename: `${plan.title}.docx`, data: await planDocx(plan, row.org_name, deadlines) };
  }
}

/** The previous plan's items moved into the new term: same offset in months, not done, due days kept. */
function copiedItems(
  items: PlanItemRowFull[],
  previous: PlanRowFull,
  planId: string,
  term: { starts_on: string; ends_on: string },
): PlanItemRow[] {
  const offset = monthIndex(monthOf(term.starts_on)) - monthIndex(monthOf(previous.starts_on));
  const months = monthsBetween(term.starts_on, term.ends_on);
  const last = months[months.length - 1];
  const now = nowIso();
  return items.map((i, n) => {
    const month = shiftMonth(i.month, offset);
    const inTerm = months.includes(month);
    return {
      id: newId(),
      plan_id: planId,
      month: inTerm ? month : last,
      title: i.title,
      owner_id: i.owner_id,
      owner_text: i.owner_text,
      due_on: i.due_on && inTerm ? shiftDate(i.due_on, offset) : null,
      done: 0,
      done_on: null,
      note: i.note,
      sort: n,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
}

const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + m - 1;
};
