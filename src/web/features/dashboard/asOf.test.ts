import { describe, expect, it } from 'vitest';
import { asOfText } from './asOf';

describe('asOfText', () => {
  it('shows the time of figures made today, and the date too for those of an earlier day', () => {
    const now = new Date(2026, 11, 3, 8, 30);
    const today = new Date(2026, 11, 3, 8, 5, 9).toISOString();
    const yesterday = new Date(2026, 11, 2, 17, 40, 0).toISOString();
    expect(asOfText(today, now)).toBe('08:05:09');
    expect(asOfText(yesterday, now)).toBe('2026/12/2 17:40:00');
  });
});
