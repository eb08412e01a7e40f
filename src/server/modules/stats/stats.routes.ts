import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { XLSX_MIME } from '../files/files.types.js';
import { listOf } from '../shared.schema.js';
import {
  type Figures,
  figuresQuery,
  figuresSchema,
  recordsQuery,
  statsQuery,
  statsRecordSchema,
} from './stats.schema.js';

const tags = ['stats'];

/** Whether an Accept-Encoding header takes gzip (`gzip`, `gzip;q=0.8`, `*`; not `gzip;q=0`). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0;
}

/** Dashboards (统计): figures of a scope and term, the records behind a figure, the Excel export. */
export function statsRoutes(app: App, s: Services) {
  app.get(
    '/api/stats',
    {
      schema: {
        tags,
        summary:
          '统计数据（?orgId=&termId=）：课题、覆盖率、月报、活动、听课、成长、师徒、论文获奖、达标、金字塔、各校对比',
        querystring: figuresQuery,
        response: { 200: figuresSchema },
      },
    },
    async (req, reply) => {
      const { body, gzipped } = await s.stats.figuresBody(
        ctxOf(req),
        req.query.orgId,
        req.query.termId,
        req.query.fresh === '1',
        acceptsGzip(req.headers['accept-encoding']),
      );
      // Already checked against figuresSchema and serialised by the service (once per computation); the encoded
      // JSON is sent as it is, the schema above stays the documented answer.
      reply.header('vary', 'accept-encoding');
      if (gzipped) reply.header('content-encoding', 'gzip');
      return reply.type('application/json; charset=utf-8').send(body as unknown as Figures);
    },
  );
  app.get(
    '/api/stats/records',
    {
      schema: {
        tags,
        summary: '统计项背后的记录（?orgId=&termId=&figure=&schoolId=），条数等于统计数',
        querystring: recordsQuery,
        response: { 200: listOf(statsRecordSchema) },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      return { ...(await s.stats.records(ctxOf(req), req.query)), page, pageSize };
    },
  );
  app.get(
    '/api/stats/export.xlsx',
    { schema: { tags, summary: '导出统计报表 (.xlsx)（?orgId=&termId=）', querystring: statsQuery } },
    async (req, reply) => {
      const file = await s.stats.export(ctxOf(req), req.query.orgId, req.query.termId);
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="stats.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .send(file.body);
    },
  );
}
