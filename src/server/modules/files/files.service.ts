import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { forbidden, invalid, notFound, tooLarge } from '../../errors.js';
import { type FileStore, newStorageKey, type Uploads } from '../../storage/file-store.js';
import { type FileScanner, ScanUnavailable, type ScanVerdict } from '../../storage/scanner.js';
import { writeAudit } from '../audit/audit.repo.js';
import { requireReadableProject } from '../projects/projects.access.js';
import { ProjectRepo } from '../projects/projects.repo.js';
import { dossierReports } from '../reports/reports.documents.js';
import { indexDoc } from '../search/search.index.js';
import { dossierStream, planDossier } from './files.archive.js';
import { defaultArchiveStage, mayDeleteFile, mayUpload } from './files.policy.js';
import { presentFile } from './files.presenter.js';
import { FileRepo } from './files.repo.js';
import type { FileDto, FileFilter, UploadFields } from './files.schema.js';
import {
  attachmentHeader,
  extensionOf,
  type FileType,
  fileTypeOf,
  headMatches,
  isTextType,
  SNIFF_BYTES,
  sanitizeFileName,
  servedMime,
  Utf8Check,
} from './files.types.js';

/** An upload as the route hands it over: the client's name and the byte stream. */
export interface IncomingFile {
  filename: string;
  stream: Readable;
  /** True once the size limit cut the stream short. */
  truncated: () => boolean;
}

/** Bytes to send as an attachment. */
export interface Download {
  contentType: string;
  disposition: string;
  size?: number;
  body: Readable | Buffer;
}

export const ALLOWED_TEXT =
  '只接受文档（pdf、doc/docx、xls/xlsx、ppt/pptx、txt、wps）、图片（jpg、png、gif、webp）、音视频（mp3、m4a、wav、mp4、mov）和 zip 压缩包';

const asBuffer = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v)));

/** Reads the first `n` bytes of a stream and returns them with an iterator over the rest. */
async function peek(stream: Readable, n: number) {
  const rest: AsyncIterator<unknown> = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < n) {
    const r = await rest.next();
    if (r.done) break;
    const chunk = asBuffer(r.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  return { head: Buffer.concat(chunks), rest };
}

/** The first bytes of an upload, refused unless they carry a signature of the extension's type. */
export async function sniffedHead(file: IncomingFile, type: FileType, ext: string) {
  const { head, rest } = await peek(file.stream, SNIFF_BYTES);
  if (head.length > 0 && headMatches(type, head)) return { head, rest };
  if (file.truncated()) throw tooLarge('文件超过上传大小限制，未保存');
  if (head.length === 0) throw invalid('文件为空，未保存');
  throw invalid(`文件内容与扩展名 .${ext} 不符（可能是改了扩展名的其他文件），已拒绝上传`);
}

/**
 * Streams the head and the rest into the store, counting and hashing on the way; refuses (and
 * so leaves nothing stored) a stream cut short by the size limit or text that is not UTF-8.
 */
export async function storeChecked(
  store: FileStore,
  key: string,
  head: Buffer,
  rest: AsyncIterator<unknown>,
  opts: { text: boolean; truncated: () => boolean },
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const text = opts.text ? new Utf8Check() : null;
  let size = 0;
  async function* measured() {
    let chunk: Buffer | null = head;
    while (chunk) {
      hash.update(chunk);
      text?.update(chunk);
      size += chunk.length;
      yield chunk;
      const next = await rest.next();
      chunk = next.done ? null : asBuffer(next.value);
    }
    if (opts.truncated()) throw tooLarge('文件超过上传大小限制，未保存');
    if (text && !text.finish()) throw invalid('文本文件须为 UTF-8 编码且不含二进制内容，已拒绝上传');
  }
  await store.put(key, Readable.from(measured(), { objectMode: false }));
  return { size, sha256: hash.digest('hex') };
}

/** Who is uploading and where: the audit entry of a file refused by the virus scan names them. */
export interface Uploader {
  db: Kysely<DB>;
  ctx: Ctx;
  orgId: string | null;
}

/**
 * Checks an incoming file (name, extension, sniffed bytes, size), writes it under a new
 * server-chosen key and has the deployment's scanner read it back; every upload surface (archive
 * bag, attachments, certificates) goes through here. A refused file leaves nothing stored.
 */
export async function storeUpload(uploads: Uploads, file: IncomingFile, who: Uploader) {
  const name = sanitizeFileName(file.filename);
  const ext = extensionOf(name);
  const type = fileTypeOf(ext);
  if (!name || !type) throw invalid(`不支持的文件类型${ext ? `（.${ext}）` : ''}：${ALLOWED_TEXT}`);
  const { head, rest } = await sniffedHead(file, type, ext);
  const key = newStorageKey();
  const { size, sha256 } = await storeChecked(uploads.store, key, head, rest, {
    text: isTextType(type),
    truncated: file.truncated,
  });
  await scanStored(uploads, key, { name, size, sha256 }, who);
  return { name, key, mime: type.mime, size, sha256 };
}

/** The scanner's verdict on a stored upload: a finding or no verdict removes it and refuses the upload. */
function scanStored(uploads: Uploads, key: string, file: ScannedFile, who: Uploader) {
  return scanOrRefuse(uploads.scanner, () => uploads.store.get(key), file, who, {
    refused: '文件未保存',
    discard: () => uploads.store.remove(key),
  });
}

/**
 * Scans a file that is read, not kept (an import sheet): the same verdicts, messages and audit entry as an
 * upload, so an infected roster is refused before a row of it is parsed.
 */
export async function scanIncoming(uploads: Uploads, data: Buffer, fileName: string, who: Uploader) {
  if (!uploads.scanner.active) return;
  const file = {
    name: sanitizeFileName(fileName) || '（未命名）',
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
  await scanOrRefuse(uploads.scanner, () => Readable.from([data]), file, who, {
    refused: '未导入任何数据',
    discard: async () => {},
  });
}

type ScannedFile = { name: string; size: number; sha256: string };

async function scanOrRefuse(
  scanner: FileScanner,
  open: () => Readable,
  file: ScannedFile,
  who: Uploader,
  { refused, discard }: { refused: string; discard: () => Promise<void> },
) {
  if (!scanner.active) return;
  let verdict: ScanVerdict;
  try {
    verdict = await scanner.scan(open());
  } catch (err) {
    await discard();
    if (!(err instanceof ScanUnavailable)) throw err;
    console.warn(`[yanxiu] 病毒扫描未能完成，上传已拒绝：${err.message}`);
    throw invalid(`病毒扫描服务暂不可用，${refused}。请稍后重试；如一直如此，请联系系统管理员检查扫描服务`, {
      reason: 'scan_unavailable',
    });
  }
  if (verdict.clean) return;
  await discard();
  // Nothing is kept but the fact: who tried to upload what, and what the scanner found.
  await writeAudit(who.db, {
    actorId: who.ctx.principal.personId,
    action: 'upload.infected',
    entity: 'upload',
    entityId: newId(),
    orgId: who.orgId,
    after: { original_name: file.name, size: file.size, sha256: file.sha256, threat: verdict.threat },
    ip: who.ctx.ip,
  });
  throw invalid(`未通过病毒扫描（检出：${verdict.threat}），${refused}`, {
    reason: 'infected',
    threat: verdict.threat,
  });
}

/** Records a stored file; when the record cannot be written the stored bytes are removed again. */
export async function recordOrRemove(store: FileStore, key: string, record: () => Promise<void>) {
  try {
    await record();
  } catch (err) {
    await store.remove(key);
    throw err;
  }
}

/** The archive bag (档案袋): upload with type checks, list, download, delete, and the dossier zip. */
export class FileService {
  readonly store: FileStore;

  constructor(
    private readonly database: Database,
    readonly uploads: Uploads,
  ) {
    this.store = uploads.store;
  }

  private repo(db: Kysely<DB> = this.database.db) {
    return new FileRepo(db, this.database.kind);
  }

  async list(ctx: Ctx, projectId: string, f: FileFilter) {
    const project = await requireReadableProject(this.database.db, ctx.principal, projectId);
    const rows = await this.repo().list(projectId, f);
    return {
      items: rows.map((r) => presentFile(r, ctx.principal, project.facts)),
      total: rows.length,
      abilities: { upload: mayUpload(ctx.principal, project.facts) },
    };
  }

  /** Checks who, the name and the bytes, stores the file, then records it with its audit entry. */
  async upload(ctx: Ctx, projectId: string, fields: UploadFields, file: IncomingFile): Promise<FileDto> {
    const project = await requireReadableProject(this.database.db, ctx.principal, projectId);
    if (!mayUpload(ctx.principal, project.facts)) {
      throw forbidden(
        '只有课题主持人、成员或学校教科室主任可以上传资料，且课题已结束（结题、撤项、未立项）时不能再上传',
      );
    }
    const { name, key, mime, size, sha256 } = await storeUpload(this.uploads, file, {
      db: this.database.db,
      ctx,
      orgId: project.org_id,
    });

    const row = {
      id: newId(),
      project_id: projectId,
      category: fields.category,
      stage: fields.stage ?? defaultArchiveStage(fields.category, project.stage),
      original_name: name,
      storage_key: key,
      mime,
      size,
      sha256,
      uploaded_by: ctx.principal.personId,
      created_at: nowIso(),
    };
    await recordOrRemove(this.store, key, () =>
      this.database.db.transaction().execute(async (trx) => {
        await this.repo(trx).insert(row);
        const { storage_key: _key, ...after } = row;
        await writeAudit(trx, {
          actorId: ctx.principal.personId,
          action: 'file.upload',
          entity: 'project_file',
          entityId: row.id,
          orgId: project.org_id,
          after,
          ip: ctx.ip,
        });
        await indexDoc(trx, 'file', row.id);
      }),
    );
    const saved = await this.repo().byId(projectId, row.id);
    if (!saved) throw notFound('文件');
    return presentFile(saved, ctx.principal, project.facts);
  }

  async download(ctx: Ctx, projectId: string, fileId: string): Promise<Download> {
    await requireReadableProject(this.database.db, ctx.principal, projectId);
    const row = await this.repo().byId(projectId, fileId);
    if (!row || !(await this.store.exists(row.storage_key))) throw notFound('文件');
    return {
      contentType: servedMime(row.mime),
      disposition: attachmentHeader(row.original_name),
      size: Number(row.size),
      body: this.store.get(row.storage_key),
    };
  }

  /** Deletes the record with its audit entry, then the stored bytes. */
  async remove(ctx: Ctx, projectId: string, fileId: string): Promise<void> {
    const project = await requireReadableProject(this.database.db, ctx.principal, projectId);
    const row = await this.repo().byId(projectId, fileId);
    if (!row) throw notFound('文件');
    if (!mayDeleteFile(ctx.principal, project.facts, row.uploaded_by)) {
      throw forbidden('只有上传者（课题进行中）或学校教科室主任可以删除该文件');
    }
    await this.database.db.transaction().execute(async (trx) => {
      await this.repo(trx).delete(row.id);
      const { storage_key: _key, uploader_name: _name, ...before } = row;
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'file.delete',
        entity: 'project_file',
        entityId: row.id,
        orgId: project.org_id,
        before,
        ip: ctx.ip,
      });
      await indexDoc(trx, 'file', row.id);
    });
    // The record is gone; bytes that cannot be removed now are an orphan, not a failed request.
    await this.store.remove(row.storage_key).catch(() => undefined);
  }

  /** The whole archive bag as one zip with a table of contents, streamed (never held in memory). */
  async dossier(ctx: Ctx, projectId: string): Promise<Download> {
    await requireReadableProject(this.database.db, ctx.principal, projectId);
    const repo = this.repo();
    const header = await new ProjectRepo(this.database.db).documentHeader(projectId);
    if (!header) throw notFound('课题');
    const rows = await repo.list(projectId);
    const present = await Promise.all(rows.map((r) => this.store.exists(r.storage_key)));
    // The reports written here go in too, in Word: the dossier is what the project did, not only what was uploaded.
    const written = await dossierReports(this.database.db, header, projectId);
    const entries = planDossier(
      rows.map((r, i) => ({ ...r, missing: !present[i] })),
      written,
    );
    return {
      contentType: 'application/zip',
      disposition: attachmentHeader(`课题档案-${header.title}.zip`),
      body: await dossierStream(this.store, header, entries),
    };
  }
}
