import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/db.js';
import { type Database, preparingPool } from './database.js';
import { plannedEachRun, startsWith } from './dialect.js';
import type { DB } from './types.js';

type Fresh = Database & { drop(): Promise<void>; config: { kind: string; url?: string } };

/** The statements this connection has prepared, by their SQL text. */
async function preparedTexts(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
  return rows.map((r) => r.statement);
}

describe.each(DIALECTS.filter((d) => d === 'postgres'))('PostgreSQL statements on %s', () => {
  let database: Fresh;
  let one: Kysely<DB>;
  beforeAll(async () => {
    database = await freshDatabase('postgres');
    // One connection, so every statement below meets the same session's prepared statements.
    one = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: preparingPool(new pg.Pool({ connectionString: database.config.url, max: 1 }), 3),
      }),
    });
  });
  afterAll(async () => {
    await one.destroy();
    await database.drop();
  });

  it('runs a repeated query as one prepared statement and answers it the same', async () => {
    await database.db.insertInto('settings').values({ key: 'prep', value: '1' }).execute();
    const query = one.selectFrom('settings').select('value').where('key', '=', 'prep');
    const first = await query.execute();
    const second = await query.execute();
    expect(first).toEqual([{ value: '1' }]);
    expect(second).toEqual(first);
    const texts = await preparedTexts(one);
    expect(texts.filter((t) => t === query.compile().sql)).toHaveLength(1);
    // An org subtree or a LIKE pattern is planned for its value each time (a school's plan is not a city's).
    const subtree = one.selectFrom('orgs').select('id').where('path', '>=', '/').where('path', '<', '0');
    const pattern = one.selectFrom('settings').select('key').where('key', 'like', 'pr%');
    // So is a statement marked so (a wide list's page), which answers as the unmarked one does.
    const marked = query.modifyEnd(plannedEachRun());
    for (let i = 0; i < 7; i++) {
      await Promise.all([subtree.execute(), pattern.execute()]);
      expect(await marked.execute()).toEqual(first);
    }
    const after = await preparedTexts(one);
    expect(after).not.toContain(subtree.compile().sql);
    expect(after).not.toContain(pattern.compile().sql);
    expect(after).not.toContain(marked.compile().sql);
    expect(after).toContain(query.compile().sql);
    // Statements that are not queries (transaction control, DDL) are never prepared.
    await one.transaction().execute(async (trx) => trx.selectFrom('settings').select('key').execute());
    expect((await preparedTexts(one)).some((t) => /^(begin|commit)/i.test(t))).toBe(false);
  });

  it('prepares an org subtree per depth, so a plan cached for a school never serves a city', async () => {
    const own = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: preparingPool(new pg.Pool({ connectionString: database.config.url, max: 1 })),
      }),
    });
    try {
      const under = (prefix: string) =>
        own
          .selectFrom('orgs')
          .select('id')
          .where((eb) => startsWith(eb.ref('orgs.path'), prefix));
      for (let i = 0; i < 3; i++) {
        await under('/a/').execute();
        await under('/b/').execute();
        await under('/a/b/c/').execute();
      }
      const texts = await preparedTexts(own);
      // Two subtrees of one depth are one statement; a deeper one is another.
      expect(under('/a/').compile().sql).toBe(under('/b/').compile().sql);
      expect(under('/a/b/c/').compile().sql).not.toBe(under('/a/').compile().sql);
      expect(texts).toContain(under('/a/').compile().sql);
      expect(texts).toContain(under('/a/b/c/').compile().sql);
    } finally {
      await own.destroy();
    }
  });

  it('keeps a bounded number per connection, the least recently used deallocated first', async () => {
    const hot = one.selectFrom('settings').select('value').where('key', '=', 'prep');
    const hotText = hot.compile().sql;
    const once = (key: string) => sql<{ k: string }>`select ${key}::text as k, ${key.length} as ${sql.ref(`n_${key}`)}`;
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      expect((await once(key).execute(one)).rows[0].k).toBe(key);
      // The hot statement, used between the one-offs, stays prepared however many pass through.
      expect(await hot.execute()).toEqual([{ value: '1' }]);
      const texts = await preparedTexts(one);
      expect(texts.length).toBeLessThanOrEqual(3);
      expect(texts).toContain(hotText);
    }
    const before = await preparedTexts(one);
    expect(before).toContain(once('e').compile(one).sql);
    expect(before).not.toContain(once('a').compile(one).sql);
    // An evicted text runs again (prepared anew), inside a transaction too, which the eviction leaves intact.
    await one.transaction().execute(async (trx) => {
      expect((await once('a').execute(trx)).rows[0].k).toBe('a');
      expect((await once('b').execute(trx)).rows[0].k).toBe('b');
      await trx.insertInto('settings').values({ key: 'prep-tx', value: 'kept' }).execute();
    });
    expect(await one.selectFrom('settings').select('value').where('key', '=', 'prep-tx').execute()).toEqual([
      { value: 'kept' },
    ]);
    const after = await preparedTexts(one);
    expect(after.length).toBeLessThanOrEqual(3);
    // The transaction's statements took the places of older ones (this probe of the list holds one place too).
    expect(after).toContain('insert into "settings" ("key", "value") values ($1, $2)');
    expect(after).not.toContain(once('e').compile(one).sql);
  });

  it('runs a query unnamed when the session already holds its name and the driver forgot it', async () => {
    const text = 'select $1::text as k, 42 as held';
    const name = `y${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    // As after a deallocation that failed inside an aborted transaction: the server still has the name.
    await sql.raw(`prepare "${name}"(text) as ${text}`).execute(one);
    const rows = await sql<{ k: string; held: number }>`select ${'x'}::text as k, 42 as held`.execute(one);
    expect(rows.rows).toEqual([{ k: 'x', held: 42 }]);
    expect((await sql<{ k: string }>`select ${'y'}::text as k, 42 as held`.execute(one)).rows[0].k).toBe('y');
  });

  it('runs a query again after a schema change made its prepared plan stale', async () => {
    await sql`create table prep_probe (a integer)`.execute(database.db);
    await sql`insert into prep_probe values (1)`.execute(database.db);
    const fresh = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: preparingPool(new pg.Pool({ connectionString: database.config.url, max: 1 })),
      }),
    });
    try {
      const read = () => sql<Record<string, unknown>>`select * from prep_probe where a = ${1}`.execute(fresh);
      expect((await read()).rows).toEqual([{ a: 1 }]);
      // Another process migrates: the prepared statement's row type no longer holds.
      await sql`alter table prep_probe add column b text default 'x'`.execute(database.db);
      expect((await read()).rows).toEqual([{ a: 1, b: 'x' }]);
      expect((await read()).rows).toEqual([{ a: 1, b: 'x' }]);
    } finally {
      await fresh.destroy();
    }
  });
});
