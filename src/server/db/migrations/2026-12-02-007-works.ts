import type { Kysely } from 'kysely';

// Frozen: works (论文, 教案, 教学设计, 案例, 课件, 课例, 专著) with their ordered authors and linked projects,
// the competitions catalogue (评比) with yearly editions, competition entries with the school's internal
// pre-review (校内初审) and results (获奖), publications (发表) and student-guidance awards (指导学生获奖).
// Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('works')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The school the work belongs to.
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // 'paper' | 'lesson_plan' | 'design' | 'case' | 'courseware' | 'lesson_example' | 'book'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    // 字数 (papers: conclusion rules ask for ≥ 3000).
    .addColumn('char_count', 'integer')
    .addColumn('abstract', 'text', (c) => c.notNull().defaultTo(''))
    // When the work was written (or first recorded).
    .addColumn('written_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('works_org').on('works').columns(['org_id', 'kind']).execute();

  await db.schema
    .createTable('work_authors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    // 1 = first author.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    // A co-author from outside the system (only when person_id is null).
    .addColumn('outside_name', 'text')
    .addUniqueConstraint('work_authors_position', ['work_id', 'position'])
    .execute();
  await db.schema.createIndex('work_authors_person').on('work_authors').column('person_id').execute();

  await db.schema
    .createTable('work_projects')
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addPrimaryKeyConstraint('work_projects_pk', ['work_id', 'project_id'])
    .execute();
  await db.schema.createIndex('work_projects_project').on('work_projects').column('project_id').execute();

  await db.schema
    .createTable('competitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null = built-in (preloaded for every deployment).
    .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The project levels: 'national' | 'provincial' | 'city' | 'district' | 'school'.
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // JSON text: the work kinds the competition takes ([] = any).
    .addColumn('work_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('competitions_org').on('competitions').column('org_id').execute();

  await db.schema
    .createTable('competition_editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('competition_id', 'text', (c) => c.notNull().references('competitions.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    // The org that added the edition (null = built-in).
    .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('competition_editions_year')
    .on('competition_editions')
    .columns(['competition_id', 'year'])
    .execute();

  await db.schema
    .createTable('work_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('competition_id', 'text', (c) => c.notNull().references('competitions.id'))
    .addColumn('edition_id', 'text', (c) => c.references('competition_editions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('entered_on', 'text', (c) => c.notNull())
    // 'prereview' | 'recommended' | 'not_recommended' | 'submitted' | 'awarded' | 'not_awarded'
    .addColumn('status', 'text', (c) => c.notNull())
    // 'special' | 'first' | 'second' | 'third' | 'merit' | 'shortlisted'
    .addColumn('result', 'text')
    .addColumn('result_on', 'text')
    // Storage key of the certificate (获奖证书) in the file store.
    .addColumn('certificate_file', 'text')
    .addColumn('certificate_name', 'text')
    .addColumn('certificate_mime', 'text')
    .addColumn('certificate_size', 'integer')
    // 论文定质: the pre-review decision's comment, who and when.
    .addColumn('decision_comment', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_entries_work').on('work_entries').column('work_id').execute();
  await db.schema
    .createIndex('work_entries_competition')
    .on('work_entries')
    .columns(['competition_id', 'year'])
    .execute();

  await db.schema
    .createTable('prereview_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('work_entries.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('people.id'))
    // JSON text {key: number}, '{}' until scored.
    .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('total', 'double precision')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    // 'recommend' | 'not_recommend' | null: the reviewer's own opinion.
    .addColumn('opinion', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('prereview_assignments_one', ['entry_id', 'reviewer_id'])
    .execute();
  await db.schema
    .createIndex('prereview_assignments_reviewer')
    .on('prereview_assignments')
    .column('reviewer_id')
    .execute();

  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('work_id', 'text', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('journal', 'text', (c) => c.notNull())
    // The project levels: 'national' | 'provincial' | 'city' | 'district' | 'school'.
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('issue', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('pages', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publications_work').on('publications').column('work_id').execute();
  await db.schema.createIndex('publications_date').on('publications').column('published_on').execute();

  await db.schema
    .createTable('student_awards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The guiding teacher (指导教师).
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('student_name', 'text', (c) => c.notNull())
    .addColumn('class_name', 'text')
    // The competition's name as text (student contests are rarely in the catalogue).
    .addColumn('competition', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('student_awards_org').on('student_awards').columns(['org_id', 'awarded_on']).execute();
  await db.schema.createIndex('student_awards_person').on('student_awards').column('person_id').execute();

  // The competitions the seeds name, built in (org_id null) so every deployment starts with them.
  const at = '2026-12-02T00:00:00.000Z';
  const builtIn: [string, string, string, string, string][] = [
    ['comp-shitao', '师陶杯', 'provincial', '江苏省陶行知研究会', '["paper"]'],
    ['comp-wusi', '五四杯', 'provincial', '江苏教育报刊总社', '["paper"]'],
    ['comp-jiaohai', '教海探航', 'provincial', '江苏教育报刊总社', '["paper"]'],
    ['comp-lantian', '蓝天杯', 'provincial', '江苏省教育学会', '["paper","design","lesson_plan"]'],
    ['comp-jsea-annual', '省教育学会年会论文评比', 'provincial', '江苏省教育学会', '["paper"]'],
    ['comp-management', '中小学幼儿园优秀教育管理论文评选', 'provincial', '江苏省教育学会', '["paper"]'],
    ['comp-xingzhi', '行知杯', 'city', '市陶行知研究会', '["paper"]'],
    ['comp-yunhe', '运河杯', 'city', '市教育局', '["paper"]'],
    ['comp-city-paper', '市教育学会优秀论文评选', 'city', '市教育学会', '["paper"]'],
    ['comp-city-plan', '优秀教案评比', 'city', '市教育学会', '["lesson_plan","design"]'],
    ['comp-design', '优秀教学设计评比', 'district', '区教研室', '["design","lesson_plan"]'],
    ['comp-effective', '有效教学论文评比', 'district', '区教研室', '["paper"]'],
    ['comp-case', '教学案例评比', 'district', '区教研室', '["case"]'],
    ['comp-courseware', '优秀课件评比', 'district', '区电教馆', '["courseware"]'],
    ['comp-school-paper', '校内论文评比', 'school', '学校教科室', '["paper"]'],
  ];
  await db
    .insertInto('competitions')
    .values(
      builtIn.map(([id, name, level, organiser, workKinds]) => ({
        id,
        org_id: null,
        name,
        level,
        organiser,
        description: '',
        work_kinds: workKinds,
        active: 1,
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'student_awards',
    'publications',
    'prereview_assignments',
    'work_entries',
    'competition_editions',
    'competitions',
    'work_projects',
    'work_authors',
    'works',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
