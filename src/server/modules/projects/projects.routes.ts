import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import { fromJson } from '../../db/dialect.js';
import type { Services } from '../../services.js';
import { XLSX_MIME } from '../files/files.types.js';
import { importSheet } from '../files/import-sheet.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import { importProjects, projectImportQuery, projectImportResult } from './projects.import.js';
import { projectImportTemplate } from './projects.import.xlsx.js';
import {
  createProjectBody,
  historyItem,
  projectListQuery,
  projectSchema,
  transitionBody,
  updateProjectBody,
} from './projects.schema.js';
import type { Action, Stage } from './projects.workflow.js';

const TEMPLATE_NAME = '历史课题导入模板.xlsx';

const routeStep = z.object({
  orgId: z.string(),
  orgName: z.string(),
  step: z.enum(['recommend', 'approve']),
  people: z.array(z.string()),
  quota: z.number().int().nullable(),
  state: z.enum(['done', 'current', 'pending']),
});

export function projectRoutes(app: App, s: Services) {
  app.get(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: '课题列表（?orgId=&level=&kind=&stage=&callId=&hostId=&planPeriod=&q=），附各阶段数量',
        querystring: projectListQuery,
        response: { 200: listOf(projectSchema).extend({ countsByStage: z.record(z.string(), z.number()) }) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const r = await s.projects.list(ctxOf(req), filter, page, pageSize);
      return { ...r, page, pageSize };
    },
  );
  app.post(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: '新建申报书（草稿）',
        body: createProjectBody,
        response: { 200: projectSchema },
      },
    },
    async (req) => s.projects.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/projects/import/template',
    { schema: { tags: ['projects'], summary: '历史课题导入模板 (.xlsx)' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_NAME)}`,
        )
        .send(await projectImportTemplate()),
  );
  app.post(
    '/api/projects/import',
    {
      schema: {
        tags: ['projects'],
        summary: '导入历史课题（?orgId= 学校）：全部导入或全部不导入（400 时 details.rows 列出每行错误）',
        querystring: projectImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: projectImportResult },
      },
    },
    async (req) => {
      const data = await importSheet(req, s.database, s.uploads);
      return importProjects(s.database, ctxOf(req), req.query.orgId, data);
    },
  );
  app.get(
    '/api/projects/:id',
    { schema: { tags: ['projects'], params: idParam, response: { 200: projectSchema } } },
    async (req) => s.projects.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: '修改申报书（草稿时）',
        params: idParam,
        body: updateProjectBody,
        response: { 200: projectSchema },
      },
    },
    async (req) => s.projects.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/projects/:id',
    { schema: { tags: ['projects'], summary: '删除草稿', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await s.projects.remove(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/projects/:id/transitions',
    {
      schema: {
        tags: ['projects'],
        summary: '阶段流转 {action, reason?, grade?, until?}；当前不允许时 409',
        params: idParam,
        body: transitionBody,
        response: { 200: projectSchema },
      },
    },
    async (req) => s.projects.transition(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/history',
    {
      schema: {
        tags: ['projects'],
        summary: '流转记录：谁、何时、做了什么、理由',
        params: idParam,
        response: { 200: z.object({ items: z.array(historyItem) }) },
      },
    },
    async (req) => ({
      items: (await s.projects.history(ctxOf(req), req.params.id)).map((h) => ({
        id: h.id,
        action: h.action as Action,
        fromStage: h.from_stage as Stage,
        toStage: h.to_stage as Stage,
        actorId: h.actor_id,
        actorName: h.actor_name,
        at: h.at,
        reason: h.reason,
        details: fromJson<unknown>(h.details, null),
      })),
    }),
  );
  app.get(
    '/api/projects/:id/route',
    {
      schema: {
        tags: ['projects'],
        summary: '推荐路线预览：每一级由谁处理、名额',
        params: idParam,
        response: { 200: z.object({ items: z.array(routeStep), warnings: z.array(z.string()) }) },
      },
    },
    async (req) => s.projects.route(ctxOf(req), req.params.id),
  );
}
