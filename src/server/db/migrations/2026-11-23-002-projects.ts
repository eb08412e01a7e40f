import type { Kysely } from 'kysely';

// Frozen: research projects (课题) — calls, applications, the stage machine, reviews, reports,
// archive files, outputs and conclusion rules. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plan_period', 'text')
    .addColumn('guide', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('levels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('number_format', 'text', (c) => c.notNull().defaultTo('{year}-KT-{seq:3}'))
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('call_quotas')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_quotas_pk', ['call_id', 'org_id'])
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.references('calls.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('plan_period', 'text')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('host_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    // The org whose desk the application is on while it climbs the tiers (school → district → …).
    .addColumn('holder_org_id', 'text', (c) => c.references('orgs.id'))
    // The org that approves, reviews and concludes it (the call's issuer, or the org of the level).
    .addColumn('manager_org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('number', 'text')
    .addColumn('rank', 'integer')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('grade', 'text')
    .addColumn('sections', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('expected_outcomes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('historic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('projects_org_stage').on('projects').columns(['org_id', 'stage']).execute();
  await db.schema.createIndex('projects_call').on('projects').column('call_id').execute();
  await db.schema.createIndex('projects_host').on('projects').column('host_id').execute();
  await db.schema.createIndex('projects_number').on('projects').column('number').unique().execute();

  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'person_id'])
    .execute();
  await db.schema.createIndex('project_members_person').on('project_members').column('person_id').execute();

  await db.schema
    .createTable('project_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createIndex('project_transitions_project')
    .on('project_transitions')
    .columns(['project_id', 'at'])
    .execute();

  await db.schema
    .createTable('review_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('blind', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('experts_per_item', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closes_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('review_round_projects')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_round_projects_pk', ['round_id', 'project_id'])
    .execute();

  await db.schema
    .createTable('review_round_experts')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('review_round_experts_pk', ['round_id', 'expert_id'])
    .execute();

  await db.schema
    .createTable('review_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('scores', 'text')
    .addColumn('total', 'double precision')
    .addColumn('comment', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_assignments_unique', ['round_id', 'project_id', 'expert_id'])
    .execute();
  await db.schema.createIndex('review_assignments_expert').on('review_assignments').column('expert_id').execute();

  await db.schema
    .createTable('review_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expert_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('project_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('month', 'text')
    .addColumn('content', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('grade', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('author_id', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_reports_project')
    .on('project_reports')
    .columns(['project_id', 'kind', 'month'])
    .execute();

  await db.schema
    .createTable('project_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_files_project').on('project_files').column('project_id').execute();

  await db.schema
    .createTable('project_outputs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('journal', 'text')
    .addColumn('char_count', 'integer')
    .addColumn('result', 'text')
    .addColumn('on_date', 'text')
    .addColumn('author_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conclusion_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('research_lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text')
    .addColumn('held_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'research_lessons',
    'conclusion_rules',
    'project_outputs',
    'project_files',
    'project_reports',
    'review_conflicts',
    'review_assignments',
    'review_round_experts',
    'review_round_projects',
    'review_rounds',
    'project_transitions',
    'project_members',
    'projects',
    'call_quotas',
    'calls',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
