import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** What `npm run backup` / `npm run restore` record in settings when they finish. */
export interface BackupRecord {
  at: string;
  kind: 'sqlite' | 'postgres';
  files: boolean;
}

export type OpsKey = 'ops.last_backup' | 'ops.last_restore';

export async function readOpsRecord<T>(db: Kysely<DB>, key: OpsKey): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

export async function writeOpsRecord(db: Kysely<DB>, key: OpsKey, value: object): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}
