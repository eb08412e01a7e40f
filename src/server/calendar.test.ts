import { describe, expect, it } from 'vitest';
import { ageOn, birthDateRange, defaultTermDates, schoolYearOf, today, yearsBefore } from './calendar.js';

describe('calendar', () => {
  it('counts an age as whole years, turning over on the birthday', () => {
    expect(ageOn('1991-09-01', '2026-08-31')).toBe(34);
    expect(ageOn('1991-09-01', '2026-09-01')).toBe(35);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
  });

  it('moves a leap day back to 28 February in a common year', () => {
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2026-11-23', 30)).toBe('1996-11-23');
  });

  it('gives birth-date bounds that agree with ageOn at both edges of a band', () => {
    const on = '2026-09-01';
    const { after, notAfter } = birthDateRange('30to34', on);
    expect(ageOn(notAfter, on)).toBe(30);
    expect(ageOn(after, on)).toBe(35);
    const dayAfter = new Date(Date.parse(`${after}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    expect(ageOn(dayAfter, on)).toBe(34);
  });

  it('places dates in school years and terms', () => {
    expect(schoolYearOf('2026-09-01')).toBe(2026);
    expect(schoolYearOf('2027-01-15')).toBe(2026);
    expect(defaultTermDates(2026, 2)).toEqual({ startsOn: '2027-02-01', endsOn: '2027-07-31' });
  });

  it('takes today in China time', () => {
    expect(today(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});
