import type { Kysely } from 'kysely';

// Frozen: projects' and works' search documents now carry the names of their host, members and authors. Their index
// rows are dropped here so that the catch-up at start (syncSearchIndex) writes them again with the names; nothing else
// is touched. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('search_index').where('doc_type', 'in', ['project', 'work']).execute();
}

export async function down(): Promise<void> {
  // The rows come back at the next start's catch-up, with or without names.
}
