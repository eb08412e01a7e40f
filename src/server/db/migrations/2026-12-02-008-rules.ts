import type { Kysely } from 'kysely';

// Frozen: the schools' rules and quotas (制度·考核) as data, one row per school and term: the quota rules
// (听课, 一人一课, 写作, 评比, 八个一), the points table of the research assessment (教科研考核) and the
// rewards settings. A term without a row uses the latest earlier term's row, or the defaults.
// Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    // JSON text: the quota rules.
    .addColumn('rules', 'text', (c) => c.notNull())
    // JSON text: the points table and the weighting into the business assessment (按比例计入).
    .addColumn('points', 'text', (c) => c.notNull())
    // JSON text: the rewards settings (e.g. 参赛费补助).
    .addColumn('rewards', 'text', (c) => c.notNull())
    // Where ages are taken: 'term_start' | 'term_end' | 'fixed'.
    .addColumn('reference_date_mode', 'text', (c) => c.notNull().defaultTo('term_start'))
    // The date for mode 'fixed' (YYYY-MM-DD), else null.
    .addColumn('reference_date', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('school_rules_org_term', ['org_id', 'term_id'])
    .execute();
  await db.schema.createIndex('school_rules_term').on('school_rules').column('term_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('school_rules').ifExists().execute();
}
