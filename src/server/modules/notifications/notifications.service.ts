import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, nowIso } from '../../db/dialect.js';
import type { NotificationRow } from '../../db/types.js';
import { notFound, staleVersion } from '../../errors.js';
import { buildDigest, runDigests } from './digest.js';
import { NotificationRepo } from './notifications.repo.js';
import { type NotificationDto, notificationSchema, type SettingsBody } from './notifications.schema.js';
import { runReminders } from './reminders.js';

const WHAT = '通知';
const DEFAULT_HOUR = 8;

/** A stored message that does not read as one is dropped: the title as written still says it. */
const messageSchema = notificationSchema.shape.message;

function present(r: NotificationRow): NotificationDto {
  const message = messageSchema.safeParse(fromJson<unknown>(r.message, null));
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    message: message.success ? message.data : null,
    body: r.body,
    link: r.link,
    orgId: r.org_id,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

/** In-app notifications (通知): every person reads and marks only their own. */
export class NotificationService {
  constructor(private readonly database: Database) {}

  async list(ctx: Ctx, unread: boolean, page: number, pageSize: number) {
    const repo = new NotificationRepo(this.database.db);
    const { rows, total } = await repo.list(ctx.principal.personId, unread, page, pageSize);
    return {
      items: rows.map(present),
      total,
      page,
      pageSize,
      unread: await repo.unreadCount(ctx.principal.personId),
    };
  }

  async markRead(ctx: Ctx, id: string): Promise<NotificationDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const repo = new NotificationRepo(trx);
      const row = await repo.own(ctx.principal.personId, id);
      if (!row) throw notFound(WHAT);
      if (row.read_at) return present(row);
      const at = nowIso();
      await repo.markRead(ctx.principal.personId, [id], at);
      return present({ ...row, read_at: at });
    });
  }

  async markAllRead(ctx: Ctx) {
    const count = await new NotificationRepo(this.database.db).markRead(ctx.principal.personId, 'all', nowIso());
    return { ok: true as const, count };
  }

  async settings(ctx: Ctx) {
    const row = await new NotificationRepo(this.database.db).settings(ctx.principal.personId);
    return row
      ? { digest: row.digest === 1, digestHour: row.digest_hour, version: row.version }
      : { digest: false, digestHour: DEFAULT_HOUR, version: 0 };
  }

  async saveSettings(ctx: Ctx, body: SettingsBody) {
    await this.database.db.transaction().execute(async (trx) => {
      const repo = new NotificationRepo(trx);
      const current = await repo.settings(ctx.principal.personId);
      const version = current ? (body.version === undefined ? current.version : body.version) : null;
      if (current && version === 0) throw staleVersion();
      const ok = await repo.saveSettings(ctx.principal.personId, body.digest ? 1 : 0, body.digestHour, version);
      if (!ok) throw staleVersion();
    });
    return this.settings(ctx);
  }

  /** The caller's digest as it would be sent now. */
  async digestPreview(ctx: Ctx) {
    return { text: await buildDigest(this.database.db, ctx.principal.personId, new Date()) };
  }

  /** The hourly job: reminders (idempotent) and the digests due this hour. */
  async runJobs(now: Date = new Date()) {
    const reminders = await runReminders(this.database.db, now);
    const digests = await runDigests(this.database.db, now);
    return { reminders, digests };
  }
}
