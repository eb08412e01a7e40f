import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { searchQuery, searchResult } from './search.schema.js';

/** Full-text search (全文检索) within the caller's scope. */
export function searchRoutes(app: App, s: Services) {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: '全文检索（?q=&type=&page=）：课题、报告、教研活动、成长记录、成果与档案文件名，只含本人可见范围',
        querystring: searchQuery,
        response: { 200: searchResult },
      },
    },
    async (req) => s.search.search(ctxOf(req), req.query),
  );
}
