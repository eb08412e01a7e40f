import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import { invalid } from '../../errors.js';
import type { Services } from '../../services.js';
import { discard, sendDownload } from '../files/files.routes.js';
import { idParam, okSchema } from '../shared.schema.js';
import { type AttachmentEntity, attachmentList, attachmentParams, attachmentSchema } from './attachments.schema.js';
import { AttachmentService } from './attachments.service.js';

const BASES: Record<AttachmentEntity, { path: string; what: string }> = {
  activity: { path: '/api/activities/:id/files', what: '教研活动' },
  growth: { path: '/api/growth/:id/files', what: '成长记录' },
};

/** Photos and files on activities and growth records, stored in the app's file store. */
export function attachmentRoutes(app: App, s: Services) {
  const service = new AttachmentService(s.database, s.files.uploads);
  for (const entity of ['activity', 'growth'] as const) {
    const { path, what } = BASES[entity];
    app.get(
      path,
      {
        schema: {
          tags: ['attachments'],
          summary: `${what}附件列表`,
          params: idParam,
          response: { 200: attachmentList },
        },
      },
      async (req) => service.list(ctxOf(req), entity, req.params.id),
    );
    app.post(
      path,
      {
        schema: {
          tags: ['attachments'],
          summary: `上传${what}附件（照片、文件）：multipart 字段 file`,
          params: idParam,
          consumes: ['multipart/form-data'],
          response: { 200: attachmentSchema },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        if (!req.isMultipart()) throw invalid('请以 multipart/form-data 上传 file 字段');
        const file = await req.file();
        if (!file) throw invalid('请选择要上传的文件');
        try {
          return await service.upload(ctx, entity, req.params.id, {
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
      `${path}/:fileId`,
      { schema: { tags: ['attachments'], summary: `下载${what}附件（总是作为附件）`, params: attachmentParams } },
      async (req, reply) =>
        sendDownload(reply, await service.download(ctxOf(req), entity, req.params.id, req.params.fileId)),
    );
    app.delete(
      `${path}/:fileId`,
      {
        schema: {
          tags: ['attachments'],
          summary: `删除${what}附件`,
          params: attachmentParams,
          response: { 200: okSchema },
        },
      },
      async (req) => {
        await service.remove(ctxOf(req), entity, req.params.id, req.params.fileId);
        return { ok: true as const };
      },
    );
  }
}
