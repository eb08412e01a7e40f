import type { Kysely } from 'kysely';
import type { Grant } from '../access/principal.js';
import type { Role } from '../access/roles.js';
import type { DB } from '../db/types.js';

/** Sessions, tokens, accounts and login attempts. */
export class AuthRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findAccount(username: string) {
    return this.db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select(['accounts.person_id', 'accounts.password_hash', 'accounts.username', 'people.active'])
      .where('accounts.username', '=', username.toLowerCase())
      .executeTakeFirst();
  }

  accountOf(personId: string) {
    return this.db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
  }

  async setPassword(personId: string, hash: string, at: string, mustChange: boolean) {
    await this.db
      .updateTable('accounts')
      .set({ password_hash: hash, password_changed_at: at, must_change_password: mustChange ? 1 : 0 })
      .where('person_id', '=', personId)
      .execute();
  }

  /** The person behind a login and their grants with org paths, in two queries. */
  async loadPrincipal(personId: string) {
    const person = await this.db
      .selectFrom('people')
      .select(['id', 'name', 'org_id', 'active'])
      .where('id', '=', personId)
      .executeTakeFirst();
    if (person?.active !== 1) return null;
    const rows = await this.db
      .selectFrom('role_grants')
      .leftJoin('orgs', 'orgs.id', 'role_grants.org_id')
      .select(['role_grants.id', 'role_grants.role', 'role_grants.org_id', 'orgs.path'])
      .where('role_grants.person_id', '=', personId)
      .execute();
    const grants: Grant[] = rows.map((r) => ({
      id: r.id,
      role: r.role as Role,
      orgId: r.org_id,
      orgPath: r.org_id ? (r.path ?? '/__missing__/') : null,
    }));
    return { personId: person.id, name: person.name, orgId: person.org_id, grants };
  }

  async createSession(row: DB['sessions']) {
    await this.db.insertInto('sessions').values(row).execute();
  }

  findSession(id: string, now: string) {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  async deleteSession(id: string) {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(personId: string, except?: string) {
    let q = this.db.deleteFrom('sessions').where('person_id', '=', personId);
    if (except) q = q.where('id', '!=', except);
    await q.execute();
  }

  async createToken(row: DB['api_tokens']) {
    await this.db.insertInto('api_tokens').values(row).execute();
  }

  async deleteToken(id: string) {
    await this.db.deleteFrom('api_tokens').where('id', '=', id).execute();
  }

  findToken(hash: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'person_id', 'last_used_at'])
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async touchToken(id: string, at: string) {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  listTokens(personId: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async revokeToken(personId: string, id: string, at: string) {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  attempts(key: string) {
    return this.db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async saveAttempts(key: string, windowStart: string, failures: number) {
    await this.db
      .insertInto('login_attempts')
      .values({ key, window_start: windowStart, failures })
      .onConflict((oc) => oc.column('key').doUpdateSet({ window_start: windowStart, failures }))
      .execute();
  }

  async clearAttempts(key: string) {
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }
}
