import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import { callListQuery, callSchema, createCallBody, updateCallBody } from './calls.schema.js';

export function callRoutes(app: App, s: Services) {
  app.get(
    '/api/calls',
    {
      schema: {
        tags: ['projects'],
        summary: '课题指南/申报通知',
        querystring: callListQuery,
        response: { 200: listOf(callSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, status } = req.query;
      const all = (await s.calls.list(ctxOf(req))).filter((c) => !status || c.status === status);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },
  );
  app.post(
    '/api/calls',
    {
      schema: {
        tags: ['projects'],
        summary: '发布申报通知（含推荐名额、专项条件）',
        body: createCallBody,
        response: { 200: callSchema },
      },
    },
    async (req) => s.calls.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/calls/:id',
    { schema: { tags: ['projects'], params: idParam, response: { 200: callSchema } } },
    async (req) => s.calls.get(ctxOf(req), req.params.id),
  );
  app.put(
    '/api/calls/:id/ranking',
    {
      schema: {
        tags: ['projects'],
        summary: '推荐排序：本单位待推荐的申报书排序 {orgId, projectIds}',
        params: idParam,
        body: z.object({ orgId: z.string().max(64), projectIds: z.array(z.string().max(64)).max(500) }),
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await s.projects.rank(ctxOf(req), req.params.id, req.body.orgId, req.body.projectIds);
      return { ok: true as const };
    },
  );
  app.patch(
    '/api/calls/:id',
    { schema: { tags: ['projects'], params: idParam, body: updateCallBody, response: { 200: callSchema } } },
    async (req) => s.calls.update(ctxOf(req), req.params.id, req.body),
  );
}
