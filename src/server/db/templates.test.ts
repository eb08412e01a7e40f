import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/db.js';
import type { Database } from './database.js';
import { dialectOf, inIds } from './dialect.js';
import { checkTemplates, template } from './templates.js';

const settingsIn = template((db, p: { keys: readonly string[]; above: string }) =>
  db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where((eb) => inIds(dialectOf(db), eb.ref('key'), p.keys))
    .where('value', '>', p.above)
    .orderBy('key'),
);

describe.each(DIALECTS)('statements built once on %s', (dialect) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    await database.db
      .insertInto('settings')
      .values(['a', 'b', 'c', 'd'].map((key, i) => ({ key, value: `v${i}` })))
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
});
