import { describe, expect, it } from 'vitest';
import { weightedTotal } from './ScoreForm';

describe('weightedTotal', () => {
  const rubric = [
    { key: 'a', label: '选题', weight: 25 },
    { key: 'b', label: '设计', weight: 35 },
    { key: 'c', label: '基础', weight: 20 },
    { key: 'd', label: '成果', weight: 20 },
  ];

  it('is the number the server stores: Σ score × weight / 100 to two decimals, not cut to one', () => {
    // 21.25 + 28 + 15.6 + 16.4: a one-decimal display showed 81.2 for a stored 81.25
    expect(weightedTotal(rubric, { a: 85, b: 80, c: 78, d: 82 })).toBe(81.25);
    // 21.375 + 28.105 + 15.54 + 16.4 = 81.42
    expect(weightedTotal(rubric, { a: 85.5, b: 80.3, c: 77.7, d: 82 })).toBe(81.42);
    expect(weightedTotal(rubric, { a: 90 })).toBe(22.5);
  });
});
