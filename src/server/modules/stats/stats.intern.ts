import { nextTurn, SLICE } from '../../concurrency.js';

/** Fields never shared between rows: interning them would only fill the table. */
const UNIQUE_FIELDS: ReadonlySet<string> = new Set(['id']);
/** Longer values (titles, texts) are rarely repeated; only short ones are looked up. */
const MAX_LENGTH = 40;

/**
 * One copy of each repeated short value across the rows of one computation. Every row the database driver
 * returns holds its own copy of each string: a city's 60,000 project members held 120,000 id strings for
 * 50,000 people, its records a date string each of 180 days. Made for one computation and dropped with it.
 */
export class Interner {
  private readonly seen = new Map<string, string>();

  /** The first copy of `s` this interner saw. */
  one(s: string): string {
    const first = this.seen.get(s);
    if (first !== undefined) return first;
    this.seen.set(s, s);
    return s;
  }

  /**
   * Replaces, in place, each short string field of the rows (but their ids) by its first copy, and returns the
   * rows; `rest` runs between slices of a long list (a turn for other requests).
   */
  async rows<T extends object>(rows: T[], rest: () => Promise<void> = nextTurn): Promise<T[]> {
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % SLICE === 0) await rest();
      const fields = row as Record<string, unknown>;
      for (const key in fields) {
        const value = fields[key];
        if (typeof value !== 'string' || value.length > MAX_LENGTH || UNIQUE_FIELDS.has(key)) continue;
        fields[key] = this.one(value);
      }
    }
    return rows;
  }
}
