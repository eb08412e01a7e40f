import { describe, expect, it } from 'vitest';
import { termLabel } from './charts';

describe('termLabel', () => {
  it('puts the school year above its term', () => {
    expect(termLabel('2025—2026学年第二学期')).toBe('2025—2026学年\n第二学期');
    expect(termLabel('2026-2027学年 第一学期')).toBe('2026-2027学年\n第一学期');
  });

  it('leaves a name without a school year as it is', () => {
    expect(termLabel('2026 spring')).toBe('2026 spring');
    expect(termLabel('2025—2026学年')).toBe('2025—2026学年');
  });
});
