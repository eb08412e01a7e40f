import type { Kysely } from 'kysely';

// Frozen: a notification keeps, beside the title it was written with, what the title says as a message key and
// its values ({"key": …, "params": {…}}, JSON text), so the web shows it in the reader's language. Rows
// written before have none and show their title as written. Never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('message', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('message').execute();
}
