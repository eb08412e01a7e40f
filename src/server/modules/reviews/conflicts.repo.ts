import type { Kysely } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';

/** Declared conflicts of interest (回避) and the facts the conflict rules need. */
export class ConflictRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private rows() {
    return this.db
      .selectFrom('review_conflicts as c')
      .innerJoin('people as e', 'e.id', 'c.expert_id')
      .leftJoin('people as p', 'p.id', 'c.person_id')
      .leftJoin('orgs as o', 'o.id', 'c.org_id')
      .selectAll('c')
      .select(['e.name as expert_name', 'p.name as person_name', 'o.name as org_name', 'o.path as org_path']);
  }

  byId(id: string) {
    return this.rows().where('c.id', '=', id).executeTakeFirst();
  }

  /** Declared conflicts of a set of experts. */
  ofExperts(expertIds: readonly string[]) {
    if (expertIds.length === 0) return Promise.resolve([]);
    return this.rows().where('c.expert_id', 'in', expertIds).orderBy('c.created_at').orderBy('c.id').execute();
  }

  async insert(row: DB['review_conflicts']) {
    await this.db.insertInto('review_conflicts').values(row).execute();
  }

  async delete(id: string) {
    await this.db.deleteFrom('review_conflicts').where('id', '=', id).execute();
  }

  /** Each person's home org path (null when they have none); absent ids do not exist. */
  async homePaths(ids: readonly string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'orgs.path'])
      .where('people.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** The kind of each of these orgs (to find district-level ancestors along paths). */
  async orgKinds(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('orgs').select(['id', 'kind']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  orgById(id: string) {
    return this.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
  }

  /** Whether the person is an expert in some round managed inside these path prefixes. */
  async expertInRoundsUnder(expertId: string, prefixes: readonly string[] | 'all'): Promise<boolean> {
    let q = this.db
      .selectFrom('review_round_experts as rx')
      .innerJoin('review_rounds as r', 'r.id', 'rx.round_id')
      .innerJoin('orgs', 'orgs.id', 'r.org_id')
      .select('rx.round_id')
      .where('rx.expert_id', '=', expertId);
    if (prefixes !== 'all') {
      if (prefixes.length === 0) return false;
      q = q.where((eb) => eb.or(prefixes.map((p) => startsWith(eb.ref('orgs.path'), p))));
    }
    return (await q.limit(1).execute()).length > 0;
  }
}
