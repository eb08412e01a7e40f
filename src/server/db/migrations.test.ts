import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/db.js';
import { migrateToLatest } from './database.js';
import { migrations } from './migrations/index.js';

describe.each(DIALECTS)('data migrations on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
  });
  afterAll(async () => database?.drop());

  it('016 moves a person whose home was a 教研组 to the group’s school and keeps everyone else', async () => {
    const db = database.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('2026-12-02-015-notice-message');
    expect(down.error).toBeUndefined();
    const now = new Date().toISOString();
    const org = (id: string, kind: 'city' | 'school' | 'group', path: string, parent: string | null) => ({
      id,
      name: id,
      kind,
      parent_id: parent,
      path,
      rural: 0,
      sort: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('orgs')
      .values([
        org('mc', 'city', '/mc/', null),
        org('ms', 'school', '/mc/ms/', 'mc'),
        org('mg', 'group', '/mc/ms/mg/', 'ms'),
      ])
      .execute();
    const person = (id: string, orgId: string) => ({
      id,
      org_id: orgId,
      name: id,
      name_key: id,
      gender: 'female' as const,
      subjects: '[]',
      title: 'unrated' as const,
      backbone_level: 'none' as const,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('people')
      .values([person('at-group', 'mg'), person('at-school', 'ms'), person('at-city', 'mc')])
      .execute();
    await migrateToLatest(database);
    const homes = await db.selectFrom('people').select(['id', 'org_id']).orderBy('id').execute();
    expect(homes).toEqual([
      { id: 'at-city', org_id: 'mc' },
      { id: 'at-group', org_id: 'ms' },
      { id: 'at-school', org_id: 'ms' },
    ]);
  });
});
