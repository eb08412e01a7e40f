import type { Kysely } from 'kysely';

// Frozen: the to-do (待我处理) reads a caller's desk and managed projects by org and stage, the reports returned to
// their author and the monthly reports waiting for a check, at every home page; without these each is a scan of
// its table. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('projects_holder')
    .ifNotExists()
    .on('projects')
    .columns(['holder_org_id', 'stage'])
    .execute();
  await db.schema
    .createIndex('projects_manager')
    .ifNotExists()
    .on('projects')
    .columns(['manager_org_id', 'stage'])
    .execute();
  await db.schema
    .createIndex('project_reports_author')
    .ifNotExists()
    .on('project_reports')
    .columns(['author_id', 'status'])
    .execute();
  await db.schema
    .createIndex('project_reports_status')
    .ifNotExists()
    .on('project_reports')
    .columns(['status', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['projects_holder', 'projects_manager', 'project_reports_author', 'project_reports_status'])
    await db.schema.dropIndex(name).ifExists().execute();
}
