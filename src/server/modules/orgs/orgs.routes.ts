import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import { presentOrg, presentTree } from './orgs.presenter.js';
import { createOrgBody, orgListQuery, orgNodeSchema, orgSchema, updateOrgBody } from './orgs.schema.js';

export function orgRoutes(app: App, s: Services) {
  app.get(
    '/api/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: '机构列表（?parentId=&kind=）',
        querystring: orgListQuery,
        response: { 200: listOf(orgSchema) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { page, pageSize, parentId, kind } = req.query;
      const rows = await s.orgs.list(ctx, parentId, kind);
      const items = rows.slice((page - 1) * pageSize, page * pageSize).map((r) => presentOrg(r, ctx.principal));
      return { items, total: rows.length, page, pageSize };
    },
  );
  app.get(
    '/api/orgs/tree',
    {
      schema: {
        tags: ['orgs'],
        summary: '可见范围内的机构树',
        response: { 200: z.object({ items: z.array(orgNodeSchema) }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return { items: presentTree(await s.orgs.tree(ctx), ctx.principal) };
    },
  );
  app.post(
    '/api/orgs',
    { schema: { tags: ['orgs'], summary: '新建机构', body: createOrgBody, response: { 200: orgSchema } } },
    async (req) => {
      const ctx = ctxOf(req);
      return presentOrg(await s.orgs.create(ctx, req.body), ctx.principal);
    },
  );
  app.get(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], params: idParam, response: { 200: orgSchema } } },
    async (req) => {
      const ctx = ctxOf(req);
      return presentOrg(await s.orgs.get(ctx, req.params.id), ctx.principal);
    },
  );
  app.patch(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], params: idParam, body: updateOrgBody, response: { 200: orgSchema } } },
    async (req) => {
      const ctx = ctxOf(req);
      return presentOrg(await s.orgs.update(ctx, req.params.id, req.body), ctx.principal);
    },
  );
  app.delete(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], summary: '删除空机构', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await s.orgs.remove(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
