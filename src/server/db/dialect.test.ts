import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/db.js';
import { registerErrorHandling } from '../http.js';
import type { Database } from './database.js';
import { dbErrorKind, newId, nowIso, startsWith } from './dialect.js';

/** Runs a statement and returns what it threw (the real driver error of this database). */
async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

describe.each(DIALECTS)('the database layer on %s', (dialect) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await freshDatabase(dialect);
  });
  afterAll(async () => database.drop());

  it('classifies the drivers’ own unique, foreign-key and bad-value errors', async () => {
    const { db } = database;
    await db.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
    const unique = await errorOf(() => db.insertInto('settings').values({ key: 'k', value: 'w' }).execute());
    expect(dbErrorKind(unique)).toBe('unique');

    const foreign = await errorOf(() =>
      sql`insert into person_groups (person_id, group_id) values (${newId()}, ${newId()})`.execute(db),
    );
    expect(dbErrorKind(foreign)).toBe('foreign_key');
    expect(dbErrorKind(new Error('boom'))).toBeNull();
    expect(nowIso()).toMatch(/Z$/);
  });

  it('answers a unique-index race with 409 and a zh-CN message instead of a 500', async () => {
    const { db } = database;
    const app = Fastify();
    registerErrorHandling(app);
    app.post('/dup', async () => {
      await db.insertInto('settings').values({ key: 'race', value: '1' }).execute();
      return { ok: true };
    });
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: '/dup' }),
      app.inject({ method: 'POST', url: '/dup' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('conflict');
    expect(loser.json().error.message).toMatch(/已存在/);
    await app.close();
  });

  it('finds an org subtree by path range exactly as a prefix test would, whatever the cluster collation', async () => {
    const { db } = database;
    // Paths chosen to trip a linguistic collation (punctuation ignored, case folded) or a LIKE (wildcards).
    const paths = [
      '/c/',
      '/c/d/',
      '/c/d/s/',
      '/c/d0/',
      '/c/d-/',
      '/c/D/',
      '/c/d/S/',
      '/c/dx/',
      '/c/d_/',
      '/c/d%/',
      '/cd/',
    ];
    const at = nowIso();
    await db
      .insertInto('orgs')
      .values(
        paths.map((path, i) => ({
          id: `o${i}`,
          name: path,
          kind: 'school' as const,
          path,
          rural: 0,
          sort: 0,
          version: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    for (const prefix of ['/c/', '/c/d/', '/c/D/', '/c/d_/', '/c/d%/', '/c/d']) {
      const rows = await db
        .selectFrom('orgs')
        .select('path')
        .where((eb) => startsWith(eb.ref('path'), prefix))
        .orderBy('path')
        .execute();
      const expected = paths.filter((p) => p.startsWith(prefix)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(rows.map((r) => r.path)).toEqual(expected);
    }
    if (dialect === 'postgres') {
      // The range is a prefix test only in byte order: the column must carry it, not the cluster default.
      const { rows } = await sql<{ collation_name: string | null }>`
        select collation_name from information_schema.columns
        where table_schema = current_schema() and table_name = 'orgs' and column_name = 'path'`.execute(db);
      expect(rows[0]?.collation_name).toBe('C');
    }
  });

  it('answers the same SQL text with current rows, and after a schema change', async () => {
    const { db } = database;
    await db
      .insertInto('settings')
      .values(['a', 'b', 'c'].map((key) => ({ key: `again.${key}`, value: key })))
      .execute();
    const read = () => db.selectFrom('settings').selectAll().where('key', 'like', 'again.%').orderBy('key').execute();
    expect((await read()).map((r) => r.value)).toEqual(['a', 'b', 'c']);
    await db.updateTable('settings').set({ value: 'B' }).where('key', '=', 'again.b').execute();
    expect((await read()).map((r) => r.value)).toEqual(['a', 'B', 'c']);
    await sql`create table again_t (a integer)`.execute(db);
    await sql`insert into again_t values (1)`.execute(db);
    const all = () => sql<Record<string, number>>`select * from again_t`.execute(db);
    expect((await all()).rows).toEqual([{ a: 1 }]);
    await sql`alter table again_t add column b integer default 2`.execute(db);
    expect((await all()).rows).toEqual([{ a: 1, b: 2 }]);
  });
});

describe('ids', () => {
  it('sort in the order they were made, within one millisecond too', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(ids.every((id) => /^[0-9a-z]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
