import type { Kysely } from 'kysely';

// Frozen: teaching-research activities (教研活动) with attendance, lesson observations (听课记录)
// with their history and copy flags, and the schools' rubrics (评价量表). Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The organiser: a school or one of its groups.
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // 'research_lesson' | 'open_lesson' | … | 'study_report'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
    // The plain date (YYYY-MM-DD) the activity belongs to, and so its term.
    .addColumn('date', 'text', (c) => c.notNull())
    // Instants (ISO, UTC) when a time is known.
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('presenter_id', 'text', (c) => c.references('people.id'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    // The 四定 research lesson (research_lessons) this activity holds.
    .addColumn('lesson_id', 'text', (c) => c.references('research_lessons.id'))
    // 评课议课: the lesson activity under discussion.
    .addColumn('reviewed_activity_id', 'text', (c) => c.references('activities.id'))
    .addColumn('record', 'text', (c) => c.notNull().defaultTo(''))
    // 集体备课 四个统一 {progress, goals, homework, exams, lessonPlans} as JSON, or null.
    .addColumn('prep', 'text')
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_org_date').on('activities').columns(['org_id', 'date']).execute();
  await db.schema.createIndex('activities_date').on('activities').column('date').execute();
  await db.schema.createIndex('activities_project').on('activities').column('project_id').execute();
  await db.schema.createIndex('activities_presenter').on('activities').column('presenter_id').execute();

  await db.schema
    .createTable('activity_attendance')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // 'present' | 'leave' | 'absent'
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_attendance_pk', ['activity_id', 'person_id'])
    .execute();
  await db.schema.createIndex('activity_attendance_person').on('activity_attendance').column('person_id').execute();

  await db.schema
    .createTable('observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The observed teacher's school.
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('observer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('period', 'text')
    .addColumn('class_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    // {key: score} as JSON.
    .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}'))
    // 'draft' | 'submitted' | 'reopened'
    .addColumn('status', 'text', (c) => c.notNull())
    // sha256 of the normalised notes (copy detection); null when there are none.
    .addColumn('text_hash', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('observations_org_date').on('observations').columns(['org_id', 'date']).execute();
  await db.schema.createIndex('observations_observer').on('observations').columns(['observer_id', 'date']).execute();
  await db.schema.createIndex('observations_teacher').on('observations').columns(['teacher_id', 'date']).execute();
  await db.schema.createIndex('observations_hash').on('observations').column('text_hash').execute();

  await db.schema
    .createTable('observation_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('observation_id', 'text', (c) => c.notNull().references('observations.id').onDelete('cascade'))
    // 'submit' | 'reopen' | 'edit'
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('observation_history_observation')
    .on('observation_history')
    .columns(['observation_id', 'at'])
    .execute();

  // A submitted observation whose notes copy another record (same text, or ≥ 90 % like one by the same observer).
  await db.schema
    .createTable('observation_flags')
    .addColumn('observation_id', 'text', (c) => c.notNull().references('observations.id').onDelete('cascade'))
    .addColumn('copy_of_id', 'text', (c) => c.notNull().references('observations.id').onDelete('cascade'))
    .addColumn('similarity', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('observation_flags_pk', ['observation_id', 'copy_of_id'])
    .execute();
  await db.schema.createIndex('observation_flags_copy').on('observation_flags').column('copy_of_id').execute();

  await db.schema
    .createTable('rubrics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // 'observation'
    .addColumn('kind', 'text', (c) => c.notNull())
    // [{key, label, max, descriptor}] as JSON.
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rubrics_org_kind', ['org_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rubrics',
    'observation_flags',
    'observation_history',
    'observations',
    'activity_attendance',
    'activities',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
