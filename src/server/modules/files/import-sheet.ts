import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../errors.js';
import type { Uploads } from '../../storage/file-store.js';
import { scanIncoming } from './files.service.js';

/**
 * A queued import's sheet was scanned when it was queued (`JobService.createImport`); the job runner hands it back
 * to the import route in this process with this header, whose value is this process's secret, so it is not
 * scanned twice. A client cannot send it: the value never leaves the process.
 */
export const SCANNED_SHEET_HEADER = 'x-yanxiu-sheet-scanned';
export const SCANNED_SHEET_MARK = randomBytes(24).toString('hex');

function markedScanned(req: FastifyRequest): boolean {
  const sent = req.headers[SCANNED_SHEET_HEADER];
  if (typeof sent !== 'string' || sent.length !== SCANNED_SHEET_MARK.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(SCANNED_SHEET_MARK));
}

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
  if (markedScanned(req)) return data;
  await scanIncoming(uploads, data, file.filename, { db: database.db, ctx, orgId: ctx.principal.orgId });
  return data;
}
