/**
 * Runs `fn` over the items with at most `limit` running at once and answers the results in the items'
 * order. School-by-school work of a whole city (hundreds of schools, a few statements each) waits on
 * the database round trips one after another without it; on SQLite, whose driver is synchronous, it
 * changes nothing.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The items grouped by a key, in first-seen order of the keys. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** How many schools' statements a city-wide computation keeps in flight (the pool holds ten connections). */
export const SCHOOLS_AT_ONCE = 4;
