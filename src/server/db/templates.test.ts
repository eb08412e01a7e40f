import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/db.js';
import type { Database } from './database.js';
import { containsText, dialectOf, inIds, startsWith, subtreeShape } from './dialect.js';
import { bundle, checkTemplates, shaped, shapedTogether, template } from './templates.js';

const settingsIn = template((db, p: { keys: readonly string[]; above: string }) =>
  db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where((eb) => inIds(dialectOf(db), eb.ref('key'), p.keys))
    .where('value', '>', p.above)
    .orderBy('key'),
);

const orgsPart = (db: Parameters<typeof settingsIn>[0], p: { ids: readonly string[] }) =>
  db
    .selectFrom('orgs')
    .select(['id', 'name', 'code', 'sort', sql<number>`sort * 0.5`.as('half')])
    .where((eb) => inIds(dialectOf(db), eb.ref('id'), p.ids))
    .orderBy('sort', 'desc');
const settingsPart = (db: Parameters<typeof settingsIn>[0], p: { ids: readonly string[] }) =>
  db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where((eb) => inIds(dialectOf(db), eb.ref('key'), p.ids))
    .orderBy('key');
const orgsAndSettings = bundle({ orgs: orgsPart, settings: settingsPart });

/** Orgs under a subtree, with a name filter or not, a page of them: the text from the shape, the values as slots. */
interface OrgQuery {
  under: string;
  name?: string;
  limit: number;
  offset: number;
}
const orgsShaped = shaped(
  (v: OrgQuery) => [subtreeShape(v.under), v.name !== undefined],
  (db, p, shape) =>
    db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where((eb) => startsWith(eb.ref('path'), shape.under, p.under))
      .$if(shape.name !== undefined, (q) => q.where((eb) => containsText(dialectOf(db), eb.ref('name'), p.name ?? '')))
      .orderBy('sort')
      .limit(p.limit)
      .offset(p.offset),
);

describe.each(DIALECTS)('statements built once on %s', (dialect) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    await database.db
      .insertInto('settings')
      .values(['a', 'b', 'c', 'd'].map((key, i) => ({ key, value: `v${i}` })))
      .execute();
    const at = '2026-12-03T00:00:00.000Z';
    const rest = { rural: 0, version: 1, created_at: at, updated_at: at };
    await database.db
      .insertInto('orgs')
      .values([
        { id: 'o1', name: "“引号” \\ '单' 😀", kind: 'city', path: '/o1/', sort: 3, ...rest },
        { id: 'o2', name: 'b', kind: 'district', path: '/o1/o2/', code: 'D2', sort: 7, ...rest },
        { id: 'o3', name: 'c', kind: 'school', path: '/o1/o2/o3/', sort: 5, ...rest },
      ])
      .execute();
  });
  afterAll(async () => database.drop());
  afterEach(() => checkTemplates(false));

  it('runs with each call’s values what a fresh build of the statement finds', async () => {
    const { db } = database;
    const fresh = (keys: string[], above: string) =>
      db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', 'in', keys)
        .where('value', '>', above)
        .orderBy('key')
        .execute();
    for (const [keys, above] of [
      [['a', 'b', 'c'], 'v0'],
      [['d'], ''],
      [['a', 'b', 'c', 'd'], 'v2'],
      [['x'], ''],
    ] as const) {
      const rows = await settingsIn(db, { keys, above });
      expect(rows).toEqual(await fresh([...keys], above));
    }
    expect((await settingsIn(db, { keys: ['a', 'b', 'c'], above: 'v0' })).map((r) => r.key)).toEqual(['b', 'c']);
  });

  it('builds a statement once per shape and runs it with each call’s values, checked against a fresh build', async () => {
    const { db } = database;
    let statements = 0;
    const counted = db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    });
    const fresh = (v: OrgQuery) =>
      db
        .selectFrom('orgs')
        .select(['id', 'name'])
        .where('path', 'like', `${v.under}%`)
        .$if(v.name !== undefined, (q) => q.where('name', 'like', `%${v.name}%`))
        .orderBy('sort')
        .limit(v.limit)
        .offset(v.offset)
        .execute();
    const calls: OrgQuery[] = [
      { under: '/o1/', limit: 10, offset: 0 },
      { under: '/o1/', limit: 1, offset: 1 },
      // Another subtree of another depth: its own statement (its own plan on PostgreSQL).
      { under: '/o1/o2/', limit: 10, offset: 0 },
      { under: '/o1/o2/', name: 'c', limit: 10, offset: 0 },
      { under: '/o1/o2/', name: 'b', limit: 10, offset: 0 },
      { under: '/o1/', name: '引号', limit: 10, offset: 0 },
      // A prefix ending outside ASCII falls back to LIKE: a shape of its own.
      { under: '/o1/o2/o3/x😀', limit: 10, offset: 0 },
    ];
    for (const check of [false, true]) {
      checkTemplates(check);
      for (const call of calls) {
        statements = 0;
        const rows = await orgsShaped(counted, call);
        expect(rows).toEqual(await fresh(call));
        expect(statements).toBe(1);
      }
    }
    expect((await orgsShaped(db, { under: '/o1/', limit: 10, offset: 0 })).map((r) => r.id)).toEqual([
      'o1',
      'o3',
      'o2',
    ]);
    expect((await orgsShaped(db, { under: '/o1/o2/', name: 'c', limit: 10, offset: 0 })).map((r) => r.id)).toEqual([
      'o3',
    ]);

    // A builder that decides its text from a value its shape does not tell is caught by the check.
    const leaky = shaped(
      (_v: { key: string }) => [],
      (d, p, shape) => {
        const q = d.selectFrom('settings').select('key');
        return shape.key.startsWith('v') ? q.where('value', '=', p.key) : q.where('key', '=', p.key);
      },
    );
    checkTemplates(true);
    await expect(leaky(db, { key: 'a' })).resolves.toEqual([{ key: 'a' }]);
    await expect(leaky(db, { key: 'v1' })).rejects.toThrow(/differs from its fresh build/);
  });

  it('runs inside a transaction on the transaction', async () => {
    const { db } = database;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('settings').set({ value: 'z' }).where('key', '=', 'a').execute();
      expect(await settingsIn(trx, { keys: ['a'], above: 'y' })).toEqual([{ key: 'a', value: 'z' }]);
      await trx.updateTable('settings').set({ value: 'v0' }).where('key', '=', 'a').execute();
    });
  });

  it('when checking, refuses a statement whose text depends on its values', async () => {
    const { db } = database;
    const shaky = template((d, p: { key: string }) => {
      const q = d.selectFrom('settings').select('key');
      return typeof p.key === 'string' && p.key.length > 1 ? q.where('value', '=', p.key) : q.where('key', '=', p.key);
    });
    checkTemplates(true);
    await expect(shaky(db, { key: 'v0' })).rejects.toThrow(/differs from its fresh build/);
    await expect(settingsIn(db, { keys: ['a'], above: '' })).resolves.toHaveLength(1);
    checkTemplates(false);
    // Unchecked, the text built first is run: the mistake the check exists for (the value 'v0' is a's).
    expect(await shaky(db, { key: 'v0' })).toEqual([]);
  });

  it('reads a bundle of statements as each part alone reads it: PostgreSQL in one statement, SQLite in one each', async () => {
    let statements = 0;
    const db = database.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    });
    checkTemplates(true);
    for (const ids of [['o1', 'o2', 'o3', 'a', 'c'], ['o2', 'd'], ['x']]) {
      statements = 0;
      const got = await orgsAndSettings(db, { ids });
      expect(statements).toBe(dialect === 'postgres' ? 1 : 2);
      expect(got).toEqual({
        orgs: await orgsPart(database.db, { ids }).execute(),
        settings: await settingsPart(database.db, { ids }).execute(),
      });
    }
    const all = await orgsAndSettings(db, { ids: ['o1', 'o2', 'o3', 'b'] });
    // In each part's order, its values as the drivers give them: text with quotes and emoji, null, numbers.
    expect(all.orgs).toEqual([
      { id: 'o2', name: 'b', code: 'D2', sort: 7, half: 3.5 },
      { id: 'o3', name: 'c', code: null, sort: 5, half: 2.5 },
      { id: 'o1', name: "“引号” \\ '单' 😀", code: null, sort: 3, half: 1.5 },
    ]);
    expect(all.settings).toEqual([{ key: 'b', value: 'v1' }]);

    // Statements built once per shape go the same way.
    statements = 0;
    const page = (d: typeof db, p: OrgQuery, shape: OrgQuery) =>
      d
        .selectFrom('orgs')
        .select('id')
        .where((eb) => startsWith(eb.ref('path'), shape.under, p.under))
        .orderBy('sort')
        .limit(p.limit)
        .offset(p.offset);
    const counts = (d: typeof db, p: OrgQuery, shape: OrgQuery) =>
      d
        .selectFrom('orgs')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where((eb) => startsWith(eb.ref('path'), shape.under, p.under))
        .groupBy('kind')
        .orderBy('kind');
    const pageAndCounts = shapedTogether((v: OrgQuery) => [subtreeShape(v.under)], { page, counts });
    for (const call of [
      { under: '/o1/', limit: 1, offset: 1 },
      { under: '/o1/o2/', limit: 5, offset: 0 },
    ]) {
      statements = 0;
      const both = await pageAndCounts(db, call);
      expect(statements).toBe(dialect === 'postgres' ? 1 : 2);
      const n = (rows: { kind: string; n: number | string | bigint }[]) => rows.map((r) => [r.kind, Number(r.n)]);
      expect({ page: both.page, counts: n(both.counts) }).toEqual({
        page: await page(database.db, call, call).execute(),
        counts: n(await counts(database.db, call, call).execute()),
      });
    }
    expect((await pageAndCounts(db, { under: '/o1/', limit: 1, offset: 1 })).page).toEqual([{ id: 'o3' }]);
  });
});
