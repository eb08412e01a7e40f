import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, XLSX_MIME } from '../files/files.types.js';
import { importSheet } from '../files/import-sheet.js';
import { listOf, okSchema } from '../shared.schema.js';
import { importPublications, publicationImportQuery, publicationImportResult } from './publications.import.js';
import { publicationImportTemplate } from './publications.import.xlsx.js';
import { awardImportQuery, awardImportResult, importAwards } from './works.import.js';
import { awardImportTemplate } from './works.import.xlsx.js';
import {
  createPublicationBody,
  createWorkBody,
  publicationParams,
  publicationSchema,
  publicationsQuery,
  updatePublicationBody,
  updateWorkBody,
  workParams,
  workSchema,
  worksQuery,
} from './works.schema.js';

const tags = ['works'];

/** Works (论文·成果) and publications (发表). Entries and pre-review: entries.routes.ts. */
export function worksRoutes(app: App, s: Services) {
  app.get(
    '/api/works',
    {
      schema: {
        tags,
        summary:
          '成果列表（?orgId=&termId=&kind=&personId=&q=&projectId=）：教师看本人及合著，学校看全校，初审评审只看分配给自己的',
        querystring: worksQuery,
        response: { 200: listOf(workSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await s.works.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/works',
    {
      schema: {
        tags,
        summary: '登记成果（论文、教案、教学设计、案例、课件、课例、专著），作者有序',
        body: createWorkBody,
        response: { 200: workSchema },
      },
    },
    async (req) => s.works.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/works/import/template',
    { schema: { tags, summary: '历史获奖导入模板 (.xlsx)' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader('历史获奖导入模板.xlsx'))
        .send(await awardImportTemplate()),
  );
  app.post(
    '/api/works/import',
    {
      schema: {
        tags,
        summary:
          '导入历史获奖（?orgId= 学校）：每行一个奖项，同一作品合并，目录中没有的评比为本校新建；全部导入或全部不导入（400 时 details.rows 列出每行错误）',
        querystring: awardImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: awardImportResult },
      },
    },
    async (req) => {
      const data = await importSheet(req, s.database, s.uploads);
      return importAwards(s.database, ctxOf(req), req.query.orgId, data);
    },
  );
  app.get(
    '/api/publications/import/template',
    { schema: { tags, summary: '论文发表导入模板 (.xlsx)' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader('论文发表导入模板.xlsx'))
        .send(await publicationImportTemplate()),
  );
  app.post(
    '/api/publications/import',
    {
      schema: {
        tags,
        summary:
          '导入论文发表（?orgId= 学校）：每行一次发表，同一作品合并；全部导入或全部不导入（400 时 details.rows 列出每行错误）',
        querystring: publicationImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: publicationImportResult },
      },
    },
    async (req) => {
      const data = await importSheet(req, s.database, s.uploads);
      return importPublications(s.database, ctxOf(req), req.query.orgId, data);
    },
  );
  app.get(
    '/api/publications',
    {
      schema: {
        tags,
        summary: '论文发表一览（?orgId=&termId=&level=&personId=），按发表日期计入学期',
        querystring: publicationsQuery,
        response: { 200: listOf(publicationSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const { items, total } = await s.works.publications(ctxOf(req), filter, page, pageSize);
      return { items, total, page, pageSize };
    },
  );
  app.get(
    '/api/publications/export.xlsx',
    { schema: { tags, summary: '导出论文发表一览 (.xlsx)', querystring: publicationsQuery } },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...filter } = req.query;
      const { filename, data } = await s.works.exportPublications(ctxOf(req), filter);
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        disposition: attachmentHeader(filename),
        size: data.length,
        body: data,
      });
    },
  );
  app.get(
    '/api/works/:id',
    {
      schema: {
        tags,
        summary: '成果详情（含参评、初审、获奖、发表）',
        params: workParams,
        response: { 200: workSchema },
      },
    },
    async (req) => s.works.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/works/:id',
    {
      schema: {
        tags,
        summary: '修改成果（作者、字数、关联课题…）',
        params: workParams,
        body: updateWorkBody,
        response: { 200: workSchema },
      },
    },
    async (req) => s.works.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/works/:id',
    { schema: { tags, summary: '删除成果（连同参评与发表记录）', params: workParams, response: { 200: okSchema } } },
    async (req) => {
      const keys = await s.works.remove(ctxOf(req), req.params.id);
      await s.works.entries.removeStored(keys);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/works/:id/publications',
    {
      schema: {
        tags,
        summary: '登记发表（刊物、级别、期号、日期、页码）',
        params: workParams,
        body: createPublicationBody,
        response: { 200: publicationSchema },
      },
    },
    async (req) => s.works.addPublication(ctxOf(req), req.params.id, req.body),
  );
  app.patch(
    '/api/works/:id/publications/:publicationId',
    {
      schema: {
        tags,
        summary: '修改发表记录',
        params: publicationParams,
        body: updatePublicationBody,
        response: { 200: publicationSchema },
      },
    },
    async (req) => s.works.updatePublication(ctxOf(req), req.params.id, req.params.publicationId, req.body),
  );
  app.delete(
    '/api/works/:id/publications/:publicationId',
    { schema: { tags, summary: '删除发表记录', params: publicationParams, response: { 200: okSchema } } },
    async (req) => {
      await s.works.removePublication(ctxOf(req), req.params.id, req.params.publicationId);
      return { ok: true as const };
    },
  );
}
