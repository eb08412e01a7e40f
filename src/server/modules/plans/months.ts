/** Month arithmetic of the monthly arrangement (月度工作安排); months are 'YYYY-MM'. */

/** The month of a plain date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The month `n` months after (or before, for negative n) the given one. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from the first date's to the last date's, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/** The last day of a month. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Monthly reports are due by this day of the following month (月报: 次月 5 日前). */
export const MONTHLY_DUE_DAY = 5;

/**
 * The day a month's report (月报) is due: the 5th of the next month. The one rule for the statistics' punctuality
 * (on time = submitted by then), the plan's calendar and the reminders (overdue only after it).
 */
export const monthlyReportDue = (month: string) =>
  `${shiftMonth(month, 1)}-${String(MONTHLY_DUE_DAY).padStart(2, '0')}`;

/** '2026-10' → '2026年10月'; `short` gives '10月'. */
export function monthLabel(month: string, short = false): string {
  const [y, m] = month.split('-').map(Number);
  return short ? `${m}月` : `${y}年${m}月`;
}

/** '2026-10-31' → '10月31日'. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

/** Moves a plain date by whole months, keeping the day inside the target month. */
export function shiftDate(date: string, n: number): string {
  const month = shiftMonth(monthOf(date), n);
  const last = lastDayOf(month);
  const day = date.slice(8, 10);
  const candidate = `${month}-${day}`;
  return candidate > last ? last : candidate;
}
