import type { Expression, Kysely, SqlBool } from 'kysely';
import { containsText, type DialectKind, startsWith } from '../../db/dialect.js';
import type { CompetitionEditionRow, CompetitionRow, DB } from '../../db/types.js';

/** A competition with its owning org's path (null for built-in ones). */
export type CompetitionWithOrg = CompetitionRow & { org_path: string | null };

/** The competitions catalogue (评比) and yearly editions. */
export class CompetitionsRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DialectKind,
  ) {}

  private base() {
    return this.db
      .selectFrom('competitions')
      .leftJoin('orgs', 'orgs.id', 'competitions.org_id')
      .selectAll('competitions')
      .select('orgs.path as org_path');
  }

  /** Built-in competitions and those of the given orgs (the caller's org chain and scope). */
  async list(f: {
    orgIds: readonly string[];
    prefixes: readonly string[] | null;
    q?: string;
    level?: string;
    active?: boolean;
  }) {
    let q = this.base().where((eb) => {
      if (f.prefixes === null) return eb.lit(true);
      const terms: Expression<SqlBool>[] = [eb('competitions.org_id', 'is', null)];
      if (f.orgIds.length) terms.push(eb('competitions.org_id', 'in', f.orgIds));
      for (const p of f.prefixes) terms.push(startsWith(eb.ref('orgs.path'), p));
      return eb.or(terms);
    });
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => containsText(this.kind, eb.ref('competitions.name'), text));
    }
    if (f.level) q = q.where('competitions.level', '=', f.level);
    if (f.active !== undefined) q = q.where('competitions.active', '=', f.active ? 1 : 0);
    return q.orderBy('competitions.level').orderBy('competitions.name').execute();
  }

  byId(id: string): Promise<CompetitionWithOrg | undefined> {
    return this.base().where('competitions.id', '=', id).executeTakeFirst();
  }

  editions(competitionIds: readonly string[]): Promise<CompetitionEditionRow[]> {
    if (competitionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('competition_editions')
      .selectAll()
      .where('competition_id', 'in', competitionIds)
      .orderBy('year', 'desc')
      .orderBy('id')
      .execute();
  }

  edition(id: string) {
    return this.db.selectFrom('competition_editions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: CompetitionRow) {
    await this.db.insertInto('competitions').values(row).execute();
  }

  async update(id: string, version: number, patch: Partial<CompetitionRow>) {
    const r = await this.db
      .updateTable('competitions')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertEdition(row: CompetitionEditionRow) {
    await this.db.insertInto('competition_editions').values(row).execute();
  }
}
