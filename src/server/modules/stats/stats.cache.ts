/**
 * Figures computed a short while ago, per key, so fifty directors opening the city dashboard at once
 * cost one computation, not fifty. An entry is used while it is younger than `ttlMs` and no write
 * answered by this process since it began (`invalidate`); callers waiting for an entry still being
 * computed share its promise. Another process's writes show once the entry ages out, and a caller
 * may always ask for a fresh computation.
 */
export class FiguresCache<T> {
  private readonly entries = new Map<string, { generation: number; at: number; value: Promise<T> }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A write was answered: nothing computed before it is served again. */
  invalidate(): void {
    this.generation++;
  }

  /** The value for `key` and the instant it was computed from. */
  async get(key: string, compute: () => Promise<T>, fresh = false): Promise<{ value: T; at: number }> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && !fresh && hit.generation === this.generation && now - hit.at < this.ttlMs) {
      return { value: await hit.value, at: hit.at };
    }
    const entry = { generation: this.generation, at: now, value: compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    try {
      return { value: await entry.value, at: entry.at };
    } catch (err) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw err;
    }
  }
}
