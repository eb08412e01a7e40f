import type { Kysely } from 'kysely';

// Frozen: the projects list's stage counts (its header) are answered from one index holding the filters'
// and the scope's columns, so a city office's count of every district-level project reads index entries
// instead of every project row (PostgreSQL city: 22 ms → 6 ms). Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('projects_counts')
    .ifNotExists()
    .on('projects')
    .columns([
      'level',
      'stage',
      'org_id',
      'holder_org_id',
      'manager_org_id',
      'host_id',
      'id',
      'kind',
      'plan_period',
      'call_id',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('projects_counts').ifExists().execute();
}
