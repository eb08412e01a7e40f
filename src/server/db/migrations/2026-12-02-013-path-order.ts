import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: org paths ('/city/district/school/') compare byte by byte on both databases, so a subtree is
// an index range. SQLite's default BINARY collation already does; a PostgreSQL cluster may default to a
// linguistic collation, under which a range would not equal a prefix. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // Rebuilds orgs_path in the new collation.
  await sql`alter table orgs alter column path type text collate "C"`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table orgs alter column path type text collate "default"`.execute(db);
}
