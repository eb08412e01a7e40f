import type { Kysely } from 'kysely';

// Frozen: the semester work plan (学期工作计划) of an org with its monthly items (月度工作安排), and the
// written semester summary draft (学期教科研工作总结) kept per org and term. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The office the plan belongs to: a school, district or city.
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // 指导思想 / 工作目标: free text, one paragraph per line.
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plans_org_term', ['org_id', 'term_id'])
    .execute();

  await db.schema
    .createTable('plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    // 'YYYY-MM': the month of the arrangement the item is listed under.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // The person responsible, when it is one person of the org.
    .addColumn('owner_id', 'text', (c) => c.references('people.id'))
    // A free-text owner (教科室, 各教研组…) when it is not one person.
    .addColumn('owner_text', 'text')
    .addColumn('due_on', 'text')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_on', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_items_plan').on('plan_items').columns(['plan_id', 'month', 'sort']).execute();
  await db.schema.createIndex('plan_items_owner').on('plan_items').column('owner_id').execute();

  await db.schema
    .createTable('summary_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON: [{key, title, text, generated}] — `generated` is the last machine text, so an edit is visible.
    .addColumn('sections', 'text', (c) => c.notNull())
    // JSON: the figures the machine text was written from ([{key, label, value}]).
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('summary_drafts_org_term', ['org_id', 'term_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('summary_drafts').execute();
  await db.schema.dropTable('plan_items').execute();
  await db.schema.dropTable('plans').execute();
}
