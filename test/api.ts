import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, buildApp } from '../src/server/app.js';
import type { Database } from '../src/server/db/database.js';
import type { DialectKind } from '../src/server/db/dialect.js';
import { freshDatabase } from './db.js';
import { invariantViolations } from './invariants.js';

/** A logged-in caller: cookie and CSRF token, or a bearer token. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  raw(opts: InjectOptions): Promise<LightMyRequestResponse>;
  csrf: string;
}

/**
 * Mutating routes that change no shared record and so write no audit entry (with the reason).
 * Everything else that answers 2xx to POST/PUT/PATCH/DELETE must add at least one audit entry.
 */
const AUDIT_EXEMPT: { pattern: RegExp; why: string }[] = [
  { pattern: /^\/api\/notifications/, why: 'marking one’s own notifications read or their settings' },
  { pattern: /^\/api\/auth\/logout$/, why: 'ending one’s own session' },
  { pattern: /\/draft$/, why: 'autosaving one’s own draft before it is submitted' },
];

/** Records every 2xx write that added no audit entry (checked when the test app closes). */
function watchAuditCompleteness(app: FastifyInstance, database: Database): string[] {
  const gaps: string[] = [];
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom('audit_log')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = new WeakMap<object, number>();
  app.addHook('onRequest', async (req) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) before.set(req, await count());
  });
  app.addHook('onResponse', async (req, reply) => {
    const start = before.get(req);
    if (start === undefined || reply.statusCode >= 300) return;
    const url = req.url.split('?')[0] ?? '';
    if (AUDIT_EXEMPT.some((e) => e.pattern.test(url))) return;
    if ((await count()) <= start)
      gaps.push(
        `audit: ${req.method} ${req.routeOptions.url ?? url} answered ${reply.statusCode} without an audit entry`,
      );
  });
  return gaps;
}

/** A fresh app on a fresh database of the given dialect. */
export async function testApp(kind: DialectKind, opts: Pick<AppOptions, 'scanner'> = {}) {
  const database = await freshDatabase(kind);
  const { app, services, routes, jobs } = await buildApp({
    database,
    maxUploadBytes: 5 * 1024 * 1024,
    strict: true,
    ...opts,
  });
  const auditGaps = watchAuditCompleteness(app, database);
  await app.ready();

  function client(headers: Record<string, string>, csrf = ''): Client {
    const send = (method: InjectOptions['method'], url: string, body?: unknown) =>
      app.inject({
        method,
        url,
        headers: { ...headers, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        payload: body as InjectOptions['payload'],
      });
    return {
      get: (url) => send('GET', url),
      post: (url, body) => send('POST', url, body ?? {}),
      patch: (url, body) => send('PATCH', url, body ?? {}),
      put: (url, body) => send('PUT', url, body ?? {}),
      delete: (url) => send('DELETE', url),
      raw: (opts) =>
        app.inject({ ...opts, headers: { ...headers, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...opts.headers } }),
      csrf,
    };
  }

  /** Logs in through the API and returns a client that sends the cookie and CSRF header. */
  async function login(username: string, password: string): Promise<Client> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'yanxiu_session');
    if (!cookie) throw new Error('no session cookie');
    return client({ cookie: `yanxiu_session=${cookie.value}` }, res.json().csrfToken);
  }

  return {
    app,
    services,
    routes,
    /** The job runner of this app (tests run the queue with `jobs.runOnce()`). */
    jobs,
    database,
    login,
    anonymous: client({}),
    bearer: (token: string) => client({ authorization: `Bearer ${token}` }),
    /** Closes the app after checking the database invariants (a violation fails the test file). */
    close: async () => {
      const violations = [...(await invariantViolations(database)), ...auditGaps];
      await app.close();
      await database.drop();
      if (violations.length > 0) throw new Error(`invariants violated:\n${violations.join('\n')}`);
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof testApp>>;
