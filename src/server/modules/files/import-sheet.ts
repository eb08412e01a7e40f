import type { FastifyRequest } from 'fastify';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../errors.js';
import type { Uploads } from '../../storage/file-store.js';
import { scanIncoming } from './files.service.js';

/**
 * The sheet of an import request (multipart field `file`): read whole, parsed and not kept, and scanned first
 * like every upload. The audit entry of a refused sheet goes to the uploader's own org, whatever org it names.
 */
export async function importSheet(req: FastifyRequest, database: Database, uploads: Uploads): Promise<Buffer> {
  if (!req.isMultipart()) throw invalid('请以 multipart/form-data 上传 file 字段');
  const file = await req.file();
  if (!file) throw invalid('请选择要导入的 .xlsx 文件');
  const data = await file.toBuffer();
  const ctx = ctxOf(req);
  await scanIncoming(uploads, data, file.filename, { db: database.db, ctx, orgId: ctx.principal.orgId });
  return data;
}
