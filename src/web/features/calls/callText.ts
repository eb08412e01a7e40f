import type { Translate } from '../../i18n';
import type { Call, CallKindRule } from './calls.api';

/** A kind's conditions in words, e.g. “青年教师专项：主持人须 1990-01-01 及以后出生；至少占名额 30%”. */
export function kindRuleText(t: Translate, rule: CallKindRule): string {
  const parts: string[] = [];
  if (rule.bornOnOrAfter) parts.push(t('call.ruleBorn', { date: rule.bornOnOrAfter }));
  if (rule.ruralOnly) parts.push(t('call.ruleRural'));
  if (rule.minShare) parts.push(t('call.ruleShare', { percent: Math.round(rule.minShare * 100) }));
  if (rule.outsideQuota) parts.push(t('call.ruleOutside'));
  return parts.length > 0 ? parts.join('；') : t('call.kindNoCondition');
}

const chinaClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as 'YYYY-MM-DD HH:mm' in China time (calls close at 17:00 Beijing time wherever one reads them). */
export function chinaTime(iso: string): string {
  const parts = Object.fromEntries(chinaClock.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The application window to the minute, in China time. */
export function callWindow(t: Translate, call: Call): string {
  return t('calls.window', { opens: chinaTime(call.opensAt), closes: chinaTime(call.closesAt) });
}

const statusColours = { upcoming: 'default', open: 'processing', closed: 'default' } as const;

/** The tag colour of a call status. */
export function callStatusColour(status: Call['status']): string {
  return statusColours[status];
}

/**
 * The first number a call's format gives, as the server numbers on approval: {year} the year, {seq:N} the sequence
 * from 1 in N digits (3 when not given). '2026-QJ-{seq:3}' → '2026-QJ-001'.
 */
export function firstNumber(format: string, year: number): string {
  return format
    .replace('{year}', String(year))
    .replace(/\{seq(?::(\d+))?\}/, (_, width?: string) => '1'.padStart(Number(width ?? 3), '0'));
}
