import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, okSchema } from '../shared.schema.js';
import {
  conclusionCheckSchema,
  createOutputBody,
  levelParam,
  levelRules,
  outputList,
  outputParams,
  outputSchema,
  putRulesBody,
  rulesQuery,
  updateOutputBody,
} from './conclusion.schema.js';

const tags = ['conclusion'];

/** Project outputs (成果), conclusion rules (结题条件) and the conclusion check. */
export function conclusionRoutes(app: App, s: Services) {
  app.get(
    '/api/projects/:id/outputs',
    { schema: { tags, summary: '课题成果列表', params: idParam, response: { 200: outputList } } },
    async (req) => s.conclusion.outputs.list(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/projects/:id/outputs',
    {
      schema: {
        tags,
        summary: '登记课题成果（论文、发表、获奖…）',
        params: idParam,
        body: createOutputBody,
        response: { 200: outputSchema },
      },
    },
    async (req) => s.conclusion.outputs.create(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/outputs/:outputId',
    { schema: { tags, params: outputParams, response: { 200: outputSchema } } },
    async (req) => s.conclusion.outputs.get(ctxOf(req), req.params.id, req.params.outputId),
  );
  app.patch(
    '/api/projects/:id/outputs/:outputId',
    {
      schema: {
        tags,
        summary: '修改课题成果',
        params: outputParams,
        body: updateOutputBody,
        response: { 200: outputSchema },
      },
    },
    async (req) => s.conclusion.outputs.update(ctxOf(req), req.params.id, req.params.outputId, req.body),
  );
  app.delete(
    '/api/projects/:id/outputs/:outputId',
    {
      schema: {
        tags,
        summary: '删除课题成果',
        params: outputParams,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await s.conclusion.outputs.delete(ctxOf(req), req.params.id, req.params.outputId);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/projects/:id/conclusion-check',
    {
      schema: {
        tags,
        summary: '结题条件核查：每条规则是否满足及其依据，预期成果完成情况',
        params: idParam,
        response: { 200: conclusionCheckSchema },
      },
    },
    async (req) => s.conclusion.check(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/conclusion-rules',
    {
      schema: {
        tags,
        summary: '各级课题的结题条件（生效中；?orgId= 指定机构）',
        querystring: rulesQuery,
        response: { 200: z.object({ items: z.array(levelRules) }) },
      },
    },
    async (req) => s.conclusion.list(ctxOf(req), req.query.orgId),
  );
  app.put(
    '/api/conclusion-rules/:level',
    {
      schema: {
        tags,
        summary: '修改某级课题的结题条件（教科研管理员、系统管理员）',
        params: levelParam,
        body: putRulesBody,
        response: { 200: levelRules },
      },
    },
    async (req) => s.conclusion.put(ctxOf(req), req.params.level, req.body),
  );
}
