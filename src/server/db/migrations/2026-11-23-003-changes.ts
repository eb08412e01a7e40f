import type { Kysely } from 'kysely';

// Frozen: change requests (变更申请) of running projects — members, title, end date (延期) and
// termination (撤项), endorsed by the school and decided by the managing org. Never import
// application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // 'members' | 'title' | 'dates' | 'terminate'
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the change asks for, as JSON text: {members}, {title} or {endsOn}, with the previous
    // value once applied, and an optional attachment note.
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // 'pending_school' | 'pending_manager' | 'approved' | 'rejected' | 'withdrawn'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('school_by', 'text')
    .addColumn('school_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('opinion', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_changes_project')
    .on('project_changes')
    .columns(['project_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_changes').ifExists().execute();
}
