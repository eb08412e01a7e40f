import type { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import { invalid } from '../../errors.js';
import type { Services } from '../../services.js';
import { idParam, okSchema } from '../shared.schema.js';
import { fileList, fileListQuery, fileParams, fileSchema, uploadFields } from './files.schema.js';
import type { Download } from './files.service.js';

/** The text value of a multipart field that came before the file part. */
function fieldValue(file: MultipartFile, name: string): string | undefined {
  const field = file.fields[name];
  if (!field || Array.isArray(field) || field.type !== 'field') return undefined;
  return String(field.value);
}

/**
 * Reads what is left of a refused upload and throws it away, so the client gets the answer
 * and the connection stays usable (an unread request body would stall it).
 */
export async function discard(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return;
  try {
    for await (const _chunk of stream);
  } catch {
    // The upload is refused already; a broken remainder changes nothing.
  }
}

/** Sends a download as an attachment that no browser renders in place. */
export function sendDownload(reply: FastifyReply, d: Download) {
  reply
    .header('content-type', d.contentType)
    .header('content-disposition', d.disposition)
    .header('x-content-type-options', 'nosniff');
  if (d.size !== undefined) reply.header('content-length', d.size);
  return reply.send(d.body);
}

export function fileRoutes(app: App, s: Services) {
  app.get(
    '/api/projects/:id/files',
    {
      schema: {
        tags: ['files'],
        summary: '课题档案袋：文件列表（?category=&stage=&q=）',
        params: idParam,
        querystring: fileListQuery,
        response: { 200: fileList },
      },
    },
    async (req) => s.files.list(ctxOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/projects/:id/files',
    {
      schema: {
        tags: ['files'],
        summary: '上传档案文件：multipart 字段 category、stage?（须在 file 之前），再是 file',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 200: fileSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) throw invalid('请以 multipart/form-data 上传 file 字段');
      const file = await req.file();
      if (!file) throw invalid('请选择要上传的文件');
      const fields = uploadFields.safeParse({
        category: fieldValue(file, 'category'),
        stage: fieldValue(file, 'stage'),
      });
      try {
        if (!fields.success) {
          throw invalid('请填写正确的资料类别 category（及可选的阶段 stage），并放在 file 字段之前', {
            fields: fields.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
          });
        }
        return await s.files.upload(ctx, req.params.id, fields.data, {
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
    '/api/projects/:id/files/:fileId',
    { schema: { tags: ['files'], summary: '下载档案文件（总是作为附件）', params: fileParams } },
    async (req, reply) => sendDownload(reply, await s.files.download(ctxOf(req), req.params.id, req.params.fileId)),
  );
  app.delete(
    '/api/projects/:id/files/:fileId',
    {
      schema: {
        tags: ['files'],
        summary: '删除档案文件（上传者或教科室主任）',
        params: fileParams,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await s.files.remove(ctxOf(req), req.params.id, req.params.fileId);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/projects/:id/export/archive.zip',
    {
      schema: {
        tags: ['files'],
        summary: '导出课题档案 zip（按阶段、类别分目录，附 index.html 与 目录.xlsx）',
        params: idParam,
      },
    },
    async (req, reply) => sendDownload(reply, await s.files.dossier(ctxOf(req), req.params.id)),
  );
}
