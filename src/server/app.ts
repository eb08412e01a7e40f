import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuth } from './auth/auth.plugin.js';
import { authRoutes } from './auth/auth.routes.js';
import type { Database } from './db/database.js';
import { checkTemplates } from './db/templates.js';
import { AppError } from './errors.js';
import { registerErrorHandling } from './http.js';
import { jobRoutes } from './jobs/jobs.routes.js';
import { JobRunner } from './jobs/runner.js';
import { activityRoutes } from './modules/activities/activities.routes.js';
import { archiveRoutes } from './modules/archive/archive.routes.js';
import { assessmentRoutes } from './modules/assessment/assessment.routes.js';
import { attachmentRoutes } from './modules/attachments/attachments.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { callRoutes } from './modules/calls/calls.routes.js';
import { changeRoutes } from './modules/changes/changes.routes.js';
import { complianceRoutes } from './modules/compliance/compliance.routes.js';
import { conclusionRoutes } from './modules/conclusion/conclusion.routes.js';
import { exportRoutes } from './modules/exports/exports.routes.js';
import { fileRoutes } from './modules/files/files.routes.js';
import { growthRoutes } from './modules/growth/growth.routes.js';
import { mentorshipRoutes } from './modules/mentorships/mentorships.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { observationRoutes } from './modules/observations/observations.routes.js';
import { orgRoutes } from './modules/orgs/orgs.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { planRoutes } from './modules/plans/plans.routes.js';
import { projectRoutes } from './modules/projects/projects.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { reviewRoutes } from './modules/reviews/reviews.routes.js';
import { rulesRoutes } from './modules/rules/rules.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { summaryRoutes } from './modules/summary/summary.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { termRoutes } from './modules/terms/terms.routes.js';
import { todoRoutes } from './modules/todo/todo.routes.js';
import { competitionRoutes } from './modules/works/competitions.routes.js';
import { entryRoutes } from './modules/works/entries.routes.js';
import { worksRoutes } from './modules/works/works.routes.js';
import { responseSerializer } from './serialize.js';
import { createServices, recordsChanged } from './services.js';
import type { FileScanner } from './storage/scanner.js';

/** The Fastify instance with the zod type provider, as every route module receives it. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppOptions {
  database: Database;
  sessionHours?: number;
  cookieSecure?: boolean;
  logLevel?: string;
  /** Folder of the built web client to serve; omitted in API tests. */
  webDir?: string;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number;
  /** The virus-scan hook every upload passes (storage/scanner.ts); none by default. */
  scanner?: FileScanner;
  /** Told after each answered write that dashboards may count differently (other processes' caches). */
  onRecordsChanged?: () => void;
  /**
   * Check what the fast paths skip (tests): every answer against its zod schema as well as its fast copy, and
   * every statement built once (templates.ts) against a fresh build. Off (the server), answers are copied with
   * their declared keys only and not checked. The second check is the process's: the last app built sets it.
   */
  strict?: boolean;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};
const API_HEADERS = { ...SECURITY_HEADERS, 'cache-control': 'no-store' };
const DOCS_HEADERS = {
  ...API_HEADERS,
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
};

/** Builds the whole app (tests use it through inject). */
export async function buildApp(opts: AppOptions) {
  const sessionHours = opts.sessionHours ?? 24 * 7;
  const app = Fastify({
    logger: opts.logLevel && opts.logLevel !== 'silent' ? { level: opts.logLevel } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(opts.strict ?? false));
  checkTemplates(opts.strict ?? false);
  registerErrorHandling(app);

  // A callback hook, not an async one: it runs on every answer and has nothing to wait for.
  app.addHook('onSend', (request, reply, payload, done) => {
    const url = request.url;
    reply.headers(
      url.startsWith('/api/docs') ? DOCS_HEADERS : url.startsWith('/api/') ? API_HEADERS : SECURITY_HEADERS,
    );
    if (changesRecords(request.method, url, reply.statusCode)) {
      recordsChanged(services);
      opts.onRecordsChanged?.();
    }
    done(null, payload);
  });

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: opts.maxUploadBytes ?? 50 * 1024 * 1024, files: 1, fields: 20 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'yanxiu 研修 API', version: '0.1.0', description: '教科研管理系统 HTTP API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yanxiu_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Every route, recorded as registered, so tests can walk the whole table (auth, scope, audit).
  const routes: { method: string; url: string; public: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: r.url, public: Boolean(r.config?.public) });
    }
  });
  const services = createServices(opts.database, { sessionHours, scanner: opts.scanner });
  registerAuth(app, services.auth);
  services.jobs.setRouteTable(routes);
  const jobs = new JobRunner(opts.database, services.store, services.auth, (o) => app.inject(o));

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        response: { 200: z.object({ ok: z.boolean(), db: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      await opts.database.db.selectFrom('settings').select('key').limit(1).execute();
      return { ok: true, db: opts.database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  authRoutes(app, services, { secure: opts.cookieSecure ?? false, maxAgeSeconds: sessionHours * 3600 });
  orgRoutes(app, services);
  peopleRoutes(app, services);
  termRoutes(app, services);
  auditRoutes(app, services);
  systemRoutes(app, services);
  callRoutes(app, services);
  projectRoutes(app, services);
  reviewRoutes(app, services);
  fileRoutes(app, services);
  exportRoutes(app, services);
  reportRoutes(app, services);
  conclusionRoutes(app, services);
  changeRoutes(app, services);
  activityRoutes(app, services);
  observationRoutes(app, services);
  growthRoutes(app, services);
  worksRoutes(app, services);
  entryRoutes(app, services);
  competitionRoutes(app, services);
  statsRoutes(app, services);
  mentorshipRoutes(app, services);
  planRoutes(app, services);
  summaryRoutes(app, services);
  archiveRoutes(app, services);
  attachmentRoutes(app, services);
  jobRoutes(app, services);
  searchRoutes(app, services);
  notificationRoutes(app, services);
  rulesRoutes(app, services);
  complianceRoutes(app, services);
  assessmentRoutes(app, services);
  todoRoutes(app, services);

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    const webDir = opts.webDir;
    await app.register(fastifyStatic, { root: path.resolve(webDir), wildcard: false, index: false });
    // The single-page app: any non-API path that is not a file gets index.html.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send(new AppError('not_found', `没有这个接口：GET ${req.url.split('?')[0]}`).toJSON());
      }
      const rel = req.url.split('?')[0].replace(/^\/+/, '');
      const file = path.resolve(webDir, rel);
      if (rel && file.startsWith(path.resolve(webDir)) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(rel);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return { app, services, routes, jobs };
}

/**
 * Whether an answered request may have changed what dashboards count: a successful write, except
 * sign-in/out, reading notifications and autosaved drafts (which no figure counts).
 */
function changesRecords(method: string, url: string, status: number): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || status >= 400) return false;
  if (!url.startsWith('/api/') || url.startsWith('/api/auth/') || url.startsWith('/api/notifications')) return false;
  return !url.split('?')[0].endsWith('/draft');
}
