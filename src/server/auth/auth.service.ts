import { createHash, randomBytes } from 'node:crypto';
import type { Ctx, Principal } from '../access/principal.js';
import type { Database } from '../db/database.js';
import { newId, nowIso } from '../db/dialect.js';
import { invalid, notFound, rateLimited, unauthenticated } from '../errors.js';
import { writeAudit } from '../modules/audit/audit.repo.js';
import { AuthRepo } from './auth.repo.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

const WINDOW_MS = 15 * 60 * 1000;
/** Failed logins allowed per account and per address inside the window before 429. */
export const LOGIN_LIMITS = { account: 5, address: 30 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const randomToken = () => randomBytes(32).toString('base64url');

// A hash to verify against when the username is unknown, so timing does not reveal which usernames exist.
let decoyHash: Promise<string> | null = null;

/** Logins, sessions, personal access tokens and password changes. */
export class AuthService {
  private readonly repo: AuthRepo;
  constructor(
    private readonly database: Database,
    private readonly sessionHours: number,
  ) {
    this.repo = new AuthRepo(database.db);
  }

  async login(username: string, password: string, ip: string | null, userAgent: string | null) {
    const keys = [`account:${username.toLowerCase()}`, `address:${ip ?? '-'}`];
    await this.refuseWhenLimited(keys);
    const account = await this.repo.findAccount(username);
    decoyHash ??= hashPassword('decoy-password-1');
    const ok = account
      ? account.active === 1 && (await verifyPassword(password, account.password_hash))
      : (await verifyPassword(password, await decoyHash)) && false;
    if (!account || !ok) {
      await this.countFailure(keys);
      throw unauthenticated('用户名或密码错误');
    }
    await this.repo.clearAttempts(keys[0]);
    const token = randomToken();
    const csrf = randomToken();
    const now = new Date();
    await this.database.db.transaction().execute(async (trx) => {
      await new AuthRepo(trx).createSession({
        id: sha256(token),
        person_id: account.person_id,
        csrf_token: csrf,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + this.sessionHours * 3600_000).toISOString(),
        ip,
        user_agent: userAgent?.slice(0, 300) ?? null,
      });
      await writeAudit(trx, {
        actorId: account.person_id,
        action: 'login',
        entity: 'session',
        entityId: null,
        orgId: null,
        ip,
      });
    });
    return { token, csrf, personId: account.person_id };
  }

  private async refuseWhenLimited(keys: string[]) {
    const now = Date.now();
    for (const key of keys) {
      const row = await this.repo.attempts(key);
      if (!row || now - Date.parse(row.window_start) > WINDOW_MS) continue;
      const limit = key.startsWith('account:') ? LOGIN_LIMITS.account : LOGIN_LIMITS.address;
      if (row.failures >= limit) {
        const minutes = Math.ceil((WINDOW_MS - (now - Date.parse(row.window_start))) / 60000);
        throw rateLimited(`登录失败次数过多，请 ${minutes} 分钟后再试`);
      }
    }
  }

  private async countFailure(keys: string[]) {
    const now = Date.now();
    for (const key of keys) {
      const row = await this.repo.attempts(key);
      const fresh = !row || now - Date.parse(row.window_start) > WINDOW_MS;
      await this.repo.saveAttempts(
        key,
        fresh ? new Date(now).toISOString() : row.window_start,
        fresh ? 1 : row.failures + 1,
      );
    }
  }

  /** The principal behind a session cookie, with its CSRF token; null when expired or unknown. */
  async fromSession(token: string) {
    const found = await this.repo.principalBySession(sha256(token), nowIso());
    if (!found) return null;
    const principal: Principal = { ...found.principal, via: 'session' };
    return { principal, csrf: found.csrf };
  }

  /** The principal behind a personal access token. */
  async fromBearer(token: string): Promise<Principal | null> {
    const found = await this.repo.principalByToken(sha256(token));
    if (!found) return null;
    const now = nowIso();
    // Touch at most once a minute so scripts do not write on every request.
    if (!found.lastUsedAt || Date.parse(now) - Date.parse(found.lastUsedAt) > 60_000) {
      await this.repo.touchToken(found.tokenId, now);
    }
    return { ...found.principal, via: 'token' };
  }

  /** The principal of a person id (after login, for the /api/me answer). */
  async fromPersonId(personId: string): Promise<Principal | null> {
    const p = await this.repo.loadPrincipal(personId);
    return p ? { ...p, via: 'session' } : null;
  }

  async logout(token: string) {
    await this.repo.deleteSession(sha256(token));
  }

  /** Ends every session of the caller (e.g. after a lost phone). */
  async logoutEverywhere(ctx: Ctx) {
    await this.database.db.transaction().execute(async (trx) => {
      await new AuthRepo(trx).deleteSessionsOf(ctx.principal.personId);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'logout.everywhere',
        entity: 'account',
        entityId: ctx.principal.personId,
        orgId: ctx.principal.orgId,
        ip: ctx.ip,
      });
    });
  }

  async changePassword(ctx: Ctx, current: string, next: string, keepSessionToken?: string) {
    const account = await this.repo.accountOf(ctx.principal.personId);
    if (!account) throw notFound('账号');
    if (!(await verifyPassword(current, account.password_hash))) {
      throw invalid('当前密码不正确', { fields: [{ field: 'currentPassword', message: '当前密码不正确' }] });
    }
    const problem = passwordProblem(next) ?? (next === current ? '新密码不能与当前密码相同' : null);
    if (problem) throw invalid(problem, { fields: [{ field: 'newPassword', message: problem }] });
    const hash = await hashPassword(next);
    await this.database.db.transaction().execute(async (trx) => {
      const repo = new AuthRepo(trx);
      await repo.setPassword(ctx.principal.personId, hash, nowIso(), false);
      // Other sessions end: whoever knew the old password is out.
      await repo.deleteSessionsOf(ctx.principal.personId, keepSessionToken ? sha256(keepSessionToken) : undefined);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'password.change',
        entity: 'account',
        entityId: ctx.principal.personId,
        orgId: ctx.principal.orgId,
        ip: ctx.ip,
      });
    });
  }

  mustChangePassword(personId: string) {
    return this.repo
      .accountOf(personId)
      .then((a) => ({ username: a?.username ?? null, mustChange: a?.must_change_password === 1 }));
  }

  /**
   * A short-lived token for a background job to act as its creator (never shown to anyone); the job
   * drops it when done, and a leftover one is only as strong as its creator's own rights.
   */
  async issueJobToken(personId: string, jobId: string): Promise<{ token: string; drop(): Promise<void> }> {
    const token = `yxjob_${randomToken()}`;
    const id = newId();
    await this.repo.createToken({
      id,
      person_id: personId,
      name: `后台任务 ${jobId}`,
      token_hash: sha256(token),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    });
    return { token, drop: () => this.repo.deleteToken(id) };
  }

  async createToken(ctx: Ctx, name: string) {
    const token = `yx_${randomToken()}`;
    const row = {
      id: newId(),
      person_id: ctx.principal.personId,
      name,
      token_hash: sha256(token),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.database.db.transaction().execute(async (trx) => {
      await new AuthRepo(trx).createToken(row);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'token.create',
        entity: 'api_token',
        entityId: row.id,
        orgId: ctx.principal.orgId,
        after: { name },
        ip: ctx.ip,
      });
    });
    return { id: row.id, name, token, createdAt: row.created_at };
  }

  listTokens(ctx: Ctx) {
    return this.repo.listTokens(ctx.principal.personId);
  }

  async revokeToken(ctx: Ctx, id: string) {
    await this.database.db.transaction().execute(async (trx) => {
      if (!(await new AuthRepo(trx).revokeToken(ctx.principal.personId, id, nowIso()))) throw notFound('令牌');
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'token.revoke',
        entity: 'api_token',
        entityId: id,
        orgId: ctx.principal.orgId,
        ip: ctx.ip,
      });
    });
  }
}
