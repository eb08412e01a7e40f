import { isDeepStrictEqual } from 'node:util';
import { type Compilable, CompiledQuery, type InferResult, type Kysely, type SelectQueryBuilder } from 'kysely';
import { type DialectKind, dialectOf, jsonRowsOf, Slot, sendsBundlesAsOne } from './dialect.js';
import type { DB } from './types.js';

let strict = false;

/** Tests: build every templated statement afresh as well and refuse a run whose text or values differ. */
export function checkTemplates(on: boolean): void {
  strict = on;
}

interface Compiled {
  sql: string;
  parameters: readonly unknown[];
  query: CompiledQuery['query'];
}

/**
 * A statement whose text does not change with its values, built and compiled by Kysely once per database
 * kind and then run with new values. Building and compiling took 11 µs for a bundle's statement and 42–54 µs
 * for a people page's (measured in a loop); Kysely was 12 % of a list page's CPU on SQLite, and a works page
 * runs seven statements. `build` must make the same text for every value (no `if` on a value; a list goes in
 * as one parameter, see `inIds`); with `checkTemplates` on, every run compares with a fresh build and throws
 * where they differ.
 */
export function template<P extends Record<string, unknown>, O>(build: (db: Kysely<DB>, p: P) => Compilable<O>) {
  const compiled = new Map<DialectKind, Compiled>();
  const slots = slotsOf<P>();
  return async (db: Kysely<DB>, values: P): Promise<O[]> => {
    const kind = dialectOf(db);
    let t = compiled.get(kind);
    if (!t) {
      t = compiledOf(build(db, slots));
      compiled.set(kind, t);
    }
    return run(db, t, values, () => build(db, values));
  };
}

/** How many shapes of one `shaped` statement are kept (a list's filters and scopes make a few dozen). */
const SHAPES_KEPT = 500;

/**
 * A statement built at the request whose text depends on the request's shape (which filters are set, how many
 * subtrees the caller's scope holds and how deep) but not on its values: built and compiled once per shape and
 * database kind, then run with the request's values (as `template`). `build(db, p, shape)` reads values from `p`
 * (slots while the statement is built once) and decides its text from `shape` alone (the values themselves): what
 * it reads of `shape` must be what `shapeOf` tells, and with `checkTemplates` on a fresh build checks that. A list's
 * page built at each request cost the app a fifth of its throughput on SQLite (people.school 1,070 → 1,344 req/s
 * when its compiled statement was reused).
 */
export function shaped<V extends object, O>(
  shapeOf: (values: V) => unknown,
  build: (db: Kysely<DB>, p: V, shape: V) => Compilable<O>,
) {
  const compiled = new Map<string, Compiled>();
  const slots = slotsOf<V>();
  return async (db: Kysely<DB>, values: V): Promise<O[]> => {
    const key = `${dialectOf(db)} ${JSON.stringify(shapeOf(values))}`;
    let t = compiled.get(key);
    if (!t) {
      t = compiledOf(build(db, slots, values));
      if (compiled.size >= SHAPES_KEPT) compiled.clear();
      compiled.set(key, t);
    }
    return run(db, t, values as Record<string, unknown>, () => build(db, values, values));
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a part's table names and columns are its own
type ShapedPart<V> = (db: Kysely<DB>, p: V, shape: V) => SelectQueryBuilder<DB, any, unknown>;

/**
 * Statements of one request built once per shape (as `shaped`: a page and its counts), sent as one where the
 * database is a round trip away (as `bundle`: PostgreSQL, each part a JSON array column) and one after the other on
 * SQLite.
 */
export function shapedTogether<V extends object, T extends Record<string, ShapedPart<V>>>(
  shapeOf: (values: V) => unknown,
  parts: T,
) {
  const names = Object.keys(parts);
  const apart = names.map((n) => shaped(shapeOf, parts[n]));
  const one = shaped(shapeOf, (db, p: V, shape: V) =>
    db.selectNoFrom(names.map((n) => jsonRowsOf(parts[n](db, p, shape)).as(n))),
  );
  return async (db: Kysely<DB>, values: V): Promise<{ [K in keyof T]: InferResult<ReturnType<T[K]>> }> => {
    let rows: unknown[][];
    if (sendsBundlesAsOne(dialectOf(db))) {
      const [row] = (await one(db, values)) as Record<string, unknown>[];
      rows = names.map((n) => readRows(row[n]));
    } else {
      rows = [];
      for (const run of apart) rows.push(await run(db, values));
    }
    return Object.fromEntries(names.map((n, i) => [n, rows[i]])) as { [K in keyof T]: InferResult<ReturnType<T[K]>> };
  };
}

/** Stand-ins for a statement's values while it is built once: each name a slot (see dialect.ts `Slot`). */
const slotsOf = <P>() => new Proxy({} as P & object, { get: (_t, name) => new Slot(String(name)) });

function compiledOf(built: Compilable<unknown>): Compiled {
  const c = built.compile();
  return { sql: c.sql, parameters: c.parameters, query: c.query };
}

async function run<O>(
  db: Kysely<DB>,
  t: Compiled,
  values: Record<string, unknown>,
  fresh: () => Compilable<O>,
): Promise<O[]> {
  const parameters = t.parameters.map((x) => (x instanceof Slot ? x.convert(values[x.name]) : x));
  if (strict) {
    const again = fresh().compile();
    if (again.sql !== t.sql || !isDeepStrictEqual([...again.parameters], parameters)) {
      throw new Error(`a templated statement differs from its fresh build:\n${t.sql}\n${again.sql}`);
    }
  }
  const result = await db.executeQuery<O>(CompiledQuery.raw(t.sql, parameters) as CompiledQuery<O>);
  return result.rows;
}

// biome-ignore lint/suspicious/noExplicitAny: a part's table names and columns are its own
type Part = (db: Kysely<DB>, p: never) => SelectQueryBuilder<DB, any, unknown>;
type PartRows<T extends Record<string, Part>> = { [K in keyof T]: InferResult<ReturnType<T[K]>> };

/**
 * The read statements of one page's bundle, each built once (as `template`), sent as one statement where the
 * database is a round trip away (`sendsBundlesAsOne`: PostgreSQL, each part a JSON array column) and as they are
 * on SQLite. A part gives the same rows either way: the suite runs on both databases.
 */
export function bundle<T extends Record<string, Part>>(parts: T) {
  type P = Parameters<T[keyof T]>[1] & Record<string, unknown>;
  const names = Object.keys(parts);
  const build = (n: string) => parts[n] as (db: Kysely<DB>, p: P) => SelectQueryBuilder<DB, never, unknown>;
  const apart = names.map((n) => template(build(n)));
  const together = template((db, p: P) => db.selectNoFrom(names.map((n) => jsonRowsOf(build(n)(db, p)).as(n))));
  return async (db: Kysely<DB>, values: P): Promise<PartRows<T>> => {
    let rows: unknown[][];
    if (sendsBundlesAsOne(dialectOf(db))) {
      const [row] = (await together(db, values)) as Record<string, unknown>[];
      rows = names.map((n) => readRows(row[n]));
    } else {
      rows = await Promise.all(apart.map((run) => run(db, values)));
    }
    return Object.fromEntries(names.map((n, i) => [n, rows[i]])) as PartRows<T>;
  };
}

/** A part's JSON array as the driver gives it (pg parses json; a text value is parsed here). */
function readRows(value: unknown): unknown[] {
  return (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];
}
