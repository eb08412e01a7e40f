import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AuthService } from '../auth/auth.service.js';
import type { Database } from '../db/database.js';
import { nowIso, toJson } from '../db/dialect.js';
import type { JobRow } from '../db/types.js';
import { SCANNED_SHEET_HEADER, SCANNED_SHEET_MARK } from '../modules/files/import-sheet.js';
import type { FileStore } from '../storage/file-store.js';
import { newStorageKey } from '../storage/file-store.js';
import { JobRepo } from './jobs.repo.js';

/** A job whose process has not said it is alive for this long is taken over by another process. */
const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const MAX_ATTEMPTS = 3;

/** Runs one request against the app in-process (Fastify's inject). */
export type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/** The file name from a Content-Disposition header (the RFC 5987 UTF-8 form first). */
function fileNameOf(header: string | undefined): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(header ?? '');
  return plain?.[1] ?? 'download';
}

/** A multipart body with the stored upload as its `file` field. */
function multipart(name: string, data: Buffer) {
  const boundary = `----yanxiujob${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}

/**
 * The job runner of one app process. Every process runs one; a job is claimed by compare-and-set on
 * its version, so across processes each job runs once, and a job whose process died is taken over.
 */
export class JobRunner {
  readonly processId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly database: Database,
    private readonly store: FileStore,
    private readonly auth: AuthService,
    private readonly inject: Inject,
  ) {}

  /** Polls the queue until `stop()`. */
  start(intervalMs = 1000) {
    this.timer ??= setInterval(() => void this.runOnce().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Claims and runs the jobs waiting now; returns how many this process ran. */
  async runOnce(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let ran = 0;
    try {
      const repo = new JobRepo(this.database.db);
      const stale = new Date(Date.now() - STALE_MS).toISOString();
      // Batches until the queue is empty; a job another process claimed first is simply skipped.
      for (let batch = await repo.claimable(stale, 5); batch.length > 0; batch = await repo.claimable(stale, 5)) {
        let claimed = 0;
        for (const c of batch) {
          if (!(await repo.claim(c.id, c.version, this.processId, nowIso()))) continue;
          claimed++;
          const job = await repo.byId(c.id);
          if (!job) continue;
          ran++;
          if (job.attempts > MAX_ATTEMPTS) await this.finish(job, { status: 'error', message: '多次尝试后仍未完成' });
          else await this.run(job);
        }
        if (claimed === 0) await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      this.busy = false;
    }
    return ran;
  }

  private async run(job: JobRow) {
    const repo = new JobRepo(this.database.db);
    const beat = setInterval(() => void repo.update(job.id, this.processId, { heartbeat_at: nowIso() }), HEARTBEAT_MS);
    const credential = await this.auth.issueJobToken(job.created_by, job.id);
    try {
      await repo.update(job.id, this.processId, {
        progress: 20,
        message: job.kind === 'import' ? '正在校验并导入' : '正在生成文件',
      });
      const headers = { authorization: `Bearer ${credential.token}` };
      if (job.kind === 'export') {
        const res = await this.inject({ method: 'GET', url: job.target, headers });
        if (res.statusCode !== 200) return await this.failWith(job, res);
        await repo.update(job.id, this.processId, { progress: 90, message: '正在保存文件' });
        const key = newStorageKey();
        await this.store.put(key, res.rawPayload);
        const type = String(res.headers['content-type'] ?? 'application/octet-stream');
        await this.finish(job, {
          status: 'done',
          message: '已完成',
          result_key: key,
          result_name: fileNameOf(String(res.headers['content-disposition'] ?? '')),
          result_type: type,
        });
      } else {
        if (!job.input_key) return await this.finish(job, { status: 'error', message: '上传的文件已丢失' });
        const data = await readAll(this.store.get(job.input_key));
        const body = multipart(job.input_name ?? 'upload.xlsx', data);
        const res = await this.inject({
          method: 'POST',
          url: job.target,
          headers: { ...headers, 'content-type': body.contentType, [SCANNED_SHEET_HEADER]: SCANNED_SHEET_MARK },
          payload: body.payload,
        });
        if (res.statusCode !== 200) return await this.failWith(job, res);
        await this.finish(job, { status: 'done', message: '已完成', result_json: res.body });
        await this.store.remove(job.input_key);
      }
    } catch (err) {
      await this.finish(job, {
        status: 'error',
        message: `处理失败：${err instanceof Error ? err.message : String(err)}`,
      });
    } finally {
      clearInterval(beat);
      await credential.drop();
    }
  }

  /** The route's own refusal (its zh-CN message and details, e.g. the rows in error) becomes the job's. */
  private async failWith(job: JobRow, res: LightMyRequestResponse) {
    let message = `处理失败（${res.statusCode}）`;
    try {
      const parsed = JSON.parse(res.body) as { error?: { message?: string } };
      message = parsed.error?.message ?? message;
    } catch {
      // not JSON: keep the status
    }
    await this.finish(job, { status: 'error', message, result_json: res.body || toJson(null) });
  }

  private async finish(job: JobRow, set: Partial<JobRow>) {
    await new JobRepo(this.database.db).update(job.id, this.processId, {
      ...set,
      progress: set.status === 'done' ? 100 : job.progress,
      finished_at: nowIso(),
    });
  }
}
