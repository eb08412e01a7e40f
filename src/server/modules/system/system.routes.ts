import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { systemStatus } from './system.schema.js';

export function systemRoutes(app: App, s: Services) {
  app.get(
    '/api/system/status',
    {
      schema: {
        tags: ['system'],
        summary: '系统状态（系统管理员）：数据库、病毒扫描（当场检查）、最近一次备份与恢复、记录数',
        response: { 200: systemStatus },
      },
    },
    async (req) => s.system.status(ctxOf(req)),
  );
}
