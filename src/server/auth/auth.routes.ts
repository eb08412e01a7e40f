import { z } from 'zod';
import { globalAbilities } from '../access/access.js';
import type { App } from '../app.js';
import { unauthenticated } from '../errors.js';
import { ROLE_LABELS } from '../modules/people/people.schema.js';
import { idParam, okSchema } from '../modules/shared.schema.js';
import type { Services } from '../services.js';
import { ctxOf, SESSION_COOKIE } from './auth.plugin.js';

const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().nullable(),
  roles: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      roleLabel: z.string(),
      orgId: z.string().nullable(),
      orgName: z.string().nullable(),
    }),
  ),
  abilities: z.object({
    readOrgs: z.boolean(),
    readPeople: z.boolean(),
    manageOrgs: z.boolean(),
    managePeople: z.boolean(),
    importRoster: z.boolean(),
    grantRoles: z.boolean(),
    manageTerms: z.boolean(),
    readAudit: z.boolean(),
    readSystem: z.boolean(),
  }),
});

const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

export function authRoutes(app: App, s: Services, cookie: { secure: boolean; maxAgeSeconds: number }) {
  /** The caller as the client needs it: roles with org names and global abilities. */
  async function me(personId: string, csrf: string | null) {
    const principal = await s.auth.fromPersonId(personId);
    if (!principal) throw unauthenticated();
    const person = await s.people.repo().byId(personId);
    const grants = await s.people.repo().grantsOf([personId]);
    const account = await s.auth.mustChangePassword(personId);
    return {
      id: personId,
      name: principal.name,
      username: account.username,
      orgId: principal.orgId,
      orgName: person?.org_name ?? null,
      mustChangePassword: account.mustChange,
      csrfToken: csrf,
      roles: grants.map((g) => ({
        id: g.id,
        role: g.role,
        roleLabel: ROLE_LABELS[g.role as keyof typeof ROLE_LABELS] ?? g.role,
        orgId: g.org_id,
        orgName: g.org_name,
      })),
      abilities: globalAbilities(principal),
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: loginBody,
        response: { 200: z.object({ user: meSchema, csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const r = await s.auth.login(
        req.body.username,
        req.body.password,
        req.ip ?? null,
        req.headers['user-agent'] ?? null,
      );
      // A fresh session id on every login (no fixation); the old cookie's session ends.
      if (req.sessionToken) await s.auth.logout(req.sessionToken);
      reply.setCookie(SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure,
        maxAge: cookie.maxAgeSeconds,
      });
      return { user: await me(r.personId, r.csrf), csrfToken: r.csrf };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录', response: { 200: okSchema } } },
    async (req, reply) => {
      if (req.sessionToken) await s.auth.logout(req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/logout-all',
    { schema: { tags: ['auth'], summary: '退出所有设备', response: { 200: okSchema } } },
    async (req, reply) => {
      await s.auth.logoutEverywhere(ctxOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await s.auth.changePassword(
        ctxOf(req),
        req.body.currentPassword,
        req.body.newPassword,
        req.sessionToken ?? undefined,
      );
      return { ok: true as const };
    },
  );

  app.get('/api/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: meSchema } } }, async (req) => {
    const ctx = ctxOf(req);
    const csrf = req.sessionToken ? ((await s.auth.fromSession(req.sessionToken))?.csrf ?? null) : null;
    return me(ctx.principal.personId, csrf);
  });

  const tokenItem = z.object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  });
  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: '创建个人访问令牌（只显示一次）',
        body: z.object({ name: z.string().trim().min(1, '请填写令牌名称').max(60) }),
        response: { 200: z.object({ id: z.string(), name: z.string(), token: z.string(), createdAt: z.string() }) },
      },
    },
    async (req) => s.auth.createToken(ctxOf(req), req.body.name),
  );
  app.get(
    '/api/tokens',
    { schema: { tags: ['auth'], summary: '我的访问令牌', response: { 200: z.object({ items: z.array(tokenItem) }) } } },
    async (req) => ({
      items: (await s.auth.listTokens(ctxOf(req))).map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
      })),
    }),
  );
  app.delete(
    '/api/tokens/:id',
    { schema: { tags: ['auth'], summary: '撤销访问令牌', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await s.auth.revokeToken(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
