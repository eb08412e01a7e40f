import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { XLSX_MIME } from '../files/files.types.js';
import { importSheet } from '../files/import-sheet.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import { importRoster } from './people.import.js';
import {
  createPersonBody,
  grantBody,
  grantSchema,
  importQuery,
  importResult,
  personFilter,
  personListQuery,
  personSchema,
  updatePersonBody,
} from './people.schema.js';
import { peopleWorkbook, rosterTemplate } from './people.xlsx.js';

const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function peopleRoutes(app: App, s: Services) {
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: '教师名册（?orgId=&groupId=&q=&subject=&title=&ageBand=&backboneLevel=）',
        querystring: personListQuery,
        response: { 200: listOf(personSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const r = await s.people.list(ctxOf(req), filter, page, pageSize);
      return { ...r, page, pageSize };
    },
  );
  app.post(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: '新增人员（可同时开通账号）',
        body: createPersonBody,
        response: { 200: personSchema },
      },
    },
    async (req) => s.people.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/people/import/template',
    {
      schema: {
        tags: ['people'],
        summary: '名册导入模板 (.xlsx)',
        querystring: z.object({ orgId: z.string().max(64).optional() }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const groups = req.query.orgId ? await s.orgs.list(ctx, req.query.orgId, 'group') : [];
      const data = await rosterTemplate(groups.map((g) => g.name));
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment('教师名册导入模板.xlsx'))
        .send(data);
    },
  );
  app.post(
    '/api/people/import',
    {
      schema: {
        tags: ['people'],
        summary: '导入名册：全部导入或全部不导入（400 时 details.rows 列出每行错误）',
        querystring: importQuery,
        consumes: ['multipart/form-data'],
        response: { 200: importResult },
      },
    },
    async (req) => {
      const data = await importSheet(req, s.database, s.uploads);
      return importRoster(s.database, ctxOf(req), req.query.orgId, data);
    },
  );
  app.get(
    '/api/people/export.xlsx',
    { schema: { tags: ['people'], summary: '导出名册 (.xlsx)，筛选同列表', querystring: personFilter } },
    async (req, reply) => {
      const people = await s.people.all(ctxOf(req), req.query);
      const data = await peopleWorkbook(people);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment('教师名册.xlsx'))
        .send(data);
    },
  );
  app.get(
    '/api/people/:id',
    { schema: { tags: ['people'], params: idParam, response: { 200: personSchema } } },
    async (req) => s.people.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/people/:id',
    { schema: { tags: ['people'], params: idParam, body: updatePersonBody, response: { 200: personSchema } } },
    async (req) => s.people.update(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/people/:id/roles',
    {
      schema: {
        tags: ['people'],
        summary: '授予角色 {role, orgId}',
        params: idParam,
        body: grantBody,
        response: { 200: grantSchema },
      },
    },
    async (req) => s.people.grantRole(ctxOf(req), req.params.id, req.body.role, req.body.orgId),
  );
  app.delete(
    '/api/people/:id/roles/:roleId',
    {
      schema: {
        tags: ['people'],
        summary: '撤销角色',
        params: idParam.extend({ roleId: z.string().max(64) }),
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await s.people.revokeRole(ctxOf(req), req.params.id, req.params.roleId);
      return { ok: true as const };
    },
  );
}
