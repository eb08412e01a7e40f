import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { type DialectKind, PLANNED_EACH_RUN, SUBTREE_MARK } from './dialect.js';
import { migrations } from './migrations/index.js';
import type { DB } from './types.js';

// PostgreSQL int8 (count(*), sums) arrives as text by default; our counts fit a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/** An open database: the Kysely handle and which dialect it speaks. */
export interface Database {
  db: Kysely<DB>;
  kind: DialectKind;
  close(): Promise<void>;
}

/**
 * Settings of every PostgreSQL session. The planner's default random-page cost (4) models spinning disks;
 * with the working set in memory or on SSD it prefers scanning a 50,000-row table to 100 index lookups for
 * one school's people (measured on the generated city: 9 ms → 1 ms for a school's roster page). 1.1 is
 * PostgreSQL's advice for SSDs.
 */
export const PG_SESSION_OPTIONS = '-c random_page_cost=1.1';

/** How many prepared SQLite statements a process keeps (the distinct SQL texts of a busy day are fewer). */
const STATEMENTS_KEPT = 1000;

/**
 * better-sqlite3 for Kysely with its prepared statements kept by SQL text, least recently used dropped
 * first. Kysely prepares every query anew, which was a tenth of a list request's CPU on SQLite. (While a
 * statement is iterated, better-sqlite3 refuses every other query on the connection, so a kept statement
 * is never in use twice.)
 */
function keepingStatements(sqlite: SQLite.Database, max = STATEMENTS_KEPT): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = kept.get(sql);
      if (hit) {
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      if (kept.size >= max) kept.delete(kept.keys().next().value as string);
      kept.set(sql, stmt);
      return stmt;
    },
  };
}

/** How many named statements each PostgreSQL connection keeps (past that, the least recently used goes). */
const PG_STATEMENTS_KEPT = 500;
/** Statements with more parameters than this are bulk writes whose texts rarely repeat: they run unnamed. */
const PG_NAMED_MAX_PARAMS = 200;
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * Whether a statement's best plan depends on its values, so that PostgreSQL must plan it for each run: a
 * LIKE pattern, an org subtree whose size the text does not tell, or a wide list's page (`plannedEachRun`). A generic plan is made without the
 * values: a district's people by subject took 152 ms on a plan made for a school's, 62 ms planned anew.
 * `startsWith` writes each subtree's depth into the text, so a school's subtree and a city's are different
 * statements with plans of their own.
 */
function valueShaped(text: string): boolean {
  if (text.includes(PLANNED_EACH_RUN)) return true;
  if (/\bi?like\b/i.test(text)) return true;
  const ranges = text.split('"path" >= $').length - 1;
  return ranges > 0 && ranges > text.split(SUBTREE_MARK).length - 1;
}

/** The part of a pg client that remembers which names its session has prepared (pg 8's `Connection`). */
interface PreparedMemory {
  connection?: { parsedStatements?: Record<string, string> };
}

/**
 * A pg pool for Kysely whose connections run each repeated statement as a named prepared statement
 * (named by a hash of its text). PostgreSQL then keeps its parse and, after five runs, usually a generic
 * plan: planning was over a third of the database's time on a list page (0.42 of 1.13 ms for a school's
 * people), and that page went 558 → 942 req/s of the same SQL (measured on the generated city).
 * Each connection keeps `max` names, the least recently used deallocated first: a city's dashboard runs
 * thousands of texts once, and a cache that merely stopped naming when full left the lists that came after
 * planned on every run for the rest of the process. A statement whose cached plan a schema change made
 * stale is run again unnamed.
 */
export function preparingPool(pool: pg.Pool, max = PG_STATEMENTS_KEPT): PostgresPool {
  // Per connection: the names its session holds, least recently used first, and those a schema change spoiled.
  const byClient = new WeakMap<pg.PoolClient, Map<string, 'kept' | 'stale'>>();
  // A text's name, or null when it runs unnamed: worked out once per text (a hash and three scans of the text on
  // every statement were 1-2 % of a list's CPU). Bounded: dashboards' texts that run once are dropped in bulk.
  const namesOfTexts = new Map<string, string | null>();
  const nameOf = (text: string): string | null => {
    let name = namesOfTexts.get(text);
    if (name !== undefined) return name;
    name =
      !NAMEABLE.test(text) || valueShaped(text) || text.includes(';')
        ? null
        : `y${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    if (namesOfTexts.size >= 4 * max) namesOfTexts.clear();
    namesOfTexts.set(text, name);
    return name;
  };
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let kept = byClient.get(client);
      if (!kept) {
        kept = new Map();
        byClient.set(client, kept);
      }
      const names = kept;
      const parsed = () => (client as unknown as PreparedMemory).connection?.parsedStatements;
      /** Frees the least recently used name on the server and in pg's memory of it (queued before what follows). */
      const evictOldest = () => {
        const oldest = names.keys().next().value as string;
        names.delete(oldest);
        const memory = parsed();
        const text = memory?.[oldest];
        if (memory) delete memory[oldest];
        // The server holds the name (it is only kept once parsed), so this fails only inside a transaction that
        // already failed; the server then still holds it, and so does pg's memory again.
        void client.query(`DEALLOCATE "${oldest}"`).catch(() => {
          if (memory && text !== undefined) memory[oldest] = text;
        });
      };
      return {
        release: () => client.release(),
        query(text: string, values: unknown[]) {
          const name = values.length > PG_NAMED_MAX_PARAMS ? null : nameOf(text);
          if (name === null) return client.query(text, values);
          const state = names.get(name);
          if (state === 'stale') return client.query(text, values);
          if (state === 'kept') {
            // Now the most recently used.
            names.delete(name);
            names.set(name, 'kept');
          } else if (names.size >= max) evictOldest();
          const settle = () => {
            // Kept once the server has parsed it, whether or not this run then failed (a constraint, say).
            if (!names.has(name) && parsed()?.[name] !== undefined) names.set(name, 'kept');
          };
          return client.query({ name, text, values }).then(
            (result) => {
              settle();
              return result;
            },
            (err: { code?: string; message?: string }) => {
              // A column added or dropped since the statement was prepared (a migration by another process):
              // this connection's statement can never run again, so the text runs unnamed from now on. So
              // too when the session already holds the name and pg had forgotten it (42P05).
              const spoiled = (err.code === '0A000' && err.message?.includes('cached plan')) || err.code === '42P05';
              if (!spoiled) {
                settle();
                throw err;
              }
              names.set(name, 'stale');
              return client.query(text, values);
            },
          );
        },
      } as unknown as PostgresPoolClient;
    },
  };
}

/** Opens SQLite (WAL, foreign keys on) or a PostgreSQL pool. */
export function openDatabase(config: DatabaseConfig, opts: { poolSize?: number } = {}): Database {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: opts.poolSize ?? 10,
    options: PG_SESSION_OPTIONS,
  });
  // An idle client dropped by the server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.warn(`[yanxiu] PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
