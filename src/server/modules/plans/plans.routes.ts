import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, DOCX_MIME } from '../files/files.types.js';
import { idParam, listOf, okSchema, pageQuery } from '../shared.schema.js';
import {
  calendarQuery,
  calendarSchema,
  createItemBody,
  createPlanBody,
  itemParams,
  planItemSchema,
  planListQuery,
  planSchema,
  planSummarySchema,
  updateItemBody,
  updatePlanBody,
} from './plans.schema.js';

const tags = ['plans'];

/** 学期工作计划 with the 月度工作安排, its Word export, and the org calendar (plan items + deadlines). */
export function planRoutes(app: App, s: Services) {
  app.get(
    '/api/plans',
    {
      schema: {
        tags,
        summary: '学期工作计划列表（?orgId=&termId=）',
        querystring: planListQuery,
        response: { 200: listOf(planSummarySchema) },
      },
    },
    async (req) => s.plans.list(ctxOf(req), req.query),
  );
  app.post(
    '/api/plans',
    {
      schema: {
        tags,
        summary: '制订学期工作计划（每个单位每学期一份；可复制上学期的月度安排）',
        body: createPlanBody,
        response: { 200: planSchema },
      },
    },
    async (req) => s.plans.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/plans/:id',
    { schema: { tags, summary: '工作计划及其月度安排', params: idParam, response: { 200: planSchema } } },
    async (req) => s.plans.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: '修改计划标题、指导思想与工作目标',
        params: idParam,
        body: updatePlanBody,
        response: { 200: planSchema },
      },
    },
    async (req) => s.plans.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/plans/:id',
    { schema: { tags, summary: '删除工作计划（连同月度安排）', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await s.plans.remove(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/plans/:id/export.docx',
    { schema: { tags, summary: '导出学期工作计划 (.docx)：按月份列出编号的工作安排', params: idParam } },
    async (req, reply) => {
      const d = await s.plans.exportDocx(ctxOf(req), req.params.id);
      return sendDownload(reply, {
        contentType: DOCX_MIME,
        disposition: attachmentHeader(d.filename),
        size: d.data.length,
        body: d.data,
      });
    },
  );
  app.get(
    '/api/plans/:id/items',
    {
      schema: {
        tags,
        summary: '月度工作安排（按月份、顺序）',
        params: idParam,
        querystring: pageQuery.extend({ pageSize: pageQuery.shape.pageSize.default(200) }),
        response: { 200: listOf(planItemSchema) },
      },
    },
    async (req) => {
      const all = await s.plans.items(ctxOf(req), req.params.id);
      const { page, pageSize } = req.query;
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },
  );
  app.post(
    '/api/plans/:id/items',
    {
      schema: {
        tags,
        summary: '新增工作安排（月份、负责人、完成时限）',
        params: idParam,
        body: createItemBody,
        response: { 200: planItemSchema },
      },
    },
    async (req) => s.plans.addItem(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/plans/:id/items/:itemId',
    { schema: { tags, summary: '一项工作安排', params: itemParams, response: { 200: planItemSchema } } },
    async (req) => s.plans.item(ctxOf(req), req.params.id, req.params.itemId),
  );
  app.patch(
    '/api/plans/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: '修改工作安排或标记完成',
        params: itemParams,
        body: updateItemBody,
        response: { 200: planItemSchema },
      },
    },
    async (req) => s.plans.updateItem(ctxOf(req), req.params.id, req.params.itemId, req.body),
  );
  app.delete(
    '/api/plans/:id/items/:itemId',
    { schema: { tags, summary: '删除工作安排', params: itemParams, response: { 200: okSchema } } },
    async (req) => {
      await s.plans.removeItem(ctxOf(req), req.params.id, req.params.itemId);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/calendar',
    {
      schema: {
        tags,
        summary: '单位日程（?orgId=&from=&to=）：计划事项，以及申报、月报、评审、评比的截止日期',
        querystring: calendarQuery,
        response: { 200: calendarSchema },
      },
    },
    async (req) => s.calendar.calendar(ctxOf(req), req.query),
  );
}
