import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import { invalid } from '../../errors.js';
import type { Services } from '../../services.js';
import { discard, sendDownload } from '../files/files.routes.js';
import { attachmentHeader, XLSX_MIME } from '../files/files.types.js';
import { listOf, okSchema } from '../shared.schema.js';
import {
  assignBody,
  createEntryBody,
  decisionBody,
  entriesQuery,
  entryParams,
  entrySchema,
  PREREVIEW_RUBRIC,
  prereviewItemSchema,
  prereviewsQuery,
  rubricSchema,
  scoreBody,
  updateEntryBody,
  workParams,
} from './works.schema.js';

const tags = ['works'];
const assignmentParams = entryParams.extend({ assignmentId: z.string().min(1).max(64) });

/** Competition entries (参评), the school's pre-review (校内初审), results (获奖) and certificates. */
export function entryRoutes(app: App, s: Services) {
  const e = s.works.entries;
  app.get(
    '/api/entries',
    {
      schema: {
        tags,
        summary:
          '参评/获奖一览（?orgId=&termId=&result=&awarded=&level=&status=&competitionId=）：获奖按获奖日期、参评按参评日期计入学期',
        querystring: entriesQuery,
        response: { 200: listOf(entrySchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const { items, total } = await e.entries(ctxOf(req), filter, page, pageSize);
      return { items, total, page, pageSize };
    },
  );
  app.get(
    '/api/entries/export.xlsx',
    { schema: { tags, summary: '导出参评/获奖一览 (.xlsx)', querystring: entriesQuery } },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...filter } = req.query;
      const { filename, data } = await e.exportEntries(ctxOf(req), filter);
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        disposition: attachmentHeader(filename),
        size: data.length,
        body: data,
      });
    },
  );
  app.get(
    '/api/prereviews',
    {
      schema: {
        tags,
        summary: '校内初审任务（?state=pending|done|all）：评审只看分配给自己的作品，教科室主任看本校全部初审',
        querystring: prereviewsQuery,
        response: { 200: listOf(prereviewItemSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await e.prereviews(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.get(
    '/api/prereviews/rubric',
    { schema: { tags, summary: '校内初审评分表', response: { 200: rubricSchema } } },
    async () => ({ items: PREREVIEW_RUBRIC.map((c) => ({ ...c })) }),
  );
  app.get(
    '/api/works/:id/entries',
    {
      schema: {
        tags,
        summary: '成果的参评记录',
        params: workParams,
        response: { 200: z.object({ items: z.array(entrySchema), total: z.number().int() }) },
      },
    },
    async (req) => e.list(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/works/:id/entries',
    {
      schema: {
        tags,
        summary: '报名参评（进入校内初审）',
        params: workParams,
        body: createEntryBody,
        response: { 200: entrySchema },
      },
    },
    async (req) => e.create(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/works/:id/entries/:entryId',
    { schema: { tags, summary: '参评记录', params: entryParams, response: { 200: entrySchema } } },
    async (req) => e.get(ctxOf(req), req.params.id, req.params.entryId),
  );
  app.patch(
    '/api/works/:id/entries/:entryId',
    {
      schema: {
        tags,
        summary: '登记获奖结果 / 报送 / 修改参评记录',
        params: entryParams,
        body: updateEntryBody,
        response: { 200: entrySchema },
      },
    },
    async (req) => e.update(ctxOf(req), req.params.id, req.params.entryId, req.body),
  );
  app.delete(
    '/api/works/:id/entries/:entryId',
    { schema: { tags, summary: '删除参评记录', params: entryParams, response: { 200: okSchema } } },
    async (req) => {
      const key = await e.remove(ctxOf(req), req.params.id, req.params.entryId);
      await e.removeStored([key]);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/works/:id/entries/:entryId/prereview/assignments',
    {
      schema: {
        tags,
        summary: '分配校内初审评审（本校教师，作者回避）',
        params: entryParams,
        body: assignBody,
        response: { 200: entrySchema },
      },
    },
    async (req) => e.assign(ctxOf(req), req.params.id, req.params.entryId, req.body.reviewerIds),
  );
  app.delete(
    '/api/works/:id/entries/:entryId/prereview/assignments/:assignmentId',
    { schema: { tags, summary: '撤销初审分配', params: assignmentParams, response: { 200: entrySchema } } },
    async (req) => e.unassign(ctxOf(req), req.params.id, req.params.entryId, req.params.assignmentId),
  );
  app.post(
    '/api/works/:id/entries/:entryId/prereview/scores',
    {
      schema: {
        tags,
        summary: '提交初审评分（评审本人）',
        params: entryParams,
        body: scoreBody,
        response: { 200: entrySchema },
      },
    },
    async (req) => e.score(ctxOf(req), req.params.id, req.params.entryId, req.body),
  );
  app.post(
    '/api/works/:id/entries/:entryId/prereview/decision',
    {
      schema: {
        tags,
        summary: '论文定质：推荐报送或不推荐',
        params: entryParams,
        body: decisionBody,
        response: { 200: entrySchema },
      },
    },
    async (req) => e.decide(ctxOf(req), req.params.id, req.params.entryId, req.body),
  );
  app.post(
    '/api/works/:id/entries/:entryId/certificate',
    {
      schema: {
        tags,
        summary: '上传获奖证书：multipart 字段 file',
        params: entryParams,
        consumes: ['multipart/form-data'],
        response: { 200: entrySchema },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw invalid('请以 multipart/form-data 上传 file 字段');
      const file = await req.file();
      if (!file) throw invalid('请选择要上传的文件');
      try {
        return await e.uploadCertificate(ctxOf(req), req.params.id, req.params.entryId, {
          filename: file.filename,
          stream: file.file,
          truncated: () => file.file.truncated,
        });
      } catch (err) {
        await discard(file.file);
        throw err;
      }
    },
  );
  app.get(
    '/api/works/:id/entries/:entryId/certificate',
    { schema: { tags, summary: '下载获奖证书', params: entryParams } },
    async (req, reply) => sendDownload(reply, await e.certificate(ctxOf(req), req.params.id, req.params.entryId)),
  );
}
