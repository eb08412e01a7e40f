import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../rules/rules.defaults.js';
import { dueBy, evaluateTeacher, levelAtLeast, type TeacherFacts, termWeeks } from './compliance.evaluate.js';

const term = { startsOn: '2026-02-01', endsOn: '2026-07-31' };
const facts = (birthDate: string | null, extra: Partial<TeacherFacts> = {}): TeacherFacts => ({
  personId: 'p',
  personName: '教师',
  orgId: 's',
  birthDate,
  inPrepGroup: true,
  observations: [],
  growth: [],
  presented: [],
  entries: [],
  eightOnes: null,
  ...extra,
});
const rulesOf = (birthDate: string | null) =>
  evaluateTeacher(facts(birthDate), DEFAULT_RULES, term.startsOn, term, '2026-12-01').map((i) => i.rule);

describe('compliance rules (pure)', () => {
  it('binds by age at the reference date: 29/30 writing, 44/45 lesson and competition', () => {
    // 29 and 30 on 2026-02-01.
    expect(rulesOf('1996-02-02')).toEqual(['observations', 'writing', 'one_lesson', 'competition']);
    expect(rulesOf('1996-02-01')).toEqual(['observations', 'one_lesson', 'competition']);
    // 44 and 45.
    expect(rulesOf('1981-02-02')).toEqual(['observations', 'one_lesson', 'competition']);
    expect(rulesOf('1981-02-01')).toEqual(['observations']);
    // An unknown birth date binds only the rules without an age limit.
    expect(rulesOf(null)).toEqual(['observations']);
  });

  it('counts whole weeks and prorates what is due by a date', () => {
    expect(termWeeks(term)).toBe(25);
    expect(dueBy(20, term, '2026-01-31')).toBe(0);
    expect(dueBy(20, term, '2026-07-31')).toBe(20);
    // 91 of 181 days.
    expect(dueBy(20, term, '2026-05-02')).toBe(10);
  });

  it('spreads 八个一 over the school year, not the term', () => {
    const eightOnes = Array.from({ length: 8 }, (_, i) => ({
      key: 'book' as const,
      label: `第${i}项`,
      rule: '',
      met: i === 0,
      records: [],
      evidence: [],
    }));
    const first = { startsOn: '2025-09-01', endsOn: '2026-01-31' };
    const [item] = evaluateTeacher(
      facts('1970-01-01', { eightOnes }),
      { ...DEFAULT_RULES, observations: { ...DEFAULT_RULES.observations, enabled: false } },
      first.startsOn,
      first,
      '2026-01-31',
    );
    expect(item).toMatchObject({ rule: 'eight_ones', required: 8, actual: 1, met: false, behind: 7 });
    // 2025-08-01 … 2026-01-31 is 184 of the year's 365 days: 4 of 8 are due.
    expect(item.dueToDate).toBe(4);
  });

  it('orders levels national → school', () => {
    expect(levelAtLeast('city', 'district')).toBe(true);
    expect(levelAtLeast('district', 'district')).toBe(true);
    expect(levelAtLeast('school', 'district')).toBe(false);
  });
});
