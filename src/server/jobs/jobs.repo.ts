import type { Kysely } from 'kysely';
import type { DB, JobRow } from '../db/types.js';

/** Background jobs: the queue and its claims. */
export class JobRepo {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: JobRow) {
    return this.db.insertInto('jobs').values(row).execute();
  }

  byId(id: string) {
    return this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  ofPerson(personId: string, limit: number) {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('created_by', '=', personId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Jobs waiting, and running ones whose process stopped saying it is alive (taken over). */
  claimable(staleBefore: string, limit: number) {
    return this.db
      .selectFrom('jobs')
      .select(['id', 'version', 'attempts'])
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', staleBefore)]),
        ]),
      )
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }

  /** Takes a job for one process: succeeds for exactly one claimant (compare-and-set on the version). */
  async claim(id: string, version: number, processId: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: processId,
        heartbeat_at: now,
        started_at: now,
        progress: 5,
        message: '已开始处理',
        attempts: eb('attempts', '+', 1),
        version: version + 1,
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Progress of a job this process holds; false when another process took it over meanwhile. */
  async update(id: string, processId: string, set: Partial<Omit<JobRow, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('locked_by', '=', processId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Takes a turn of a periodic task for all processes: true for the one caller that finds the `settings` row
   * of `key` absent or holding an earlier turn than `turn` (turns compare as text: ISO times). A first turn is
   * an insert, a later one an update guarded by the old value, so two processes never both win one turn.
   */
  async takeTurn(key: string, turn: string): Promise<boolean> {
    const first = await this.db
      .insertInto('settings')
      .values({ key, value: turn })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(first.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    const later = await this.db
      .updateTable('settings')
      .set({ value: turn })
      .where('key', '=', key)
      .where('value', '<', turn)
      .executeTakeFirst();
    return Number(later.numUpdatedRows) === 1;
  }

  /** Undoes `takeTurn` for this turn (an empty value sorts before every turn). */
  async releaseTurn(key: string, turn: string): Promise<void> {
    await this.db.updateTable('settings').set({ value: '' }).where('key', '=', key).where('value', '=', turn).execute();
  }
}
