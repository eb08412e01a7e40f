import type { Kysely } from 'kysely';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, NotificationRow } from '../../db/types.js';
import type { NoticeMessage } from './notices.js';

/** Reminder rows written by one statement (11 values each, well under either database's limit). */
const REMINDERS_PER_STATEMENT = 100;

/** A reminder to write at most once per person and key. */
export interface OnceNotification {
  personId: string;
  kind: string;
  title: string;
  message: NoticeMessage;
  body: string;
  link: string | null;
  orgId: string | null;
  dedupKey: string;
}

/** In-app notifications (通知) and each person's digest settings. */
export class NotificationRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async list(personId: string, unread: boolean, page: number, pageSize: number) {
    let q = this.db.selectFrom('notifications').where('person_id', '=', personId);
    if (unread) q = q.where('read_at', 'is', null);
    const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total: Number(total?.n ?? 0) };
  }

  async unreadCount(personId: string): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .where('person_id', '=', personId)
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  own(personId: string, id: string): Promise<NotificationRow | undefined> {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }

  async markRead(personId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    let q = this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('person_id', '=', personId)
      .where('read_at', 'is', null);
    if (ids !== 'all') {
      if (ids.length === 0) return 0;
      q = q.where('id', 'in', ids);
    }
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /**
   * Writes the reminders not written before (same person and key); returns how many are new. A hundred
   * rows a statement: the hourly job re-offers every open reminder of a city (4,965 on the generated city,
   * one statement each took 1.5 s at every start of every process).
   */
  async insertOnce(items: readonly OnceNotification[]): Promise<number> {
    let created = 0;
    const at = nowIso();
    for (let i = 0; i < items.length; i += REMINDERS_PER_STATEMENT) {
      const r = await this.db
        .insertInto('notifications')
        .values(
          items.slice(i, i + REMINDERS_PER_STATEMENT).map((n) => ({
            id: newId(),
            person_id: n.personId,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            org_id: n.orgId,
            dedup_key: n.dedupKey,
            read_at: null,
            created_at: at,
            message: toJson(n.message),
          })),
        )
        .onConflict((oc) => oc.columns(['person_id', 'dedup_key']).doNothing())
        .executeTakeFirst();
      created += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return created;
  }

  settings(personId: string) {
    return this.db.selectFrom('notification_settings').selectAll().where('person_id', '=', personId).executeTakeFirst();
  }

  async saveSettings(personId: string, digest: number, digestHour: number, version: number | null) {
    const at = nowIso();
    if (version === null) {
      const r = await this.db
        .insertInto('notification_settings')
        .values({ person_id: personId, digest, digest_hour: digestHour, version: 1, updated_at: at })
        .onConflict((oc) => oc.column('person_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const r = await this.db
      .updateTable('notification_settings')
      .set({ digest, digest_hour: digestHour, version: version + 1, updated_at: at })
      .where('person_id', '=', personId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** People whose daily digest is due at this hour. */
  async digestRecipients(hour: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('notification_settings')
      .select('person_id')
      .where('digest', '=', 1)
      .where('digest_hour', '=', hour)
      .execute();
    return rows.map((r) => r.person_id);
  }

  /** A person's notifications created in [from, to), digests left out, oldest first. */
  between(personId: string, from: string, to: string) {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('person_id', '=', personId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .where('kind', '!=', 'digest')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
