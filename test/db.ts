import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../src/server/config.js';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/database.js';
import type { DialectKind } from '../src/server/db/dialect.js';

/** Where the PostgreSQL tests connect to create their own databases. */
const PG_ADMIN_URL = process.env.YANXIU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The dialects to run on: SQLite always; PostgreSQL when reachable. In CI PostgreSQL must be
 * there (a missing server fails the run instead of silently skipping); locally the skip is printed.
 */
export async function dialects(): Promise<DialectKind[]> {
  // While iterating on one module, `YANXIU_TEST_DIALECTS=sqlite` runs SQLite only (never set in CI).
  if (process.env.YANXIU_TEST_DIALECTS === 'sqlite' && !process.env.CI) return ['sqlite'];
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (process.env.CI)
    throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL}; CI must run the PostgreSQL tests`);
  console.warn(`\n⚠ PostgreSQL not reachable at ${PG_ADMIN_URL}: PostgreSQL tests SKIPPED (they run in CI).\n`);
  return ['sqlite'];
}

export const DIALECTS = await dialects();

/** A fresh, migrated database of the given kind; `drop()` removes it. */
export async function freshDatabase(
  kind: DialectKind,
  opts: { sqliteFile?: string } = {},
): Promise<Database & { drop(): Promise<void>; config: DatabaseConfig }> {
  if (kind === 'sqlite') {
    const config: DatabaseConfig = { kind: 'sqlite', file: opts.sqliteFile ?? ':memory:' };
    const database = openDatabase(config);
    await migrateToLatest(database);
    return { ...database, config, drop: () => database.close() };
  }
  const name = `yanxiu_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { kind: 'postgres', url: url.toString() };
  const database = openDatabase(config, { poolSize: 5 });
  await migrateToLatest(database);
  return {
    ...database,
    config,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // Let the pool's closing backends go first; force only as a last resort.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
          break;
        } catch (err) {
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}
