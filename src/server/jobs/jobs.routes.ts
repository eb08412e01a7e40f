import { z } from 'zod';
import type { App } from '../app.js';
import { ctxOf } from '../auth/auth.plugin.js';
import { invalid } from '../errors.js';
import { attachmentHeader } from '../modules/files/files.types.js';
import { idParam } from '../modules/shared.schema.js';
import type { Services } from '../services.js';
import { createExportBody, jobSchema } from './jobs.schema.js';

const tags = ['jobs'];

/** 后台任务: long exports and imports, with progress; only their creator sees them. */
export function jobRoutes(app: App, s: Services) {
  app.post(
    '/api/jobs',
    {
      schema: {
        tags,
        summary: '把一个 .xlsx/.docx 导出放到后台生成（target 为导出地址，含查询参数）',
        body: createExportBody,
        response: { 200: jobSchema },
      },
    },
    async (req) => s.jobs.createExport(ctxOf(req), req.body),
  );
  app.post(
    '/api/jobs/import',
    {
      schema: {
        tags,
        summary:
          '在后台导入名册、历史课题、历史获奖、论文发表或指导学生获奖（multipart：file，?target=/api/people/import?orgId=…）',
        querystring: z.object({ target: z.string().min(5).max(500) }),
        consumes: ['multipart/form-data'],
        response: { 200: jobSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) throw invalid('请以 multipart/form-data 上传 file 字段');
      const file = await req.file();
      if (!file) throw invalid('请选择要导入的 .xlsx 文件');
      return s.jobs.createImport(ctx, req.query.target, file.filename, await file.toBuffer());
    },
  );
  app.get(
    '/api/jobs',
    {
      schema: {
        tags,
        summary: '我的后台任务（最近 50 个）',
        response: { 200: z.object({ items: z.array(jobSchema) }) },
      },
    },
    async (req) => ({ items: await s.jobs.list(ctxOf(req)) }),
  );
  app.get('/api/jobs/:id', { schema: { tags, params: idParam, response: { 200: jobSchema } } }, async (req) =>
    s.jobs.get(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/jobs/:id/download',
    { schema: { tags, summary: '下载已完成的导出文件', params: idParam } },
    async (req, reply) => {
      const file = await s.jobs.download(ctxOf(req), req.params.id);
      return reply
        .header('content-type', file.type)
        .header('content-disposition', attachmentHeader(file.name))
        .send(file.stream);
    },
  );
}
