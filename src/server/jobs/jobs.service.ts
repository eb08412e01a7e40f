import type { Readable } from 'node:stream';
import type { Ctx } from '../access/principal.js';
import type { Database } from '../db/database.js';
import { newId, nowIso } from '../db/dialect.js';
import type { JobRow } from '../db/types.js';
import { invalid, notFound } from '../errors.js';
import { writeAudit } from '../modules/audit/audit.repo.js';
import { scanIncoming } from '../modules/files/files.service.js';
import { type FileStore, newStorageKey, type Uploads } from '../storage/file-store.js';
import { presentJob } from './jobs.presenter.js';
import { JobRepo } from './jobs.repo.js';
import { type CreateExport, IMPORT_LABELS, type JobDto } from './jobs.schema.js';

const WHAT = '后台任务';

/** A route as registered, to check that an export target is a real file route of this API. */
export interface RouteEntry {
  method: string;
  url: string;
}

/** Turns a route pattern (`/api/projects/:id/export/application.docx`) into a matcher of concrete paths. */
function patternOf(url: string): RegExp {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * Background jobs (后台任务): long exports and imports are queued here and run by any app process
 * (see runner.ts) on behalf of their creator, who alone sees and downloads them. What a job may do is
 * exactly what its creator may do: the runner calls the same API route with the creator's identity.
 */
export class JobService {
  private routes: readonly RouteEntry[] = [];
  constructor(
    private readonly database: Database,
    private readonly uploads: Uploads,
  ) {}

  private get store(): FileStore {
    return this.uploads.store;
  }

  /**
   * Whether this process runs the hourly jobs of this clock hour: one process an hour, however many share the
   * database and however often they restart (the search catch-up alone scans every record: 4.4 s of PostgreSQL
   * on a city). The first caller in an hour wins.
   */
  takeHourlyTurn(now: Date = new Date()): Promise<boolean> {
    const hour = now.toISOString().slice(0, 13);
    return new JobRepo(this.database.db).takeTurn('jobs.hourly.hour', hour);
  }

  /** Gives back a turn whose run failed, so that the next process to ask (within five minutes) runs it again. */
  releaseHourlyTurn(now: Date): Promise<void> {
    return new JobRepo(this.database.db).releaseTurn('jobs.hourly.hour', now.toISOString().slice(0, 13));
  }

  /** The app's route table (filled as routes register), to validate export targets. */
  setRouteTable(routes: readonly RouteEntry[]) {
    this.routes = routes;
  }

  private checkExportTarget(target: string): string {
    const url = new URL(target, 'http://local');
    if (url.pathname.includes('..') || url.pathname.includes('//')) throw invalid('导出地址不正确');
    const fileRoute = this.routes.find(
      (r) => r.method === 'GET' && /\.(xlsx|docx)$/.test(r.url) && patternOf(r.url).test(url.pathname),
    );
    if (!fileRoute) throw invalid('只能把本系统的 .xlsx / .docx 导出放到后台任务中');
    return `${url.pathname}${url.search}`;
  }

  async createExport(ctx: Ctx, body: CreateExport): Promise<JobDto> {
    const target = this.checkExportTarget(body.target);
    const label = body.label ?? `导出 ${decodeURIComponent(target.split('?')[0]?.split('/').pop() ?? '')}`;
    return this.enqueue(ctx, { kind: 'export', target, label, input_key: null, input_name: null });
  }

  async createImport(ctx: Ctx, target: string, fileName: string, data: Buffer): Promise<JobDto> {
    const url = new URL(target, 'http://local');
    const what = IMPORT_LABELS[url.pathname];
    if (!what) throw invalid('只能把名册、历史课题、历史获奖、论文发表或指导学生获奖的导入放到后台任务中');
    if (data.length === 0) throw invalid('上传的文件是空的');
    // Scanned when queued, so that an infected sheet is refused at once and never waits in the store.
    await scanIncoming(this.uploads, data, fileName, { db: this.database.db, ctx, orgId: ctx.principal.orgId });
    const key = newStorageKey();
    await this.store.put(key, data);
    try {
      const label = `${what} ${fileName}`;
      return await this.enqueue(ctx, {
        kind: 'import',
        target: `${url.pathname}${url.search}`,
        label,
        input_key: key,
        input_name: fileName,
      });
    } catch (err) {
      await this.store.remove(key);
      throw err;
    }
  }

  private async enqueue(
    ctx: Ctx,
    j: Pick<JobRow, 'kind' | 'target' | 'label' | 'input_key' | 'input_name'>,
  ): Promise<JobDto> {
    const now = nowIso();
    const row: JobRow = {
      ...j,
      id: newId(),
      status: 'queued',
      progress: 0,
      message: '排队中',
      result_key: null,
      result_name: null,
      result_type: null,
      result_json: null,
      attempts: 0,
      locked_by: null,
      heartbeat_at: null,
      created_by: ctx.principal.personId,
      created_at: now,
      started_at: null,
      finished_at: null,
      version: 1,
    };
    await this.database.db.transaction().execute(async (trx) => {
      await new JobRepo(trx).insert(row);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'job.create',
        entity: 'job',
        entityId: row.id,
        orgId: ctx.principal.orgId,
        after: { kind: row.kind, target: row.target },
        ip: ctx.ip,
      });
    });
    return presentJob(row);
  }

  async list(ctx: Ctx): Promise<JobDto[]> {
    const rows = await new JobRepo(this.database.db).ofPerson(ctx.principal.personId, 50);
    return rows.map(presentJob);
  }

  /** One's own job; anyone else's answers not_found. */
  async get(ctx: Ctx, id: string): Promise<JobDto> {
    return presentJob(await this.own(ctx, id));
  }

  private async own(ctx: Ctx, id: string): Promise<JobRow> {
    const row = await new JobRepo(this.database.db).byId(id);
    if (!row || row.created_by !== ctx.principal.personId) throw notFound(WHAT);
    return row;
  }

  /** The finished export's file. */
  async download(ctx: Ctx, id: string): Promise<{ stream: Readable; name: string; type: string }> {
    const row = await this.own(ctx, id);
    if (row.status !== 'done' || !row.result_key || !(await this.store.exists(row.result_key)))
      throw notFound('任务结果');
    return {
      stream: this.store.get(row.result_key),
      name: row.result_name ?? 'download',
      type: row.result_type ?? 'application/octet-stream',
    };
  }
}
