import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, DOCX_MIME } from '../files/files.types.js';
import { idParam } from '../shared.schema.js';
import type { ExportedDocument } from './exports.service.js';

const asDownload = (d: ExportedDocument) => ({
  contentType: DOCX_MIME,
  disposition: attachmentHeader(d.filename),
  size: d.data.length,
  body: d.data,
});

export function exportRoutes(app: App, s: Services) {
  app.get(
    '/api/projects/:id/export/application.docx',
    { schema: { tags: ['exports'], summary: '导出申报书 (.docx)', params: idParam } },
    async (req, reply) => sendDownload(reply, asDownload(await s.exports.application(ctxOf(req), req.params.id))),
  );
  app.get(
    '/api/projects/:id/export/review-sheet.docx',
    { schema: { tags: ['exports'], summary: '导出匿名评审活页 (.docx)：不含姓名、学校和联系方式', params: idParam } },
    async (req, reply) => sendDownload(reply, asDownload(await s.exports.reviewSheet(ctxOf(req), req.params.id))),
  );
}
