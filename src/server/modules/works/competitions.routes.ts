import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { attachmentHeader, XLSX_MIME } from '../files/files.types.js';
import { importSheet } from '../files/import-sheet.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import { importStudentAwards, studentAwardImportQuery, studentAwardImportResult } from './student-awards.import.js';
import { studentAwardImportTemplate } from './student-awards.import.xlsx.js';
import {
  competitionSchema,
  competitionsQuery,
  createCompetitionBody,
  createEditionBody,
  createStudentAwardBody,
  studentAwardSchema,
  studentAwardsQuery,
  updateCompetitionBody,
  updateStudentAwardBody,
} from './works.schema.js';

const tags = ['works'];

/** The competitions catalogue (评比目录) and student-guidance awards (指导学生获奖). */
export function competitionRoutes(app: App, s: Services) {
  const c = s.works.competitions;
  app.get(
    '/api/competitions',
    {
      schema: {
        tags,
        summary: '评比目录（内置 + 本单位），含届次与截止日期（?q=&level=&active=）',
        querystring: competitionsQuery,
        response: { 200: listOf(competitionSchema) },
      },
    },
    async (req) => ({ ...(await c.list(ctxOf(req), req.query)), page: req.query.page, pageSize: req.query.pageSize }),
  );
  app.post(
    '/api/competitions',
    { schema: { tags, summary: '新增评比', body: createCompetitionBody, response: { 200: competitionSchema } } },
    async (req) => c.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/competitions/:id',
    { schema: { tags, summary: '评比详情', params: idParam, response: { 200: competitionSchema } } },
    async (req) => c.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/competitions/:id',
    {
      schema: {
        tags,
        summary: '修改评比（名称、级别、主办、停用）',
        params: idParam,
        body: updateCompetitionBody,
        response: { 200: competitionSchema },
      },
    },
    async (req) => c.update(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/competitions/:id/editions',
    {
      schema: {
        tags,
        summary: '新增届次（年度、截止日期）',
        params: idParam,
        body: createEditionBody,
        response: { 200: competitionSchema },
      },
    },
    async (req) => c.addEdition(ctxOf(req), req.params.id, req.body),
  );

  const a = s.works.studentAwards;
  app.get(
    '/api/student-awards/import/template',
    { schema: { tags, summary: '指导学生获奖导入模板 (.xlsx)' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader('指导学生获奖导入模板.xlsx'))
        .send(await studentAwardImportTemplate()),
  );
  app.post(
    '/api/student-awards/import',
    {
      schema: {
        tags,
        summary: '导入指导学生获奖（?orgId= 学校）：全部导入或全部不导入（400 时 details.rows 列出每行错误）',
        querystring: studentAwardImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: studentAwardImportResult },
      },
    },
    async (req) => {
      const data = await importSheet(req, s.database, s.uploads);
      return importStudentAwards(s.database, ctxOf(req), req.query.orgId, data);
    },
  );
  app.get(
    '/api/student-awards',
    {
      schema: {
        tags,
        summary: '指导学生获奖（?orgId=&termId=&personId=&level=）',
        querystring: studentAwardsQuery,
        response: { 200: listOf(studentAwardSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await a.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/student-awards',
    {
      schema: {
        tags,
        summary: '登记指导学生获奖（默认本人为指导教师）',
        body: createStudentAwardBody,
        response: { 200: studentAwardSchema },
      },
    },
    async (req) => a.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/student-awards/:id',
    { schema: { tags, summary: '指导学生获奖详情', params: idParam, response: { 200: studentAwardSchema } } },
    async (req) => a.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/student-awards/:id',
    {
      schema: {
        tags,
        summary: '修改指导学生获奖',
        params: idParam,
        body: updateStudentAwardBody,
        response: { 200: studentAwardSchema },
      },
    },
    async (req) => a.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/student-awards/:id',
    { schema: { tags, summary: '删除指导学生获奖', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await a.remove(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
