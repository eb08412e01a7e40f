import type { Kysely } from 'kysely';

// Frozen: "in the term" on works (written, entered, awarded or published in it) reads each date from an index,
// so the works list of a term starts from the few thousand works dated in it instead of testing every work of
// the scope (PostgreSQL city, the city office's works of the term: 0.7-0.9 s). Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('works_written').ifNotExists().on('works').column('written_on').execute();
  await db.schema.createIndex('work_entries_entered').ifNotExists().on('work_entries').column('entered_on').execute();
  await db.schema.createIndex('work_entries_result').ifNotExists().on('work_entries').column('result_on').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_entries_result').ifExists().execute();
  await db.schema.dropIndex('work_entries_entered').ifExists().execute();
  await db.schema.dropIndex('works_written').ifExists().execute();
}
