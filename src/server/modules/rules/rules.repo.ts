import type { Kysely } from 'kysely';
import type { DB, SchoolRuleRow } from '../../db/types.js';

/** The schools' rules per term (制度·考核), and the orgs and terms they hang on. */
export class RulesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  org(id: string) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'path', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  term(id: string) {
    return this.db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  termsOfYear(schoolYear: number) {
    return this.db.selectFrom('terms').selectAll().where('school_year', '=', schoolYear).orderBy('term_no').execute();
  }

  stored(orgId: string, termId: string): Promise<SchoolRuleRow | undefined> {
    return this.db
      .selectFrom('school_rules')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('term_id', '=', termId)
      .executeTakeFirst();
  }

  /** The term's own rows of several schools (a city's dashboard asks for dozens of schools at once). */
  storedOf(orgIds: readonly string[], termId: string): Promise<SchoolRuleRow[]> {
    if (orgIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('school_rules')
      .selectAll()
      .where('org_id', 'in', [...orgIds])
      .where('term_id', '=', termId)
      .execute();
  }

  /**
   * The schools' rules of terms that start before `startsOn`, with each term's name, the latest term of each
   * school first (the caller keeps each school's first row).
   */
  earlierOf(orgIds: readonly string[], startsOn: string) {
    if (orgIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('school_rules')
      .innerJoin('terms', 'terms.id', 'school_rules.term_id')
      .selectAll('school_rules')
      .select('terms.name as term_name')
      .where('school_rules.org_id', 'in', [...orgIds])
      .where('terms.starts_on', '<', startsOn)
      .orderBy('school_rules.org_id')
      .orderBy('terms.starts_on', 'desc')
      .execute();
  }

  async insert(row: SchoolRuleRow) {
    await this.db.insertInto('school_rules').values(row).execute();
  }

  /** Updates the row only if nobody changed it first. */
  async update(id: string, version: number, patch: Partial<SchoolRuleRow>) {
    const r = await this.db
      .updateTable('school_rules')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  personName(id: string | null) {
    if (!id) return Promise.resolve(undefined);
    return this.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst();
  }
}
