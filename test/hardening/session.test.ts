import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type Client, type TestApp, testApp } from '../api.js';
import { DIALECTS } from '../db.js';
import { factory, PASSWORD } from '../factories.js';
import { multipartFile } from '../xlsx.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const ZH = /[\u4e00-\u9fff]/;

/**
 * Session security end to end through the API: no fixation, logout and logout-all end sessions server-side,
 * a password change ends the other sessions, CSRF on cookie writes, login lockout without user enumeration,
 * the password policy, and the security headers on pages, API answers and downloads.
 */
describe.each(DIALECTS)('session security on %s', (dialect) => {
  let t: TestApp;
  let f: ReturnType<typeof factory>;
  let dataDir: string;
  let school: Awaited<ReturnType<ReturnType<typeof factory>['world']>>['orgs']['s1'];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-session-'));
    process.env.YANXIU_DATA_DIR = dataDir;
    t = await testApp(dialect);
    f = factory(t.database);
    const w = await f.world();
    school = w.orgs.s1;
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh account of its own, so lockouts and password changes do not touch the other tests. */
  let n = 0;
  async function account() {
    n++;
    const username = `sess${n}`;
    await f.person(`会话${n}`, { org: school, username, roles: [['teacher', school]] });
    return username;
  }
  const login = (username: string, password: string, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers: cookie ? { cookie } : {},
    });
  const sessionOf = (res: Awaited<ReturnType<typeof login>>) =>
    res.cookies.find((c) => c.name === 'yanxiu_session')?.value ?? '';
  const meWith = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `yanxiu_session=${cookie}` } });

  it('issues a new session id at login; a cookie set before login is never the session', async () => {
    const user = await account();
    // An attacker-chosen cookie planted before login.
    const planted = 'attacker-chosen-session-id-0123456789';
    const res = await login(user, PASSWORD, `yanxiu_session=${planted}`);
    expect(res.statusCode).toBe(200);
    const issued = sessionOf(res);
    expect(issued).not.toBe('');
    expect(issued).not.toBe(planted);
    expect((await meWith(planted)).statusCode).toBe(401);
    expect((await meWith(issued)).statusCode).toBe(200);

    // Logging in again over a live session: a fresh id, and the old one ends.
    const again = await login(user, PASSWORD, `yanxiu_session=${issued}`);
    expect(again.statusCode).toBe(200);
    const second = sessionOf(again);
    expect(second).not.toBe(issued);
    expect((await meWith(issued)).statusCode).toBe(401);
    expect((await meWith(second)).statusCode).toBe(200);
    // The session cookie is HttpOnly and SameSite.
    const cookie = again.cookies.find((c) => c.name === 'yanxiu_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
  });

  it('ends the session server-side on logout: the old cookie is refused', async () => {
    const user = await account();
    const res = await login(user, PASSWORD);
    const token = sessionOf(res);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `yanxiu_session=${token}`, 'x-csrf-token': res.json().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect((await meWith(token)).statusCode).toBe(401);
  });

  it('ends every session of the user on logout-all, and only theirs', async () => {
    const user = await account();
    const other = await account();
    const a = await t.login(user, PASSWORD);
    const b = await t.login(user, PASSWORD);
    const bystander = await t.login(other, PASSWORD);
    expect((await a.post('/api/auth/logout-all')).statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    expect((await bystander.get('/api/me')).statusCode).toBe(200);
  });

  it('ends the other sessions on a password change and keeps the one that changed it', async () => {
    const user = await account();
    const a = await t.login(user, PASSWORD);
    const b = await t.login(user, PASSWORD);
    const res = await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Changed2026x' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    expect((await login(user, PASSWORD)).statusCode).toBe(401);
    expect((await login(user, 'Changed2026x')).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF token or with a wrong one (403)', async () => {
    const user = await account();
    const res = await login(user, PASSWORD);
    const cookie = `yanxiu_session=${sessionOf(res)}`;
    const csrf: string = res.json().csrfToken;
    const write = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'csrf' }, headers });
    const missing = await write({ cookie: cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('forbidden');
    expect(missing.json().error.message).toMatch(ZH);
    const wrong = await write({ cookie: cookie, 'x-csrf-token': 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    const empty = await write({ cookie: cookie, 'x-csrf-token': '' });
    expect(empty.statusCode).toBe(403);
    // Nothing was written by the refused calls; with the right token the same write succeeds.
    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } });
    expect(list.json().items).toHaveLength(0);
    expect((await write({ cookie, 'x-csrf-token': csrf })).statusCode).toBe(200);
    // Reads need no token.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie } })).statusCode).toBe(200);
  });

  it('needs no CSRF token with a bearer token, and a revoked token is refused', async () => {
    const user = await account();
    const c = await t.login(user, PASSWORD);
    const created = (await c.post('/api/tokens', { name: '脚本' })).json();
    const bearer: Client = t.bearer(created.token);
    const res = await bearer.post('/api/tokens', { name: '脚本创建' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await c.delete(`/api/tokens/${created.id}`)).statusCode).toBe(200);
    expect((await bearer.get('/api/me')).statusCode).toBe(401);
  });

  it('locks an account after 5 wrong passwords (429, zh-CN), and an unknown username the same way', async () => {
    const user = await account();
    const ghost = 'no-such-user-here';
    for (const name of [user, ghost]) {
      const answers: { status: number; message: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await login(name, 'wrong-password-1');
        answers.push({ status: res.statusCode, message: res.json().error.message });
      }
      // Every wrong attempt answers the same, for a real and an unknown username alike.
      expect(answers.every((a) => a.status === 401 && a.message === '用户名或密码错误')).toBe(true);
      // The sixth is refused even with the right password.
      const locked = await login(name, PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('rate_limited');
      expect(locked.json().error.message).toMatch(ZH);
      expect(locked.json().error.message).toMatch(/登录失败次数过多/);
    }
    // Same shape for both: nothing tells which username exists.
    const real = (await login(user, 'x')).json();
    const fake = (await login(ghost, 'x')).json();
    expect(Object.keys(real.error).sort()).toEqual(Object.keys(fake.error).sort());
    expect(real.error.message).toBe(fake.error.message);
    // Another account is not locked by these failures.
    expect((await login(await account(), PASSWORD)).statusCode).toBe(200);
  });

  it('refuses weak passwords with a zh-CN message and keeps the old one', async () => {
    const user = await account();
    const c = await t.login(user, PASSWORD);
    for (const weak of ['short1', 'abcdefghij', '1234567890', `a1${'x'.repeat(130)}`]) {
      const res = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: weak });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.code).toBe('invalid');
      expect(res.json().error.message).toMatch(ZH);
    }
    const wrongCurrent = await c.post('/api/auth/password', { currentPassword: 'nope1234', newPassword: 'Good2026pw' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.message).toMatch(ZH);
    expect((await login(user, PASSWORD)).statusCode).toBe(200);
  });

  function expectSecurityHeaders(headers: Record<string, unknown>, what: string) {
    const csp = String(headers['content-security-policy']);
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['referrer-policy'], what).toBe('same-origin');
    expect(headers['x-frame-options'], what).toBe('DENY');
  }

  it('sends the security headers on the SPA index, an API answer and a file download', async () => {
    // The SPA: an app serving a web folder (API tests run without one).
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>研修</title><div id="root"></div>');
    const { app: web } = await buildApp({ database: t.database, webDir, strict: true });
    try {
      await web.ready();
      for (const url of ['/', '/people/some-id']) {
        const page = await web.inject({ method: 'GET', url });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expectSecurityHeaders(page.headers, `page ${url}`);
      }
    } finally {
      await web.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    }

    const user = await account();
    const c = await t.login(user, PASSWORD);
    const api = await c.get('/api/me');
    expectSecurityHeaders(api.headers, 'api');
    expect(api.headers['cache-control']).toBe('no-store');
    const refused = await t.anonymous.get('/api/me');
    expect(refused.statusCode).toBe(401);
    expectSecurityHeaders(refused.headers, 'api 401');
    // The API's documentation page runs Swagger UI's inline script, and nothing else loosens.
    const docs = await c.get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(String(docs.headers['content-security-policy'])).toMatch(
      /script-src 'self' 'unsafe-inline'.*frame-ancestors 'none'/,
    );
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['cache-control']).toBe('no-store');

    const record = await c.post('/api/growth', { kind: 'essay', date: '2026-10-08', title: '随笔' });
    expect(record.statusCode, record.body).toBe(200);
    const { payload, headers } = multipartFile(PDF, '随笔.pdf');
    const up = await c.raw({ method: 'POST', url: `/api/growth/${record.json().id}/files`, payload, headers });
    expect(up.statusCode, up.body).toBe(200);
    const dl = await c.get(`/api/growth/${record.json().id}/files/${up.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expectSecurityHeaders(dl.headers, 'download');
  });
});
