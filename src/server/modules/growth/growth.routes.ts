import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import {
  createGrowthBody,
  eightOnesQuery,
  eightOnesSchema,
  growthListQuery,
  growthSchema,
  updateGrowthBody,
} from './growth.schema.js';

const tags = ['growth'];

/** Growth records (专业发展: 读书、写作、教案、课例、培训、外出学习、个人平台) and 八个一. */
export function growthRoutes(app: App, s: Services) {
  app.get(
    '/api/growth',
    {
      schema: {
        tags,
        summary: '成长记录（?personId=&kind=&from=&to=&orgId=）：教师看本人，教研组长看本组，学校看全校',
        querystring: growthListQuery,
        response: { 200: listOf(growthSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await s.growth.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/growth',
    {
      schema: {
        tags,
        summary: '登记成长记录（默认本人；教科室主任可为本校教师登记）',
        body: createGrowthBody,
        response: { 200: growthSchema },
      },
    },
    async (req) => s.growth.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/growth/eight-ones',
    {
      schema: {
        tags,
        summary: '八个一（?personId=&schoolYear=YYYY）：由记录计算，列出每项背后的记录',
        querystring: eightOnesQuery,
        response: { 200: eightOnesSchema },
      },
    },
    async (req) => s.growth.eightOnes(ctxOf(req), req.query.personId, req.query.schoolYear),
  );
  app.get('/api/growth/:id', { schema: { tags, params: idParam, response: { 200: growthSchema } } }, async (req) =>
    s.growth.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/growth/:id',
    { schema: { tags, params: idParam, body: updateGrowthBody, response: { 200: growthSchema } } },
    async (req) => s.growth.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete('/api/growth/:id', { schema: { tags, params: idParam, response: { 200: okSchema } } }, async (req) => {
    await s.growth.remove(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
}
