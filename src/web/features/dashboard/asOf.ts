/**
 * When the figures were computed: the time of day, and the date too when it was not today (the first dashboard of
 * a day for a city shows the last day's figures while the day's are made).
 */
export function asOfText(asOf: string, now = new Date()): string {
  const at = new Date(asOf);
  const time = at.toLocaleTimeString('zh-CN', { hour12: false });
  return at.toDateString() === now.toDateString() ? time : `${at.toLocaleDateString('zh-CN')} ${time}`;
}
