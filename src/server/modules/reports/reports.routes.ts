import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { idParam, listOf } from '../shared.schema.js';
import {
  checkBody,
  createLessonBody,
  createReportBody,
  lessonParams,
  lessonSchema,
  opinionBody,
  overdueList,
  overdueQuery,
  reportListQuery,
  reportParams,
  reportSchema,
  updateLessonBody,
  updateReportBody,
} from './reports.schema.js';

const tags = ['reports'];

/** Project reports (开题/月报/中期/结题), the monthly check (月查), missing reports and research lessons. */
export function reportRoutes(app: App, s: Services) {
  app.get(
    '/api/reports/overdue',
    {
      schema: {
        tags,
        summary: '月报缺交：范围内在研课题中缺少某月月报的（?orgId=&month=YYYY-MM，默认上月）',
        querystring: overdueQuery,
        response: { 200: overdueList },
      },
    },
    async (req) => s.reports.overdue(ctxOf(req), req.query),
  );
  app.get(
    '/api/projects/:id/reports',
    {
      schema: {
        tags,
        summary: '课题报告列表（?kind=）',
        params: idParam,
        querystring: reportListQuery,
        response: { 200: listOf(reportSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, kind } = req.query;
      return { ...(await s.reports.list(ctxOf(req), req.params.id, kind, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/projects/:id/reports',
    {
      schema: {
        tags,
        summary: '提交开题报告、月报、中期报告或结题报告',
        params: idParam,
        body: createReportBody,
        response: { 200: reportSchema },
      },
    },
    async (req) => s.reports.create(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/reports/monthly.docx',
    { schema: { tags, summary: '课题研究月汇报表 (.docx)：每月月报及月查情况', params: idParam } },
    async (req, reply) => sendDownload(reply, await s.reports.monthlyDocument(ctxOf(req), req.params.id)),
  );
  app.get(
    '/api/projects/:id/reports/:reportId/export.docx',
    { schema: { tags, summary: '导出一份报告 (.docx)：开题、中期、结题报告含专家意见', params: reportParams } },
    async (req, reply) => sendDownload(reply, await s.reports.document(ctxOf(req), req.params.id, req.params.reportId)),
  );
  app.get(
    '/api/projects/:id/reports/:reportId',
    { schema: { tags, params: reportParams, response: { 200: reportSchema } } },
    async (req) => s.reports.get(ctxOf(req), req.params.id, req.params.reportId),
  );
  app.patch(
    '/api/projects/:id/reports/:reportId',
    {
      schema: {
        tags,
        summary: '修改报告（被退回的月报修改后重新提交）',
        params: reportParams,
        body: updateReportBody,
        response: { 200: reportSchema },
      },
    },
    async (req) => s.reports.update(ctxOf(req), req.params.id, req.params.reportId, req.body),
  );
  app.post(
    '/api/projects/:id/reports/:reportId/check',
    {
      schema: {
        tags,
        summary: '月查：通过或退回（退回须填写原因）',
        params: reportParams,
        body: checkBody,
        response: { 200: reportSchema },
      },
    },
    async (req) => s.reports.check(ctxOf(req), req.params.id, req.params.reportId, req.body),
  );
  app.post(
    '/api/projects/:id/reports/:reportId/opinion',
    {
      schema: {
        tags,
        summary: '开题、中期报告的专家意见',
        params: reportParams,
        body: opinionBody,
        response: { 200: reportSchema },
      },
    },
    async (req) => s.reports.opinion(ctxOf(req), req.params.id, req.params.reportId, req.body),
  );
  app.get(
    '/api/projects/:id/lessons',
    {
      schema: {
        tags,
        summary: '课题研究课（四定：定人、定时、定内容、定形式）',
        params: idParam,
        response: { 200: z.object({ items: z.array(lessonSchema), total: z.number().int() }) },
      },
    },
    async (req) => s.reports.lessons.list(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/projects/:id/lessons',
    {
      schema: { tags, summary: '安排研究课', params: idParam, body: createLessonBody, response: { 200: lessonSchema } },
    },
    async (req) => s.reports.lessons.create(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/lessons/:lessonId',
    { schema: { tags, params: lessonParams, response: { 200: lessonSchema } } },
    async (req) => s.reports.lessons.get(ctxOf(req), req.params.id, req.params.lessonId),
  );
  app.patch(
    '/api/projects/:id/lessons/:lessonId',
    {
      schema: {
        tags,
        summary: '修改研究课，或登记上课日期与关联活动',
        params: lessonParams,
        body: updateLessonBody,
        response: { 200: lessonSchema },
      },
    },
    async (req) => s.reports.lessons.update(ctxOf(req), req.params.id, req.params.lessonId, req.body),
  );
}
