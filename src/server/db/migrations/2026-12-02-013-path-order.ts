import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: org paths ('/city/district/school/') compare byte by byte on both databases, so a subtree is
// an index range. SQLite's default BINARY collation already does; a PostgreSQL cluster may default to a
// linguistic collation, under which a range would not equal a prefix. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // Rebuilds orgs_path in the new collation; the column's planner statistics go with the old type, and a
  // table of orgs changes too little for autovacuum to gather them again soon (subtree ranges were
  // estimated at 26 rows where a district has 519).
  await sql`alter table orgs alter column path type text collate "C"`.execute(db);
  await sql`analyze orgs`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table orgs alter column path type text collate "default"`.execute(db);
}
