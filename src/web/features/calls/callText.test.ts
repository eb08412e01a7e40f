import { describe, expect, it } from 'vitest';
import { firstNumber } from './callText';

describe('firstNumber', () => {
  it('shows a call’s number format as the first number it gives', () => {
    expect(firstNumber('{year}-KT-{seq:3}', 2026)).toBe('2026-KT-001');
    expect(firstNumber('2026-QJ-{seq:4}', 2026)).toBe('2026-QJ-0001');
    expect(firstNumber('JY{year}{seq}', 2027)).toBe('JY2027001');
    expect(firstNumber('固定编号', 2026)).toBe('固定编号');
  });
});
