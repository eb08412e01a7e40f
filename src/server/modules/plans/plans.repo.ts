import type { Expression, Kysely, SqlBool } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB, PlanItemRow, PlanRow } from '../../db/types.js';
import type { PlanScope } from './plans.policy.js';

/** A plan with its org and term, as the service and presenter need them. */
export type PlanRowFull = PlanRow & {
  org_name: string;
  org_path: string;
  term_name: string;
  starts_on: string;
  ends_on: string;
};

/** A plan item with its owner's name. */
export type PlanItemRowFull = PlanItemRow & { owner_name: string | null };

/** Semester plans (学期工作计划) and their monthly items. */
export class PlanRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return this.db
      .selectFrom('plans')
      .innerJoin('orgs', 'orgs.id', 'plans.org_id')
      .innerJoin('terms', 'terms.id', 'plans.term_id')
      .selectAll('plans')
      .select([
        'orgs.name as org_name',
        'orgs.path as org_path',
        'terms.name as term_name',
        'terms.starts_on',
        'terms.ends_on',
      ]);
  }

  async list(scope: PlanScope, f: { orgId?: string; termId?: string }, page: number, pageSize: number) {
    let q = this.base();
    if (!scope.all) {
      q = q.where((eb) => {
        const ors: Expression<SqlBool>[] = scope.prefixes.map((p) => startsWith(eb.ref('orgs.path'), p));
        if (scope.exact.length > 0) ors.push(eb('orgs.path', 'in', scope.exact));
        return ors.length > 0 ? eb.or(ors) : eb.val(false);
      });
    }
    if (f.orgId) q = q.where('plans.org_id', '=', f.orgId);
    if (f.termId) q = q.where('plans.term_id', '=', f.termId);
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const rows: PlanRowFull[] = await q
      .orderBy('terms.starts_on', 'desc')
      .orderBy('orgs.path')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total: Number(total?.n ?? 0) };
  }

  byId(id: string): Promise<PlanRowFull | undefined> {
    return this.base().where('plans.id', '=', id).executeTakeFirst();
  }

  byOrgTerm(orgId: string, termId: string): Promise<PlanRowFull | undefined> {
    return this.base().where('plans.org_id', '=', orgId).where('plans.term_id', '=', termId).executeTakeFirst();
  }

  /** Items and done items per plan. */
  async progress(planIds: readonly string[]): Promise<Map<string, { total: number; done: number }>> {
    const out = new Map<string, { total: number; done: number }>();
    if (planIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('plan_items')
      .select(['plan_id', 'done', (eb) => eb.fn.countAll<number>().as('n')])
      .where('plan_id', 'in', planIds)
      .groupBy(['plan_id', 'done'])
      .execute();
    for (const r of rows) {
      const cur = out.get(r.plan_id) ?? { total: 0, done: 0 };
      cur.total += Number(r.n);
      if (Number(r.done) === 1) cur.done += Number(r.n);
      out.set(r.plan_id, cur);
    }
    return out;
  }

  items(planId: string): Promise<PlanItemRowFull[]> {
    return this.db
      .selectFrom('plan_items')
      .leftJoin('people', 'people.id', 'plan_items.owner_id')
      .selectAll('plan_items')
      .select('people.name as owner_name')
      .where('plan_items.plan_id', '=', planId)
      .orderBy('plan_items.month')
      .orderBy('plan_items.sort')
      .orderBy('plan_items.created_at')
      .orderBy('plan_items.id')
      .execute();
  }

  item(planId: string, itemId: string): Promise<PlanItemRowFull | undefined> {
    return this.db
      .selectFrom('plan_items')
      .leftJoin('people', 'people.id', 'plan_items.owner_id')
      .selectAll('plan_items')
      .select('people.name as owner_name')
      .where('plan_items.plan_id', '=', planId)
      .where('plan_items.id', '=', itemId)
      .executeTakeFirst();
  }

  /** The next free sort position in a month. */
  async nextSort(planId: string, month: string): Promise<number> {
    const r = await this.db
      .selectFrom('plan_items')
      .select((eb) => eb.fn.max('sort').as('m'))
      .where('plan_id', '=', planId)
      .where('month', '=', month)
      .executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
  }

  /** A person with their home org's path (owners must work inside the plan's org). */
  person(id: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'orgs.path as org_path'])
      .where('people.id', '=', id)
      .executeTakeFirst();
  }

  term(id: string) {
    return this.db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The org's plan of the latest term that started before the given date. */
  previousPlan(orgId: string, before: string): Promise<PlanRowFull | undefined> {
    return this.base()
      .where('plans.org_id', '=', orgId)
      .where('terms.starts_on', '<', before)
      .orderBy('terms.starts_on', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertPlan(row: PlanRow) {
    await this.db.insertInto('plans').values(row).execute();
  }

  async updatePlan(id: string, version: number, patch: Partial<PlanRow>) {
    const r = await this.db
      .updateTable('plans')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deletePlan(id: string) {
    await this.db.deleteFrom('plan_items').where('plan_id', '=', id).execute();
    await this.db.deleteFrom('plans').where('id', '=', id).execute();
  }

  async insertItems(rows: PlanItemRow[]) {
    if (rows.length > 0) await this.db.insertInto('plan_items').values(rows).execute();
  }

  async updateItem(id: string, version: number, patch: Partial<PlanItemRow>) {
    const r = await this.db
      .updateTable('plan_items')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteItem(id: string) {
    await this.db.deleteFrom('plan_items').where('id', '=', id).execute();
  }
}
