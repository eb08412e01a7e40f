import { randomUUID } from 'node:crypto';
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The only place that knows which database is underneath. Everything else stores the same
 * shapes on both: ids and instants as text, booleans as 0/1 integers, JSON as text.
 */
export type DialectKind = 'sqlite' | 'postgres';

/** A new record id: time-ordered prefix so ids sort roughly by creation, random tail. */
let lastMs = 0;
let sameMs = 0;

/**
 * A 24-character id that sorts by creation within this process: milliseconds, a counter within the
 * millisecond, then randomness. Records made in one millisecond (a recommendation and the rejection
 * right after it) are ordered by `(at, id)`; with a random tail that order was a coin toss.
 */
export function newId(): string {
  const now = Math.max(Date.now(), lastMs);
  sameMs = now === lastMs ? sameMs + 1 : 0;
  lastMs = now;
  const t = now.toString(36).padStart(9, '0');
  const n = sameMs.toString(36).padStart(4, '0');
  return `${t}${n}${randomUUID().replace(/-/g, '').slice(0, 11)}`;
}

/**
 * `column IN (subquery)` that each database answers from the column's index when several are OR-ed: SQLite
 * does so itself; PostgreSQL plans an OR of IN-subqueries as a scan of the whole table, but an OR of
 * `= any(array(subquery))` as bitmap index scans (each array computed once, before the scan).
 */
export function inSubquery(
  kind: DialectKind,
  column: Expression<string | null>,
  subquery: Expression<unknown>,
): Expression<SqlBool> {
  return kind === 'postgres'
    ? sql<SqlBool>`${column} = any(array(${subquery}))`
    : sql<SqlBool>`${column} in (${subquery})`;
}

/** Which database a Kysely instance talks to (for repositories made with the instance alone). */
export function dialectOf<T>(db: Kysely<T>): DialectKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A value a template's statement (templates.ts) takes at each run: stands in for it while Kysely builds the
 * statement once, and names where it goes in the compiled parameters. `as` derives a slot whose parameter is
 * the value turned into what the statement binds (a list's JSON text, say).
 */
export class Slot {
  constructor(
    readonly name: string,
    readonly convert: (value: unknown) => unknown = (v) => v,
  ) {}

  as(convert: (value: unknown) => unknown): Slot {
    return new Slot(this.name, (v) => convert(this.convert(v)));
  }
}

/**
 * `column IN (ids)` with the ids as one parameter: PostgreSQL `= any($1::text[])`, SQLite over `json_each`.
 * Written as `IN ($1, …, $500)`, each batch of a city's computation sent 500 parameters and, for every
 * length of list, another statement to prepare: 1.6 million parameters for one cold city dashboard.
 */
export function inIds(
  kind: DialectKind,
  column: Expression<string | null>,
  ids: readonly string[],
): Expression<SqlBool> {
  // A template's slot stands for the ids while its statement is built once (see templates.ts).
  const slot = ids instanceof Slot ? ids : null;
  if (kind === 'postgres') {
    return sql<SqlBool>`${column} = any(${slot ? slot.as((v) => [...(v as string[])]) : [...ids]}::text[])`;
  }
  return sql<SqlBool>`${column} in (select value from json_each(${slot ? slot.as((v) => JSON.stringify(v)) : JSON.stringify(ids)}))`;
}

/**
 * Whether the read statements of one page's bundle (a list's authors, entries, grants…) go to the database as one
 * statement, each part's rows a JSON array column. To PostgreSQL each statement is a round trip and a wake-up of
 * its backend, which on a loaded two-core server cost more than most of these statements' own work; SQLite runs
 * them in this process, where the JSON written and parsed again would be the only change.
 */
export const sendsBundlesAsOne = (kind: DialectKind): boolean => kind === 'postgres';

/** PostgreSQL: a subquery's rows as one JSON array, in the subquery's order (its rows fed in order to json_agg). */
export function jsonRowsOf(query: Expression<unknown>): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(agg), '[]') from ${query} as agg)`;
}

/** The current instant as stored: ISO-8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const fromBool = (v: boolean | undefined): number => (v ? 1 : 0);

/** JSON stored as text on both databases. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive "contains" on a text column (LIKE on SQLite is already case-insensitive for ASCII). */
export function containsText(kind: DialectKind, column: Expression<string | null>, text: string): Expression<SqlBool> {
  // A template's slot stands for the text while its statement is built once (see templates.ts).
  const slot = (text as unknown) instanceof Slot ? (text as unknown as Slot) : null;
  const pattern = slot ? slot.as((v) => `%${likeEscape(String(v))}%`) : `%${likeEscape(text)}%`;
  return kind === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** How `startsWith` marks a subtree's depth in the SQL text (read by the PostgreSQL statement cache). */
export const SUBTREE_MARK = '/* subtree depth ';

/**
 * "starts with" on an org path column (`orgs.path`, '/a/b/'): the range `[prefix, prefix with its last
 * character raised by one)`, which both databases answer from the btree index on the column. This equals
 * a prefix test only under byte order, which is what both give that column: SQLite's default BINARY
 * collation, and on PostgreSQL the column is declared `COLLATE "C"` (migration 013) — under a linguistic
 * collation a range would drop paths a LIKE would find. A prefix not ending in ASCII falls back to LIKE.
 */
/** How deep an org path lies: 1 a city, 2 a district, 3 a school (or a city's own group), 4 a school's group. */
export const pathDepth = (path: string) => path.split('/').length - 2;

export function startsWith(
  column: Expression<string | null>,
  prefix: string,
  value: string | Slot = prefix,
): Expression<SqlBool> {
  // In a statement built once per shape (templates.ts `shaped`) `value` is the slot of the prefix and `prefix` the
  // value it was built with: prefixes of one `subtreeShape` make the same text.
  const param = (convert: (p: string) => string) =>
    value instanceof Slot ? value.as((v) => convert(String(v))) : convert(value);
  if (!endsInAscii(prefix)) return sql<SqlBool>`${column} like ${param((p) => `${likeEscape(p)}%`)} escape '\\'`;
  // The depth in the text (1 a city, 2 a district, 3 a school) gives subtrees of one size their own
  // PostgreSQL statement, and so their own cached plan (see preparingPool).
  return sql<SqlBool>`(${column} >= ${param((p) => p)} and ${column} < ${param(upperOf)} ${sql.raw(`${SUBTREE_MARK}${pathDepth(prefix)} */`)})`;
}

const endsInAscii = (prefix: string) => {
  const last = prefix.charCodeAt(prefix.length - 1);
  return last >= 0x20 && last < 0x7f;
};
/** The least text above every text that starts with `prefix` (its last character raised by one). */
const upperOf = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** What of a subtree's prefix shapes `startsWith`'s text: its depth, or that it falls back to LIKE. */
export const subtreeShape = (prefix: string): number | 'like' => (endsInAscii(prefix) ? pathDepth(prefix) : 'like');

/** How a statement asks PostgreSQL to plan it at each run with its values (read by the statement cache). */
export const PLANNED_EACH_RUN = '/* planned at each run */';

/**
 * Marks a wide list's page (a district's works, a city's projects) to be planned at each run. PostgreSQL's
 * generic plan of such a page, made without its values (which kind, which stage), chose to read every match
 * and sort them: the district's papers took 8.6 ms a page on it, 1.6 ms planned with the values (the same
 * for a city's projects in progress: 7.3 → 1.7 ms). A school's page does best on its generic plan.
 */
export function plannedEachRun(): RawBuilder<unknown> {
  return sql.raw(PLANNED_EACH_RUN);
}

/** The column lies in any of the subtrees (an empty list matches nothing). */
export function startsWithAny(column: Expression<string | null>, prefixes: readonly string[]): Expression<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    prefixes.map((p) => startsWith(column, p)),
    sql` or `,
  )})`;
}

/** What a database error means for the caller, whichever database raised it. */
export type DbErrorKind = 'unique' | 'foreign_key' | 'bad_value';

/**
 * Classifies a driver error: a unique index hit by two racing writes (SQLite `SQLITE_CONSTRAINT_UNIQUE`,
 * PostgreSQL 23505), a missing referenced record (foreign key), or a value the column refuses. Other
 * errors are not the caller's doing and stay unclassified.
 */
export function dbErrorKind(err: unknown): DbErrorKind | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String(err.code);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505')
    return 'unique';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'foreign_key';
  // PostgreSQL: invalid text representation, value too long, out of range, invalid byte sequence.
  if (code === '22P02' || code === '22001' || code === '22003' || code === '22021') return 'bad_value';
  return null;
}
