import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { listOf, pageQuery } from '../shared.schema.js';

const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export function auditRoutes(app: App, s: Services) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 (admins; entries of their subtree)',
        querystring: pageQuery.extend({
          entity: z.string().max(40).optional(),
          entityId: z.string().max(64).optional(),
          actorId: z.string().max(64).optional(),
        }),
        response: { 200: listOf(auditEntry) },
      },
    },
    async (req) => {
      const r = await s.audit.list(ctxOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
