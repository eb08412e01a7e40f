import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import { ReviewFileService } from './reviews.files.js';
import {
  assignmentBody,
  assignmentResult,
  assignmentSchema,
  conflictQuery,
  conflictSchema,
  createConflictBody,
  createRoundBody,
  resultsSchema,
  reviewProjectSchema,
  roundListQuery,
  roundSchema,
  scoreBody,
  updateRoundBody,
} from './reviews.schema.js';

const tags = ['reviews'];
const assignmentParams = idParam.extend({ assignmentId: z.string().min(1).max(64) });
const assignmentFileParams = assignmentParams.extend({ fileId: z.string().min(1).max(64) });

/** Expert review (专家评审): rounds, assignments, the blinded project view, scores, results, conflicts. */
export function reviewRoutes(app: App, s: Services) {
  const files = new ReviewFileService(s.database, s.files.store);
  app.get(
    '/api/reviews',
    {
      schema: {
        tags,
        summary: '评审轮次（我组织的与我参评的）',
        querystring: roundListQuery,
        response: { 200: listOf(roundSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await s.reviews.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.get(
    '/api/reviews/experts',
    {
      schema: {
        tags,
        summary: '可邀请的评审专家（本级及上级专家库、下级单位的专家）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                orgName: z.string().nullable(),
                subjects: z.array(z.string()),
                title: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await s.reviews.experts(ctxOf(req)) }),
  );
  app.post(
    '/api/reviews',
    { schema: { tags, summary: '创建评审轮次', body: createRoundBody, response: { 200: roundSchema } } },
    async (req) => s.reviews.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/reviews/conflicts',
    {
      schema: {
        tags,
        summary: '专家的回避关系（?expertId=，缺省为本人）',
        querystring: conflictQuery,
        response: { 200: listOf(conflictSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, expertId } = req.query;
      return { ...(await s.reviews.conflicts.list(ctxOf(req), expertId, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/reviews/conflicts',
    { schema: { tags, summary: '登记回避关系', body: createConflictBody, response: { 200: conflictSchema } } },
    async (req) => s.reviews.conflicts.create(ctxOf(req), req.body),
  );
  app.delete(
    '/api/reviews/conflicts/:id',
    { schema: { tags, summary: '删除回避关系', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await s.reviews.conflicts.remove(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/reviews/:id',
    { schema: { tags, summary: '评审轮次（含评价量表）', params: idParam, response: { 200: roundSchema } } },
    async (req) => s.reviews.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/reviews/:id',
    {
      schema: {
        tags,
        summary: '修改评审轮次（标题、开启/结束）',
        params: idParam,
        body: updateRoundBody,
        response: { 200: roundSchema },
      },
    },
    async (req) => s.reviews.update(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/reviews/:id/assignments',
    {
      schema: {
        tags,
        summary: '评审分配（专家只看到自己的）',
        params: idParam,
        response: { 200: z.object({ items: z.array(assignmentSchema) }) },
      },
    },
    async (req) => ({ items: await s.reviews.assignments.list(ctxOf(req), req.params.id) }),
  );
  app.post(
    '/api/reviews/:id/assignments',
    {
      schema: {
        tags,
        summary: '分配专家：{auto: true} 自动均衡分配，或 {projectId, expertId} 手动分配',
        params: idParam,
        body: assignmentBody,
        response: { 200: assignmentResult },
      },
    },
    async (req) => s.reviews.assignments.create(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/reviews/:id/assignments/:assignmentId',
    { schema: { tags, summary: '撤销分配（评分前）', params: assignmentParams, response: { 200: okSchema } } },
    async (req) => {
      await s.reviews.assignments.remove(ctxOf(req), req.params.id, req.params.assignmentId);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/reviews/:id/assignments/:assignmentId/project',
    {
      schema: {
        tags,
        summary: '评审活页：专家看到的课题（盲评时隐去身份）',
        params: assignmentParams,
        response: { 200: reviewProjectSchema },
      },
    },
    async (req) => s.reviews.assignments.project(ctxOf(req), req.params.id, req.params.assignmentId),
  );
  app.get(
    '/api/reviews/:id/assignments/:assignmentId/files/:fileId',
    {
      schema: {
        tags,
        summary: '下载评审课题的附件（总是作为附件；盲评时文件名为「编号-类别-序号」）',
        params: assignmentFileParams,
      },
    },
    async (req, reply) =>
      sendDownload(reply, await files.file(ctxOf(req), req.params.id, req.params.assignmentId, req.params.fileId)),
  );
  app.get(
    '/api/reviews/:id/assignments/:assignmentId/review-sheet.docx',
    {
      schema: {
        tags,
        summary: '导出该评审任务的匿名评审活页 (.docx)：以评审编号为题，不含姓名和学校',
        params: assignmentParams,
      },
    },
    async (req, reply) =>
      sendDownload(reply, await files.reviewSheet(ctxOf(req), req.params.id, req.params.assignmentId)),
  );
  app.post(
    '/api/reviews/:id/scores',
    {
      schema: {
        tags,
        summary: '专家评分 {assignmentId, scores, comment}',
        params: idParam,
        body: scoreBody,
        response: { 200: assignmentSchema },
      },
    },
    async (req) => s.reviews.scores.score(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/reviews/:id/results',
    {
      schema: {
        tags,
        summary: '评审结果：均分、去掉最高最低后的均分、极差、排名',
        params: idParam,
        response: { 200: resultsSchema },
      },
    },
    async (req) => s.reviews.scores.results(ctxOf(req), req.params.id),
  );
}
