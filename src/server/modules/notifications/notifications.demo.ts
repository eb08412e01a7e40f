import type { Database } from '../../db/database.js';
import { syncSearchIndex } from '../search/search.index.js';
import { runReminders } from './reminders.js';

/**
 * Demo: indexes everything the demo loaded for search (全文检索) and runs the reminder job once,
 * so the bell shows the demo's real due-soon and overdue items from the first login.
 */
export async function loadDemoSearchAndNotifications(database: Database, now: Date = new Date()): Promise<void> {
  await syncSearchIndex(database.db);
  await runReminders(database.db, now);
}
