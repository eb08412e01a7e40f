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

/**
 * The people of a city-wide computation are read in batches of whole schools of about this many people: a
 * batch costs the same few statements as one school, and a city read school by school ran 12,631 of them
 * (their round trips, not their rows, were most of its 22–32 s). Batches bound what is held at once.
 */
export const BATCH_PEOPLE = 500;
/** How many batches a city-wide computation keeps in flight (each runs a few statements at once; the pool holds ten). */
export const BATCHES_AT_ONCE = 2;

/**
 * Groups (schools with their people) packed in order into batches of at most `size` people; a group larger than
 * that is a batch of its own, never split.
 */
export function batchesOf<K, T>(groups: Iterable<[K, T[]]>, size = BATCH_PEOPLE): [K, T[]][][] {
  const out: [K, T[]][][] = [];
  let batch: [K, T[]][] = [];
  let people = 0;
  for (const group of groups) {
    if (batch.length > 0 && people + group[1].length > size) {
      out.push(batch);
      batch = [];
      people = 0;
    }
    batch.push(group);
    people += group[1].length;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/**
 * Lets other work run between the sections of a long computation: a city's figures took 2–2.5 s of CPU in one
 * piece, and every request the process answered meanwhile waited for it (the dashboard's p95 under load went
 * from about 250 ms to 721 ms while the city's figures were remade in the background).
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Items of a long loop between two turns given to other work. A city's sections still ran 100–290 ms in one
 * piece (its 133,000 stage changes, 20,000 projects, 400,000 compliance items): that long, every request waited.
 */
export const SLICE = 5000;

/**
 * The pace of work nobody waits for (a dashboard remade in the background): each call rests as long as the
 * caller worked since the previous one, up to `maxMs`, so that work takes at most about half a core. Remade
 * flat out, a city's figures (7 s of CPU) halved the throughput of everything else for as long.
 */
export function halfPace(maxMs = 250): () => Promise<void> {
  let since = performance.now();
  return async () => {
    const worked = performance.now() - since;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(worked, maxMs)));
    since = performance.now();
  };
}
