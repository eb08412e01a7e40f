import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, DOCX_MIME } from '../files/files.types.js';
import { saveSummaryBody, summaryQuery, summarySchema } from './summary.schema.js';

const tags = ['reports'];

/** The semester summary (学期教科研工作总结): the editable draft and its Word document. */
export function summaryRoutes(app: App, s: Services) {
  app.get(
    '/api/reports/semester-summary',
    {
      schema: {
        tags,
        summary: '学期教科研工作总结草稿（?orgId=&termId=）：已保存的草稿，或由统计数据即时生成',
        querystring: summaryQuery,
        response: { 200: summarySchema },
      },
    },
    async (req) => s.summary.get(ctxOf(req), req.query),
  );
  app.put(
    '/api/reports/semester-summary',
    {
      schema: {
        tags,
        summary: '保存总结草稿；regenerate 按最新数据重写（保留已修改的部分，overwrite 时全部重写）',
        querystring: summaryQuery,
        body: saveSummaryBody,
        response: { 200: summarySchema },
      },
    },
    async (req) => s.summary.save(ctxOf(req), req.query, req.body),
  );
  app.get(
    '/api/reports/semester-summary.docx',
    {
      schema: {
        tags,
        summary: '导出学期教科研工作总结 (.docx)：有草稿用草稿，否则即时生成',
        querystring: summaryQuery,
      },
    },
    async (req, reply) => {
      const d = await s.summary.docx(ctxOf(req), req.query);
      return sendDownload(reply, {
        contentType: DOCX_MIME,
        disposition: attachmentHeader(d.filename),
        size: d.data.length,
        body: d.data,
      });
    },
  );
}
