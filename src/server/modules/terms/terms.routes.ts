import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, listOf, pageQuery } from '../shared.schema.js';
import { createTermBody, termSchema, updateTermBody } from './terms.schema.js';
import { presentTerm } from './terms.service.js';

export function termRoutes(app: App, s: Services) {
  app.get(
    '/api/terms',
    { schema: { tags: ['terms'], summary: '学年学期', querystring: pageQuery, response: { 200: listOf(termSchema) } } },
    async (req) => {
      const ctx = ctxOf(req);
      const rows = await s.terms.list();
      const { page, pageSize } = req.query;
      return {
        items: rows.slice((page - 1) * pageSize, page * pageSize).map((r) => presentTerm(r, ctx.principal)),
        total: rows.length,
        page,
        pageSize,
      };
    },
  );
  app.post(
    '/api/terms',
    {
      schema: {
        tags: ['terms'],
        summary: '新建学期（日期缺省按 9月—1月、2月—7月）',
        body: createTermBody,
        response: { 200: termSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return presentTerm(await s.terms.create(ctx, req.body), ctx.principal);
    },
  );
  app.get(
    '/api/terms/:id',
    { schema: { tags: ['terms'], params: idParam, response: { 200: termSchema } } },
    async (req) => presentTerm(await s.terms.get(req.params.id), ctxOf(req).principal),
  );
  app.patch(
    '/api/terms/:id',
    { schema: { tags: ['terms'], params: idParam, body: updateTermBody, response: { 200: termSchema } } },
    async (req) => {
      const ctx = ctxOf(req);
      return presentTerm(await s.terms.update(ctx, req.params.id, req.body), ctx.principal);
    },
  );
}
