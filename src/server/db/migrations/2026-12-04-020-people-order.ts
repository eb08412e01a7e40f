import type { Kysely } from 'kysely';

// Frozen: the people list's order (active first, then the name's sort key, then id) as an index of its own. A
// district's filtered page (a subject, a 职称) scanned and sorted every person of the district on SQLite, because
// people_list leads with org_id and a district's scope is a range of org paths; walking this index in order stops
// once the page is full (SQLite district, 数学 level-1 teachers, page 2: 1.35 → 0.69 ms a statement).
// Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_order')
    .ifNotExists()
    .on('people')
    .columns(['active desc', 'name_key', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_order').ifExists().execute();
}
