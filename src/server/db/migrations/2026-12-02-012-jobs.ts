import type { Kysely } from 'kysely';

// Frozen: background jobs (后台任务) — long exports and imports run by any app process, with progress.
// Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'export' (a GET of a file route) | 'import' (a POST of an uploaded workbook)
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the job runs: the API path (with query) it calls on behalf of its creator.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    // Import: the stored upload's key and file name.
    .addColumn('input_key', 'text')
    .addColumn('input_name', 'text')
    // 'queued' | 'running' | 'done' | 'error'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    // Export: the stored result file; import: the JSON answer.
    .addColumn('result_key', 'text')
    .addColumn('result_name', 'text')
    .addColumn('result_type', 'text')
    .addColumn('result_json', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // The process that holds the job and when it last said it is alive (a dead one's job is taken over).
    .addColumn('locked_by', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('jobs_creator').on('jobs').columns(['created_by', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
