import type { Kysely } from 'kysely';
import { today } from '../../calendar.js';
import type { DB, NotificationRow } from '../../db/types.js';
import { notice } from './notices.js';
import { NotificationRepo } from './notifications.repo.js';

/** Headings of the digest's sections, per notification kind (others fall under 其他). */
const SECTIONS: readonly { kinds: readonly string[]; heading: string }[] = [
  { kinds: ['overdue'], heading: '已逾期' },
  { kinds: ['due_soon'], heading: '即将到期' },
  { kinds: ['project_returned', 'report_returned'], heading: '被退回' },
  { kinds: ['review_assigned'], heading: '评审任务' },
  { kinds: ['result'], heading: '结果' },
];

/**
 * The text of one person's daily digest (每日摘要) for `day`: the notifications of the past day grouped
 * by kind, and how many are still unread. Null when there is nothing to say.
 */
export function digestText(day: string, items: readonly NotificationRow[], unread: number): string | null {
  if (items.length === 0 && unread === 0) return null;
  const lines = [`研修每日摘要 ${day}`, `新通知 ${items.length} 条，未读共 ${unread} 条。`];
  const known = new Set(SECTIONS.flatMap((s) => s.kinds));
  const sections = [
    ...SECTIONS,
    { kinds: [...new Set(items.map((i) => i.kind))].filter((k) => !known.has(k)), heading: '其他' },
  ];
  for (const s of sections) {
    const mine = items.filter((i) => s.kinds.includes(i.kind));
    if (mine.length === 0) continue;
    lines.push('', `【${s.heading}】`);
    for (const i of mine) lines.push(`· ${i.title}${i.body ? `：${i.body}` : ''}`);
  }
  return lines.join('\n');
}

/** The digest of the 24 hours before `until` for one person (null when empty). */
export async function buildDigest(db: Kysely<DB>, personId: string, until: Date): Promise<string | null> {
  const repo = new NotificationRepo(db);
  const from = new Date(until.getTime() - 86_400_000).toISOString();
  const items = await repo.between(personId, from, until.toISOString());
  return digestText(today(until), items, await repo.unreadCount(personId));
}

/** The hour of day (0–23) in the deployment's time zone (UTC+8, as calendar.ts). */
export const localHour = (now: Date) => (now.getUTCHours() + 8) % 24;

/**
 * Sends the daily digests due at this hour, as an in-app notification of kind 'digest' (once per person
 * and day). Returns how many were written.
 */
export async function runDigests(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const repo = new NotificationRepo(db);
  const day = today(now);
  let sent = 0;
  for (const personId of await repo.digestRecipients(localHour(now))) {
    const text = await buildDigest(db, personId, now);
    if (text === null) continue;
    sent += await repo.insertOnce([
      {
        personId,
        kind: 'digest',
        ...notice('digest', { day }),
        body: text,
        link: '/notifications',
        orgId: null,
        dedupKey: `digest:${day}`,
      },
    ]);
  }
  return sent;
}
