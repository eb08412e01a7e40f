import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { readOpsRecord } from '../../src/server/modules/system/system.repo.js';
import { backup, recordOps, restore } from '../../src/server/ops/backup.js';
import { DIALECTS, freshDatabase } from '../db.js';
import { factory } from '../factories.js';

/** Backup (SQLite online backup / pg_dump) and restore bring back every row and every stored file. */
describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-backup-'));
  const filesDir = path.join(dir, 'files');
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase(dialect, { sqliteFile: path.join(dir, 'yanxiu.db') });
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const people = async (db = database.db) =>
    (await db.selectFrom('people').select(['id', 'name']).orderBy('id').execute()).map((p) => `${p.id}:${p.name}`);

  it('restores the rows and files of the moment of the backup, after later changes and losses', async () => {
    await factory(database).world();
    fs.mkdirSync(path.join(filesDir, '2026', '12'), { recursive: true });
    fs.writeFileSync(path.join(filesDir, '2026', '12', 'abc'), '申报书');
    const before = await people();
    expect(before.length).toBeGreaterThan(5);

    const out = path.join(dir, 'backup-1');
    const manifest = await backup(database.config, filesDir, out);
    expect(manifest.kind).toBe(dialect);
    await recordOps(database.config, 'backup', manifest);
    expect(await readOpsRecord(database.db, 'ops.last_backup')).toEqual({
      at: manifest.createdAt,
      kind: dialect,
      files: true,
    });

    // Later: a teacher added, the people table emptied of one row, the file lost.
    await factory(database).person('后来的人');
    await database.db.deleteFrom('person_groups').execute();
    fs.rmSync(filesDir, { recursive: true });
    expect(await people()).not.toEqual(before);

    await database.close();
    const restored = restore(database.config, filesDir, out);
    await recordOps(database.config, 'restore', restored);
    const reopened = openDatabase(database.config);
    try {
      expect(await people(reopened.db)).toEqual(before);
      // The status page knows of the restore, and of the backup it came from (made after the copy was taken).
      expect(await readOpsRecord(reopened.db, 'ops.last_restore')).toMatchObject({ backupAt: manifest.createdAt });
      expect(await readOpsRecord(reopened.db, 'ops.last_backup')).toMatchObject({ at: manifest.createdAt });
      const groups = await reopened.db.selectFrom('person_groups').select('person_id').execute();
      expect(groups.length).toBeGreaterThan(0);
    } finally {
      await reopened.close();
    }
    expect(fs.readFileSync(path.join(filesDir, '2026', '12', 'abc'), 'utf8')).toBe('申报书');
    // drop() closes the handle again; reopen so it has one to close.
    database = { ...database, ...openDatabase(database.config), config: database.config, drop: database.drop };
  });

  it('refuses a folder that is not a whole backup, and a backup of the other database kind', async () => {
    const empty = path.join(dir, 'not-a-backup');
    fs.mkdirSync(empty);
    expect(() => restore(database.config, filesDir, empty)).toThrow(/manifest/);
    const other = path.join(dir, 'other-kind');
    fs.mkdirSync(other);
    fs.writeFileSync(
      path.join(other, 'manifest.json'),
      JSON.stringify({ kind: dialect === 'sqlite' ? 'postgres' : 'sqlite', database: 'x', files: false }),
    );
    expect(() => restore(database.config, filesDir, other)).toThrow(/不能恢复/);
  });
});
