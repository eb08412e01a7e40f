import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { todoQuery, todoSchema } from './todo.schema.js';

export function todoRoutes(app: App, s: Services) {
  app.get(
    '/api/todo',
    {
      schema: {
        tags: ['todo'],
        summary: '待我处理：课题的流转步骤、月报（撰写、修改、月查）、专家评审、校内初审（?limit=）',
        querystring: todoQuery,
        response: { 200: todoSchema },
      },
    },
    async (req) => s.todo.list(ctxOf(req), req.query.limit),
  );
}
