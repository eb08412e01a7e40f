import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { putRulesBody, rulesQuery, rulesSchema } from './rules.schema.js';

const tags = ['rules'];

/** The school's rules, quotas, points table and rewards settings (制度·考核), per term. */
export function rulesRoutes(app: App, s: Services) {
  app.get(
    '/api/rules',
    {
      schema: {
        tags,
        summary: '学校某学期的制度（?orgId=&termId=）：考核要求、积分表、奖励设置；未单独设置时沿用上学期或默认值',
        querystring: rulesQuery,
        response: { 200: rulesSchema },
      },
    },
    async (req) => s.rules.get(ctxOf(req), req.query.orgId, req.query.termId),
  );
  app.put(
    '/api/rules',
    {
      schema: {
        tags,
        summary: '修改学校某学期的制度（?orgId=&termId=；带 version，首次保存为 0）：本校教科室主任或上级',
        querystring: rulesQuery,
        body: putRulesBody,
        response: { 200: rulesSchema },
      },
    },
    async (req) => s.rules.put(ctxOf(req), req.query.orgId, req.query.termId, req.body),
  );
}
