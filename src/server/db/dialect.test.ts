import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/db.js';
import { registerErrorHandling } from '../http.js';
import type { Database } from './database.js';
import { dbErrorKind, newId, nowIso } from './dialect.js';

/** Runs a statement and returns what it threw (the real driver error of this database). */
async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

describe.each(DIALECTS)('database errors on %s', (dialect) => {
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
});
