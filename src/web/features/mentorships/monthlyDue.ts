/** The month before `today`'s, as YYYY-MM. */
export function previousMonth(today: Date): string {
  const d = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Whether an active pair misses last month's assessment (每月考核): the pair ran in that month and its latest
 * assessment is of an earlier month. This month's is not due before the month ends.
 */
export function lastMonthMissing(
  pair: { status: string; startsOn: string; lastAssessedMonth: string | null },
  today: Date,
): boolean {
  if (pair.status !== 'active') return false;
  const due = previousMonth(today);
  if (pair.startsOn.slice(0, 7) > due) return false;
  return (pair.lastAssessedMonth ?? '') < due;
}
