import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: in-app notifications (通知) with each person's digest settings, and the full-text search
// index (全文检索). Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // 'review_assigned' | 'project_returned' | 'report_returned' | 'due_soon' | 'overdue' | 'result' | …
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    // A path inside the web app, e.g. '/projects/abc'.
    .addColumn('link', 'text')
    .addColumn('org_id', 'text')
    // Reminders: one notification per person and key (e.g. 'overdue:report:<projectId>:2026-11').
    .addColumn('dedup_key', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notifications_person')
    .on('notifications')
    .columns(['person_id', 'read_at', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_dedup')
    .on('notifications')
    .columns(['person_id', 'dedup_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    // Daily digest (每日摘要) on/off and the hour (0–23, local school time) it is sent.
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per searchable document: a project (title, sections), a report (content), an activity,
  // a growth record, a work or an archive file name. Written by the services' transactions and
  // caught up at startup; `source_updated_at` tells a stale row from a current one.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('search_index')
    .addColumn('seq', postgres ? 'serial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    // 'project' | 'report' | 'activity' | 'growth' | 'work' | 'file'
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    // Reports and archive files: their project, whose read rule they share.
    .addColumn('project_id', 'text')
    .addColumn('org_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_index_doc').on('search_index').columns(['doc_type', 'doc_id']).unique().execute();
  await db.schema.createIndex('search_index_project').on('search_index').column('project_id').execute();

  if (postgres) {
    // Chinese-aware matching without a word splitter: trigram indexes serve ILIKE '%…%'.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index search_index_title_trgm on search_index using gin (title gin_trgm_ops)`.execute(db);
    await sql`create index search_index_body_trgm on search_index using gin (body gin_trgm_ops)`.execute(db);
  } else {
    // FTS5 with the trigram tokenizer (any script, substrings of 3+ characters), kept in step with
    // search_index by triggers; shorter queries fall back to LIKE.
    await sql`create virtual table search_fts using fts5(title, body, content='search_index', content_rowid='seq', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger search_index_ai after insert on search_index begin
      insert into search_fts(rowid, title, body) values (new.seq, new.title, new.body);
    end`.execute(db);
    await sql`create trigger search_index_ad after delete on search_index begin
      insert into search_fts(search_fts, rowid, title, body) values ('delete', old.seq, old.title, old.body);
    end`.execute(db);
    await sql`create trigger search_index_au after update on search_index begin
      insert into search_fts(search_fts, rowid, title, body) values ('delete', old.seq, old.title, old.body);
      insert into search_fts(rowid, title, body) values (new.seq, new.title, new.body);
    end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const t of ['search_index_ai', 'search_index_ad', 'search_index_au']) {
      await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
    }
    await sql`drop table if exists search_fts`.execute(db);
  }
  await db.schema.dropTable('search_index').ifExists().execute();
  await db.schema.dropTable('notification_settings').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
}
