import type { Kysely } from 'kysely';
import type { Grant } from '../access/principal.js';
import type { Role } from '../access/roles.js';
import { template } from '../db/templates.js';
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

  /** The person behind a login and their grants with org paths. */
  async loadPrincipal(personId: string) {
    return foldPrincipal(await principalRows(this.db).where('people.id', '=', personId).execute());
  }

  /** The principal of an unexpired session (by the token's hash), with the session's CSRF token. */
  async principalBySession(id: string, now: string) {
    const rows = await bySession(this.db, { id, now });
    const principal = foldPrincipal(rows);
    return principal && rows[0] ? { principal, csrf: rows[0].csrf_token } : null;
  }

  /** The principal of an unrevoked personal token (by its hash), with the token's id and last use. */
  async principalByToken(hash: string) {
    const rows = await byToken(this.db, { hash });
    const principal = foldPrincipal(rows);
    return principal && rows[0] ? { principal, tokenId: rows[0].token_id, lastUsedAt: rows[0].last_used_at } : null;
  }

  async createSession(row: DB['sessions']) {
    await this.db.insertInto('sessions').values(row).execute();
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

/**
 * People joined with their grants and the granted orgs' paths: a principal is one query, so every
 * authenticated request costs one round trip before its own work.
 */
function principalRows(db: Kysely<DB>) {
  return db
    .selectFrom('people')
    .leftJoin('role_grants', 'role_grants.person_id', 'people.id')
    .leftJoin('orgs', 'orgs.id', 'role_grants.org_id')
    .select([
      'people.id as person_id',
      'people.name',
      'people.org_id',
      'people.active',
      'role_grants.id as grant_id',
      'role_grants.role',
      'role_grants.org_id as grant_org_id',
      'orgs.path',
    ]);
}

// Every authenticated request runs one of these two: built once (see templates.ts).
const bySession = template((db, p: { id: string; now: string }) =>
  principalRows(db)
    .innerJoin('sessions', 'sessions.person_id', 'people.id')
    .select(['sessions.csrf_token'])
    .where('sessions.id', '=', p.id)
    .where('sessions.expires_at', '>', p.now),
);
const byToken = template((db, p: { hash: string }) =>
  principalRows(db)
    .innerJoin('api_tokens', 'api_tokens.person_id', 'people.id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', p.hash)
    .where('api_tokens.revoked_at', 'is', null),
);

interface PrincipalRow {
  person_id: string;
  name: string;
  org_id: string | null;
  active: number;
  grant_id: string | null;
  role: string | null;
  grant_org_id: string | null;
  path: string | null;
}

/** One principal from its person × grant rows; null when there is none or the person is inactive. */
function foldPrincipal(rows: readonly PrincipalRow[]) {
  const first = rows[0];
  if (first?.active !== 1) return null;
  const grants: Grant[] = rows.flatMap((r) =>
    r.grant_id && r.role
      ? [
          {
            id: r.grant_id,
            role: r.role as Role,
            orgId: r.grant_org_id,
            orgPath: r.grant_org_id ? (r.path ?? '/__missing__/') : null,
          },
        ]
      : [],
  );
  return { personId: first.person_id, name: first.name, orgId: first.org_id, grants };
}
