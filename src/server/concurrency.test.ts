import { describe, expect, it } from 'vitest';
import { groupBy, halfPace, mapLimit } from './concurrency.js';

describe('mapLimit', () => {
  it('keeps the order, never runs more than the limit at once, and passes a failure on', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    await expect(mapLimit([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error('no')) : n))).rejects.toThrow(
      'no',
    );
    expect([...groupBy(['a1', 'b1', 'a2'], (s) => s[0])]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
    ]);
  });
});

describe('halfPace', () => {
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  const timed = async (f: () => Promise<void>) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };

  it('rests as long as the work since the last rest, up to its cap', async () => {
    const rest = halfPace(100);
    busy(40);
    expect(await timed(rest)).toBeGreaterThanOrEqual(35);
    busy(400);
    const capped = await timed(rest);
    expect(capped).toBeGreaterThanOrEqual(95);
    expect(capped).toBeLessThan(350);
  });
});
