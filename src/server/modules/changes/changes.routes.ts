import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam } from '../shared.schema.js';
import {
  changeList,
  changeListQuery,
  changeParams,
  changeSchema,
  createChangeBody,
  decisionBody,
  withdrawBody,
} from './changes.schema.js';

const tags = ['changes'];

/** Change requests (变更申请) of running projects: members, title, 延期, 撤项. */
export function changeRoutes(app: App, s: Services) {
  app.get(
    '/api/projects/:id/changes',
    {
      schema: {
        tags,
        summary: '课题的变更申请（成员、名称、延期、撤项）',
        params: idParam,
        querystring: changeListQuery,
        response: { 200: changeList },
      },
    },
    async (req) => {
      const { page, pageSize, status } = req.query;
      return { ...(await s.changes.list(ctxOf(req), req.params.id, status, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/projects/:id/changes',
    {
      schema: {
        tags,
        summary: '申请变更：主持人（或教科室主任代为）提出，经学校审核后报立项单位审批',
        params: idParam,
        body: createChangeBody,
        response: { 200: changeSchema },
      },
    },
    async (req) => s.changes.create(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/changes/:changeId',
    { schema: { tags, params: changeParams, response: { 200: changeSchema } } },
    async (req) => s.changes.get(ctxOf(req), req.params.id, req.params.changeId),
  );
  app.post(
    '/api/projects/:id/changes/:changeId/decision',
    {
      schema: {
        tags,
        summary: '学校审核（endorse）或立项单位审批（approve / reject，不同意须填写意见）',
        params: changeParams,
        body: decisionBody,
        response: { 200: changeSchema },
      },
    },
    async (req) => s.changes.decide(ctxOf(req), req.params.id, req.params.changeId, req.body),
  );
  app.post(
    '/api/projects/:id/changes/:changeId/withdraw',
    {
      schema: {
        tags,
        summary: '申请人撤回待审批的变更申请',
        params: changeParams,
        body: withdrawBody,
        response: { 200: changeSchema },
      },
    },
    async (req) => s.changes.withdraw(ctxOf(req), req.params.id, req.params.changeId, req.body),
  );
}
