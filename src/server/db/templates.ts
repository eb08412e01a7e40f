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
  const slots = new Proxy({} as P, { get: (_t, name) => new Slot(String(name)) });
  return async (db: Kysely<DB>, values: P): Promise<O[]> => {
    const kind = dialectOf(db);
    let t = compiled.get(kind);
    if (!t) {
      const c = build(db, slots).compile();
      t = { sql: c.sql, parameters: c.parameters, query: c.query };
      compiled.set(kind, t);
    }
    const parameters = t.parameters.map((x) => (x instanceof Slot ? x.convert(values[x.name]) : x));
    if (strict) {
      const fresh = build(db, values).compile();
      if (fresh.sql !== t.sql || !isDeepStrictEqual([...fresh.parameters], parameters)) {
        throw new Error(`a templated statement differs from its fresh build:\n${t.sql}\n${fresh.sql}`);
      }
    }
    const result = await db.executeQuery<O>(CompiledQuery.raw(t.sql, parameters) as CompiledQuery<O>);
    return result.rows;
  };
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

// biome-ignore lint/suspicious/noExplicitAny: a part's table names and columns are its own
type Built = SelectQueryBuilder<DB, any, unknown>;

/**
 * Statements built at the request (a page and its counts), sent as one where the database is a round trip away
 * (as `bundle`: PostgreSQL, each part a JSON array column) and one after the other on SQLite.
 */
export async function together<T extends Record<string, Built>>(
  db: Kysely<DB>,
  parts: T,
): Promise<{ [K in keyof T]: InferResult<T[K]> }> {
  const names = Object.keys(parts);
  let rows: unknown[][];
  if (sendsBundlesAsOne(dialectOf(db))) {
    const row = (await db
      .selectNoFrom(names.map((n) => jsonRowsOf(parts[n]).as(n)))
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    rows = names.map((n) => readRows(row[n]));
  } else {
    rows = [];
    for (const n of names) rows.push(await parts[n].execute());
  }
  return Object.fromEntries(names.map((n, i) => [n, rows[i]])) as { [K in keyof T]: InferResult<T[K]> };
}

/** A part's JSON array as the driver gives it (pg parses json; a text value is parsed here). */
function readRows(value: unknown): unknown[] {
  return (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];
}
