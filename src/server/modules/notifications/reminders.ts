import type { Kysely } from 'kysely';
import { bookTitle } from '../../book-title.js';
import { addDays, today } from '../../calendar.js';
import type { DB } from '../../db/types.js';
import { monthlyReportDue } from '../plans/months.js';
import { ReportRepo } from '../reports/reports.repo.js';
import { monthEnd, previousMonth } from '../reports/reports.service.js';
import { noticeWithBody } from './notices.js';
import { NotificationRepo, type OnceNotification } from './notifications.repo.js';

/** How many days before a deadline "due soon" (即将到期) is sent. */
export const DUE_SOON_DAYS = 5;
/** Competition deadlines passed longer ago than this are not reminded of any more. */
const OVERDUE_LOOKBACK_DAYS = 30;
/** Entries still waiting to be sent to the competition. */
const OPEN_ENTRY_STATUSES = ['prereview', 'recommended'];

/**
 * 月报: the host is told when a report is due soon — this month's from DUE_SOON_DAYS before the month ends, last
 * month's until its due day (the 5th of the month after, `monthlyReportDue`) — and that last month's is overdue once
 * that day has passed. Each once per project and month.
 */
async function monthlyReportReminders(db: Kysely<DB>, day: string): Promise<OnceNotification[]> {
  const repo = new ReportRepo(db);
  const everyone = { all: true, prefixes: [], personId: '' };
  const out: OnceNotification[] = [];
  const current = day.slice(0, 7);
  const last = previousMonth(day);
  const soon =
    day >= addDays(monthEnd(current), -DUE_SOON_DAYS) ? current : day <= monthlyReportDue(last) ? last : null;
  // The running projects of a month without its report, each told once per project, month and kind.
  const tell = async (month: string, kind: 'due_soon' | 'overdue', key: 'report_due_soon' | 'report_overdue') => {
    for (const p of await repo.overdueMonthly(everyone, null, month, monthEnd(month))) {
      out.push({
        personId: p.host_id,
        kind,
        ...noticeWithBody(key, { month }, key, {
          title: bookTitle(p.title),
          month,
          due: monthlyReportDue(month),
        }),
        link: `/projects/${p.id}?tab=reports`,
        orgId: p.org_id,
        dedupKey: `${kind === 'due_soon' ? 'report_due' : 'report_overdue'}:${p.id}:${month}`,
      });
    }
  };
  if (soon) await tell(soon, 'due_soon', 'report_due_soon');
  if (day > monthlyReportDue(last)) await tell(last, 'overdue', 'report_overdue');
  return out;
}

/** 评比: authors and whoever entered a work are told when the competition's deadline nears or has passed. */
async function competitionReminders(db: Kysely<DB>, day: string): Promise<OnceNotification[]> {
  const rows = await db
    .selectFrom('work_entries as e')
    .innerJoin('competition_editions as ed', 'ed.id', 'e.edition_id')
    .innerJoin('competitions as c', 'c.id', 'e.competition_id')
    .innerJoin('works as w', 'w.id', 'e.work_id')
    .leftJoin('work_authors as wa', 'wa.work_id', 'w.id')
    .select(['e.id', 'e.entered_by', 'w.id as work_id', 'w.title', 'w.org_id', 'c.name', 'ed.deadline', 'wa.person_id'])
    .where('e.status', 'in', OPEN_ENTRY_STATUSES)
    .where('ed.deadline', '>=', addDays(day, -OVERDUE_LOOKBACK_DAYS))
    .where('ed.deadline', '<=', addDays(day, DUE_SOON_DAYS))
    .execute();
  const out: OnceNotification[] = [];
  for (const r of rows) {
    if (!r.deadline) continue;
    const overdue = r.deadline < day;
    for (const personId of [r.person_id, r.entered_by]) {
      if (!personId) continue;
      out.push({
        personId,
        kind: overdue ? 'overdue' : 'due_soon',
        ...noticeWithBody(
          overdue ? 'competition_overdue' : 'competition_due_soon',
          { name: r.name },
          'competition_deadline',
          {
            title: bookTitle(r.title),
            deadline: r.deadline,
          },
        ),
        link: `/works/${r.work_id}`,
        orgId: r.org_id,
        dedupKey: `${overdue ? 'competition_overdue' : 'competition_due'}:${r.id}`,
      });
    }
  }
  return out;
}

/**
 * The reminder job (到期提醒): due-soon and overdue notifications for monthly reports and competition
 * deadlines, each written once per person and item however often it runs. Returns how many are new.
 */
export async function runReminders(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const day = today(now);
  const items = [...(await monthlyReportReminders(db, day)), ...(await competitionReminders(db, day))];
  return db.transaction().execute((trx) => new NotificationRepo(trx).insertOnce(items));
}
