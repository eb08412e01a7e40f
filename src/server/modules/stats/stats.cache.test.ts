import { describe, expect, it } from 'vitest';
import { FiguresCache } from './stats.cache.js';

describe('figures cache', () => {
  it('computes once for concurrent callers, again after a write, after the time to live, or on request', async () => {
    let now = 1_000;
    let runs = 0;
    const cache = new FiguresCache<number>(60_000, 10, () => now);
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      return runs;
    };
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a.value, b.value, runs]).toEqual([1, 1, 1]);
    expect((await cache.get('k', compute)).value).toBe(1);

    cache.invalidate();
    expect((await cache.get('k', compute)).value).toBe(2);

    now += 59_999;
    expect((await cache.get('k', compute)).value).toBe(2);
    now += 1;
    const aged = await cache.get('k', compute);
    expect([aged.value, aged.at]).toEqual([3, now]);

    expect((await cache.get('k', compute, true)).value).toBe(4);
    expect((await cache.get('other', compute)).value).toBe(5);
  });

  it('does not keep a failure, and a write during a computation makes its result used once only', async () => {
    const cache = new FiguresCache<string>(60_000, 10);
    await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('k', async () => 'ok')).value).toBe('ok');

    let release: () => void = () => {};
    const slow = cache.get('s', () => new Promise<string>((r) => (release = () => r('before write'))), true);
    cache.invalidate();
    release();
    expect((await slow).value).toBe('before write');
    expect((await cache.get('s', async () => 'after write')).value).toBe('after write');
  });

  it('keeps at most the newest entries', async () => {
    const cache = new FiguresCache<string>(60_000, 2);
    let runs = 0;
    const compute = async () => `v${++runs}`;
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('c', compute);
    expect((await cache.get('b', compute)).value).toBe('v2');
    expect((await cache.get('a', compute)).value).toBe('v4');
  });

  it('answers slow figures from the last computation while the next one is made', async () => {
    let now = 0;
    const cache = new FiguresCache<string>(60_000, 10, () => now, 2000);
    let release: () => void = () => {};
    const asked: boolean[] = [];
    const slow = (value: string) => (background: boolean) =>
      new Promise<string>((r) => {
        asked.push(background);
        release = () => {
          now += 5000; // took five seconds
          r(value);
        };
      });
    const first = cache.get('city', slow('v1'));
    release();
    expect((await first).value).toBe('v1');
    cache.invalidate();
    // Stale and slow: the old figures at once, with the instant they were computed; recomputed only once
    // they are ten computing times old (50 s here, under the minute: the minute then).
    now = 59_000;
    expect(await cache.get('city', slow('not yet'))).toEqual({ value: 'v1', at: 0 });
    now = 60_000;
    const stale = await cache.get('city', slow('v2'));
    expect(stale).toEqual({ value: 'v1', at: 0 });
    expect((await cache.get('city', slow('never asked'))).value).toBe('v1');
    release();
    await new Promise((r) => setTimeout(r, 0));
    const next = await cache.get('city', slow('v3'));
    expect(next).toEqual({ value: 'v2', at: 60_000 });
    // Only the remaking nobody waited for was told it runs in the background (it then goes at half pace).
    expect(asked).toEqual([false, true]);
  });

  it('remakes slow figures of different caches one after the other, never side by side', async () => {
    let now = 0;
    const figures = new FiguresCache<string>(60_000, 10, () => now, 2000);
    const spreads = new FiguresCache<string>(60_000, 10, () => now, 2000);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const slow = (value: string) => () =>
      new Promise<string>((r) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          r(value);
        });
      });
    const release = async () => {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    };
    const first = [figures.get('city', slow('f1')), spreads.get('city', slow('s1'))];
    now += 5000; // each took five seconds (they ran together here, as two callers' first requests may)
    await release();
    await release();
    await Promise.all(first);
    now = 120_000;
    // Both are due: each caller gets the old figures at once, and the two remakes queue.
    expect((await figures.get('city', slow('f2'))).value).toBe('f1');
    expect((await spreads.get('city', slow('s2'))).value).toBe('s1');
    most = running;
    await new Promise((r) => setTimeout(r, 0));
    expect(running).toBe(1);
    await release();
    expect(running).toBe(1);
    await release();
    expect(running).toBe(0);
    expect(most).toBe(1);
    expect((await figures.get('city', slow('unused'))).value).toBe('f2');
    expect((await spreads.get('city', slow('unused'))).value).toBe('s2');
  });

  it('answers a new day of slow figures with the last day’s while the new one is made; fast ones are made', async () => {
    let now = 0;
    const cache = new FiguresCache<string>(60_000, 10, () => now, 2000);
    const made = (value: string, took: number) => async () => {
      now += took;
      return value;
    };
    await cache.get('city|t|2026-12-02', made('yesterday', 14_000), false, 'city|t|');
    await cache.get('school|t|2026-12-02', made('school yesterday', 30), false, 'school|t|');
    now = 80_000;
    let release: () => void = () => {};
    const asked: boolean[] = [];
    const today = (background: boolean) =>
      new Promise<string>((r) => {
        asked.push(background);
        release = () => r('today');
      });
    // The city: yesterday's figures and their instant at once, today's made in the background.
    expect(await cache.get('city|t|2026-12-03', today, false, 'city|t|')).toEqual({ value: 'yesterday', at: 0 });
    expect(asked).toEqual([true]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('city|t|2026-12-03', made('unused', 0), false, 'city|t|')).value).toBe('today');
    // A school's figures are quick: the caller waits for today's; another family never stands in.
    expect((await cache.get('school|t|2026-12-03', made('school today', 30), false, 'school|t|')).value).toBe(
      'school today',
    );
    expect((await cache.get('other|t|2026-12-03', made('other', 10), false, 'other|t|')).value).toBe('other');
  });
});
