/**
 * The background recomputations of every cache in the process, one after the other. A city's figures and its
 * assessment spread each hold the whole city's rows while they are made; remade side by side (both due while
 * the first, which gives other requests turns, still ran) the server reached 542 MB.
 */
let backgroundLane: Promise<unknown> = Promise.resolve();

/**
 * Figures computed a short while ago, per key, so fifty directors opening the city dashboard at once
 * cost one computation, not fifty. An entry is used while it is younger than `ttlMs` and no write
 * answered by this process since it began (`invalidate`); callers asking while it is computed share
 * the computation. Another process's writes show once the entry ages out, and a caller may always ask
 * for a fresh computation.
 *
 * Figures that took `slowMs` or more to compute (a whole city) are not recomputed while a caller waits:
 * the last ones are answered, with the instant they were computed, and new ones are made meanwhile —
 * at most once per ten times their computing time, so a dashboard left open does not keep a core busy.
 * A key may name its `family` (the same figures under an earlier key, e.g. of the day before): the newest
 * such slow entry stands in the same way while the key's first figures are made.
 */
export class FiguresCache<T> {
  private readonly entries = new Map<string, { generation: number; at: number; value: T; took: number }>();
  private readonly pending = new Map<string, Promise<{ value: T; at: number }>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
    private readonly slowMs = 2000,
  ) {}

  /** A write was answered: nothing computed before it is served again without a recomputation. */
  invalidate(): void {
    this.generation++;
  }

  /** The value for `key` and the instant it was computed from. */
  async get(
    key: string,
    compute: (background: boolean) => Promise<T>,
    fresh = false,
    family?: string,
  ): Promise<{ value: T; at: number }> {
    if (fresh) return this.compute(key, () => compute(false));
    const own = this.entries.get(key);
    const hit = own ?? (family === undefined ? undefined : this.newestSlow(family));
    if (hit && hit.generation === this.generation && this.clock() - hit.at < this.ttlMs) {
      return { value: hit.value, at: hit.at };
    }
    if (hit && hit.took >= this.slowMs) {
      // A stand-in of the family: the key has no figures of its own yet, they are made now.
      const due = !own || this.clock() - hit.at >= Math.max(this.ttlMs, hit.took * 10);
      if (due && !this.pending.has(key)) this.inBackground(key, compute);
      return { value: hit.value, at: hit.at };
    }
    return this.pending.get(key) ?? this.share(key, () => compute(false));
  }

  /** The newest entry under a key starting with `family` that took `slowMs` or more to compute. */
  private newestSlow(family: string) {
    let newest: { generation: number; at: number; value: T; took: number } | undefined;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(family) && entry.took >= this.slowMs && (!newest || entry.at > newest.at)) newest = entry;
    }
    return newest;
  }

  /** Queues a recomputation behind the process's other background ones; the old figures stay meanwhile. */
  private inBackground(key: string, compute: (background: boolean) => Promise<T>): void {
    const running = backgroundLane
      .then(() => this.compute(key, () => compute(true)))
      .finally(() => this.pending.delete(key));
    this.pending.set(key, running);
    backgroundLane = running.catch(() => undefined);
  }

  /** One computation for every caller that asks while it runs. */
  private share(key: string, compute: () => Promise<T>): Promise<{ value: T; at: number }> {
    const running = this.compute(key, compute).finally(() => this.pending.delete(key));
    this.pending.set(key, running);
    return running;
  }

  private async compute(key: string, compute: () => Promise<T>): Promise<{ value: T; at: number }> {
    const generation = this.generation;
    const at = this.clock();
    const value = await compute();
    this.entries.delete(key);
    this.entries.set(key, { generation, at, value, took: this.clock() - at });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return { value, at };
  }
}

/**
 * A list's counts (its total, or its projects per stage), kept a minute for the same caller and filter once the
 * list is found wide (`isWide` of a count): counting a district's or a city's matches reads every one of them at
 * each page, while the page reads twenty. A list is found wide by a count made at its request and its counts are
 * kept from its next request on, so a count made before a write is never kept. Any write this process answers ends
 * them (`invalidate`); another server's writes show in the counts when the minute is over, as on the dashboard.
 * The page's rows are always read at the request.
 */
export class KeptCounts<T> {
  private readonly kept = new FiguresCache<T>(60_000, 200, Date.now, Number.POSITIVE_INFINITY);
  /** The keys of lists found wide. */
  private readonly wide = new Set<string>();

  constructor(private readonly isWide: (counts: T) => boolean) {}

  /** A write was answered: no kept count is answered again. */
  invalidate(): void {
    this.kept.invalidate();
  }

  /**
   * The counts under `key`: kept ones, or those `count` makes now; `counted` says whether this call's `count`
   * ran (a caller whose statement reads the page and its count together then has its page too).
   */
  async get(key: string, count: () => Promise<T>): Promise<{ counts: T; counted: boolean }> {
    let counted = false;
    const run = () => {
      counted = true;
      return count();
    };
    if (this.wide.has(key)) return { counts: (await this.kept.get(key, run)).value, counted };
    const counts = await run();
    if (this.isWide(counts)) {
      if (this.wide.size >= 1000) this.wide.clear();
      this.wide.add(key);
    }
    return { counts, counted };
  }

  /**
   * A page whose statement can read the list's counts with it: `read(true)` gives the page and its counts, which
   * are kept as `get` keeps them; `read(false)`, run when kept counts stand, gives the page alone.
   */
  async page<R>(
    key: string,
    read: (counting: boolean) => Promise<{ rows: R; counts: T | null }>,
  ): Promise<{ rows: R; counts: T }> {
    let rows: { value: R } | undefined;
    const { counts, counted } = await this.get(key, async () => {
      const both = await read(true);
      if (both.counts === null) throw new Error('a page read with its counts gave none');
      rows = { value: both.rows };
      return both.counts;
    });
    if (!counted || !rows) rows = { value: (await read(false)).rows };
    return { rows: rows.value, counts };
  }
}

/** A list's counts key: the caller (with their grants as loaded for this request) and the filter, in key order. */
export function listCountsKey(caller: string, filter: Record<string, unknown>): string {
  return JSON.stringify([caller, Object.entries(filter).sort(([a], [b]) => a.localeCompare(b))]);
}
