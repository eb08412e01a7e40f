import { type Kysely, sql } from 'kysely';

// Frozen: teachers' professional growth (专业发展) — reading, writing, lesson plans and examples,
// training, outside study and platform records — and mentoring pairs (师徒结对 / 青蓝工程) with their
// monthly assessments. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('growth_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // The person's school when the record was made.
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // 'reading' | 'essay' | 'reflection' | 'case' | 'narrative' | 'lesson_plan' | 'lesson_example'
    // | 'training' | 'study' | 'platform'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    // Training hours (学时).
    .addColumn('hours', 'double precision')
    // Reading: 'required' (必读) | 'optional' (选读).
    .addColumn('book_kind', 'text')
    // Platform: the link to the teacher's blog or space.
    .addColumn('url', 'text')
    // Outside study: the report-back (外出学习汇报).
    .addColumn('report_back', 'text')
    // Hash of the normalised text, so copies of another record can be found.
    .addColumn('text_hash', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('growth_records_person').on('growth_records').columns(['person_id', 'date']).execute();
  await db.schema.createIndex('growth_records_org').on('growth_records').columns(['org_id', 'date']).execute();
  await db.schema.createIndex('growth_records_hash').on('growth_records').column('text_hash').execute();

  await db.schema
    .createTable('mentorships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('mentor_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('mentee_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    // The agreement (师徒结对协议书) text.
    .addColumn('agreement', 'text', (c) => c.notNull().defaultTo(''))
    // 'active' | 'ended'
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: the end-of-term evaluation {comment, grade, excellent, by, at}, or null.
    .addColumn('evaluation', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentorships_org').on('mentorships').columns(['org_id', 'status']).execute();
  // One active pair per mentee.
  await db.schema
    .createIndex('mentorships_one_active')
    .on('mentorships')
    .column('mentee_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema.createIndex('mentorships_mentor').on('mentorships').column('mentor_id').execute();

  await db.schema
    .createTable('mentorship_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    // 'YYYY-MM'
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('assessor_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mentorship_assessments_month', ['mentorship_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mentorship_assessments', 'mentorships', 'growth_records']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
