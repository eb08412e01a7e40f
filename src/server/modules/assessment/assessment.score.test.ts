import { describe, expect, it } from 'vitest';
import type { EntryFact } from '../compliance/compliance.evaluate.js';
import { DEFAULT_POINTS, DEFAULT_REWARDS } from '../rules/rules.defaults.js';
import { earnsReward, ranks, scoreTeacher, sumPoints } from './assessment.score.js';

const entry = (level: string, result: string | null, extra: Partial<EntryFact> = {}): EntryFact => ({
  id: `${level}-${result}`,
  workId: 'w',
  workKind: 'paper',
  title: '论文',
  competition: '评比',
  level,
  enteredOn: '2025-10-01',
  status: result ? 'awarded' : 'submitted',
  result,
  resultOn: result ? '2025-12-01' : null,
  ...extra,
});
const term = { id: 't', startsOn: '2025-09-01', endsOn: '2026-01-31' };
const none = { entries: [], presented: [], publications: [], projectEvents: [], studentAwards: [], compliance: [] };

describe('research assessment points (pure)', () => {
  it('earns the entry-fee subsidy for 区一等奖、市二等奖 and above only', () => {
    const [fee] = DEFAULT_REWARDS;
    expect(earnsReward(fee, entry('district', 'first'))).toBe(true);
    expect(earnsReward(fee, entry('district', 'special'))).toBe(true);
    expect(earnsReward(fee, entry('district', 'second'))).toBe(false);
    expect(earnsReward(fee, entry('city', 'second'))).toBe(true);
    expect(earnsReward(fee, entry('city', 'third'))).toBe(false);
    expect(earnsReward(fee, entry('provincial', 'third'))).toBe(true);
    expect(earnsReward(fee, entry('school', 'special'))).toBe(false);
    expect(earnsReward(fee, entry('city', 'first', { workKind: 'courseware' }))).toBe(false);
    expect(earnsReward({ ...fee, enabled: false }, entry('city', 'first'))).toBe(false);
  });

  it('scores awards in the term of their result only, by level and grade', () => {
    const items = scoreTeacher(
      {
        ...none,
        entries: [entry('city', 'first'), entry('city', 'second', { resultOn: '2026-02-01' }), entry('city', null)],
      },
      DEFAULT_POINTS,
      term,
    );
    expect(items).toEqual([expect.objectContaining({ source: 'award', sourceId: 'city-first', points: 10 })]);
  });

  it('ranks ties together and keeps sums to two decimals', () => {
    expect(ranks([5, 9, 5, 0])).toEqual([2, 1, 2, 4]);
    expect(sumPoints([0.1, 0.2])).toBe(0.3);
  });
});
