import { describe, expect, it } from 'vitest';
import { lastMonthMissing, previousMonth } from './monthlyDue';

const dec4 = new Date(2026, 11, 4);
const pair = (over: Partial<{ status: string; startsOn: string; lastAssessedMonth: string | null }>) => ({
  status: 'active',
  startsOn: '2026-09-01',
  lastAssessedMonth: '2026-11',
  ...over,
});

describe('monthly assessment due', () => {
  it('names the month before, across a new year', () => {
    expect(previousMonth(dec4)).toBe('2026-11');
    expect(previousMonth(new Date(2027, 0, 15))).toBe('2026-12');
  });

  it('flags an active pair whose last month is not assessed', () => {
    expect(lastMonthMissing(pair({}), dec4)).toBe(false);
    expect(lastMonthMissing(pair({ lastAssessedMonth: '2026-10' }), dec4)).toBe(true);
    expect(lastMonthMissing(pair({ lastAssessedMonth: null }), dec4)).toBe(true);
    expect(lastMonthMissing(pair({ lastAssessedMonth: '2026-12' }), dec4)).toBe(false);
  });

  it('does not flag an ended pair or one that began this month', () => {
    expect(lastMonthMissing(pair({ status: 'ended', lastAssessedMonth: null }), dec4)).toBe(false);
    expect(lastMonthMissing(pair({ startsOn: '2026-12-01', lastAssessedMonth: null }), dec4)).toBe(false);
    expect(lastMonthMissing(pair({ startsOn: '2026-11-20', lastAssessedMonth: null }), dec4)).toBe(true);
  });
});
