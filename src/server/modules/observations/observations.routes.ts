import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import {
  createObservationBody,
  flagsQuery,
  flagsSchema,
  historySchema,
  observationListQuery,
  observationSchema,
  reopenBody,
  rubricBody,
  rubricQuery,
  rubricSchema,
  settingsBody,
  settingsQuery,
  settingsSchema,
  submitBody,
  updateObservationBody,
} from './observations.schema.js';

const tags = ['observations'];

export function observationRoutes(app: App, s: Services) {
  app.get(
    '/api/observations',
    {
      schema: {
        tags,
        summary: '听课记录列表（?teacherId=&observerId=&orgId=&from=&to=&status=）',
        querystring: observationListQuery,
        response: { 200: listOf(observationSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await s.observations.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/observations',
    {
      schema: {
        tags,
        summary: '登记听课记录（draft: true 保存草稿，否则直接提交）',
        body: createObservationBody,
        response: { 200: observationSchema },
      },
    },
    async (req) => s.observations.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/observations/flags',
    {
      schema: { tags, summary: '雷同听课记录（教科室主任）', querystring: flagsQuery, response: { 200: flagsSchema } },
    },
    async (req) => s.observations.flags(ctxOf(req), req.query.orgId),
  );
  app.get(
    '/api/observations/settings',
    { schema: { tags, summary: '本校听课设置', querystring: settingsQuery, response: { 200: settingsSchema } } },
    async (req) => s.rubrics.settings(ctxOf(req), req.query.orgId),
  );
  app.put(
    '/api/observations/settings',
    {
      schema: {
        tags,
        summary: '修改本校听课设置：被听课教师是否可见听课人（教科室主任）',
        body: settingsBody,
        response: { 200: settingsSchema },
      },
    },
    async (req) => s.rubrics.putSettings(ctxOf(req), req.body),
  );
  app.get(
    '/api/observations/:id',
    { schema: { tags, params: idParam, response: { 200: observationSchema } } },
    async (req) => s.observations.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/observations/:id',
    {
      schema: {
        tags,
        summary: '修改草稿或被退回的听课记录（听课人本人，带 version）',
        params: idParam,
        body: updateObservationBody,
        response: { 200: observationSchema },
      },
    },
    async (req) => s.observations.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/observations/:id',
    {
      schema: {
        tags,
        summary: '删除从未提交过的草稿（听课人本人）',
        params: idParam,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await s.observations.removeDraft(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/observations/:id/submit',
    {
      schema: {
        tags,
        summary: '提交听课记录',
        params: idParam,
        body: submitBody,
        response: { 200: observationSchema },
      },
    },
    async (req) => s.observations.submit(ctxOf(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/observations/:id/reopen',
    {
      schema: {
        tags,
        summary: '退回已提交的听课记录（教科室主任，须填写原因）',
        params: idParam,
        body: reopenBody,
        response: { 200: observationSchema },
      },
    },
    async (req) => s.observations.reopen(ctxOf(req), req.params.id, req.body.reason, req.body.version),
  );
  app.get(
    '/api/observations/:id/history',
    { schema: { tags, summary: '提交、退回与修改记录', params: idParam, response: { 200: historySchema } } },
    async (req) => s.observations.historyOf(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/rubrics',
    {
      schema: {
        tags,
        summary: '本校评价量表（?kind=observation&orgId=）',
        querystring: rubricQuery,
        response: { 200: rubricSchema },
      },
    },
    async (req) => s.rubrics.get(ctxOf(req), req.query.orgId),
  );
  app.put(
    '/api/rubrics',
    {
      schema: {
        tags,
        summary: '修改本校评价量表（教科室主任，带 version）',
        body: rubricBody,
        response: { 200: rubricSchema },
      },
    },
    async (req) => s.rubrics.put(ctxOf(req), req.body),
  );
}
