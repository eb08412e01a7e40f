import type { Kysely } from 'kysely';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import type { NoticeMessage } from './notices.js';

/** One event to tell some people about (通知). */
export interface NotificationInput {
  /** Who receives it; duplicates and empty ids are dropped. */
  personIds: readonly (string | null | undefined)[];
  /** A stable event key, e.g. 'review_assigned', 'project_returned', 'report_returned', 'result'. */
  kind: string;
  title: string;
  /** What the title says, for the reader's language (`notice(…)` gives both). */
  message?: NoticeMessage;
  body?: string;
  /** A path inside the web app, e.g. `/projects/${id}`. */
  link?: string;
  orgId?: string;
}

/**
 * Writes one in-app notification per recipient. Call it with the transaction of the user action that
 * caused the event, so the notification exists exactly when the change does.
 */
export async function notify(trx: Kysely<DB>, n: NotificationInput): Promise<void> {
  const ids = [...new Set(n.personIds.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (ids.length === 0) return;
  const at = nowIso();
  await trx
    .insertInto('notifications')
    .values(
      ids.map((personId) => ({
        id: newId(),
        person_id: personId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        org_id: n.orgId ?? null,
        dedup_key: null,
        read_at: null,
        created_at: at,
        message: n.message ? toJson(n.message) : null,
      })),
    )
    .execute();
}

/**
 * A task a notification asked for is done: the person's unread notifications of that kind (and link, when
 * given) are marked read, so the bell counts what still waits for them. They stay in the list.
 */
export async function settleNotifications(
  trx: Kysely<DB>,
  personId: string,
  kind: string,
  link?: string,
): Promise<void> {
  let q = trx
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('read_at', 'is', null);
  if (link !== undefined) q = q.where('link', '=', link);
  await q.execute();
}
