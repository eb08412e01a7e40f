import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/api.js';
import { DIALECTS } from '../../../test/db.js';
import { factory, PASSWORD } from '../../../test/factories.js';
import { LOGIN_LIMITS } from './auth.service.js';

describe.each(DIALECTS)('auth on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
  });
  afterAll(async () => t?.close());

  it('requires authentication on every non-public API route', async () => {
    const guarded = t.routes.filter((r) => r.url.startsWith('/api/') && !r.public);
    expect(guarded.length).toBeGreaterThan(15);
    for (const r of guarded) {
      const url = r.url.replace(/:(\w+)/g, 'x1');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('reports the database kind in health', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.json()).toEqual({ ok: true, db: dialect });
  });

  it('publishes an OpenAPI document that lists the contract paths', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    for (const p of [
      '/api/auth/login',
      '/api/me',
      '/api/orgs',
      '/api/people',
      '/api/people/import',
      '/api/terms',
      '/api/audit',
      '/api/tokens',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('answers a wrong password and an unknown user with the same generic message', async () => {
    const a = await t.anonymous.post('/api/auth/login', { username: 'teacher', password: 'wrong-pass1' });
    const b = await t.anonymous.post('/api/auth/login', { username: 'nobody', password: 'wrong-pass1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe('用户名或密码错误');
    expect(b.json().error.message).toBe(a.json().error.message);
  });

  it('logs in case-insensitively, sets an HttpOnly SameSite=Lax cookie and returns the CSRF token', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'TEACHER', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'yanxiu_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    expect(res.json().user.name).toBe('普通教师');
  });

  it('locks an account out with 429 after repeated failures, without locking other accounts', async () => {
    for (let i = 0; i < LOGIN_LIMITS.account; i++) {
      const r = await t.anonymous.post('/api/auth/login', { username: 'expert', password: `bad-${i}xx1` });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.anonymous.post('/api/auth/login', { username: 'expert', password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(locked.json().error.message).toMatch(/分钟后再试/);
    const other = await t.anonymous.post('/api/auth/login', { username: 'school_leader', password: PASSWORD });
    expect(other.statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const c = await t.login('school_director', PASSWORD);
    const noCsrf = await c.raw({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'x' },
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await c.post('/api/tokens', { name: '脚本' });
    expect(withCsrf.statusCode).toBe(200);
  });

  it('gives /api/me the roles, abilities and CSRF token', async () => {
    const c = await t.login('school_director', PASSWORD);
    const me = (await c.get('/api/me')).json();
    expect(me.csrfToken).toBe(c.csrf);
    expect(me.roles.map((r: { role: string }) => r.role).sort()).toEqual(['school_director', 'teacher']);
    expect(me.abilities).toMatchObject({ managePeople: true, importRoster: true, manageTerms: false, readAudit: true });
    const teacher = (await (await t.login('teacher', PASSWORD)).get('/api/me')).json();
    expect(teacher.abilities).toMatchObject({ managePeople: false, importRoster: false, readAudit: false });
  });

  it('issues personal access tokens that work without CSRF, are shown once, and stop working when revoked', async () => {
    const c = await t.login('research_admin', PASSWORD);
    const created = (await c.post('/api/tokens', { name: '统计脚本' })).json();
    expect(created.token).toMatch(/^yx_/);
    const listed = (await c.get('/api/tokens')).json().items;
    expect(listed.map((x: { name: string }) => x.name)).toContain('统计脚本');
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const script = t.bearer(created.token);
    expect((await script.get('/api/me')).json().name).toBe('区管理员');
    const write = await script.post('/api/orgs', { name: '脚本建的学校', kind: 'school', parentId: w.orgs.d1.id });
    expect(write.statusCode).toBe(200);
    expect((await c.delete(`/api/tokens/${created.id}`)).statusCode).toBe(200);
    expect((await script.get('/api/me')).statusCode).toBe(401);
  });

  it('changes a password under the policy and ends the other sessions', async () => {
    await factory(t.database).person('改密教师', {
      org: w.orgs.s1,
      username: 'changer',
      roles: [['teacher', w.orgs.s1]],
    });
    const a = await t.login('changer', PASSWORD);
    const b = await t.login('changer', PASSWORD);
    const weak = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toBe('密码至少 8 位');
    const same = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toBe('新密码不能与当前密码相同');
    // Refused as a whole: the other session still stands.
    expect((await b.get('/api/me')).statusCode).toBe(200);
    const wrong = await a.post('/api/auth/password', { currentPassword: 'nope-123', newPassword: 'newpass2026' });
    expect(wrong.statusCode).toBe(400);
    const ok = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'newpass2026' });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    await t.login('changer', 'newpass2026');
  });

  it('ends the session on logout and everywhere on logout-all', async () => {
    const a = await t.login('school_leader', PASSWORD);
    const b = await t.login('school_leader', PASSWORD);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    const c = await t.login('school_leader', PASSWORD);
    expect((await c.post('/api/auth/logout-all')).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(401);
  });

  it('sends security headers on API and page responses', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('answers malformed JSON and unknown routes in the error shape, never 500', async () => {
    const c = await t.login('school_director', PASSWORD);
    const bad = await c.raw({
      method: 'POST',
      url: '/api/orgs',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid');
    const unknown = await c.get('/api/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('writes login and token events to the audit log', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['action']).execute();
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toContain('login');
    expect(actions).toContain('token.create');
    expect(actions).toContain('password.change');
  });
});
