import type { Migration } from 'kysely';
import * as m001 from './2026-11-23-001-foundation.js';

/** Every migration, in order. Add new files here; never edit an old one. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-001-foundation': m001,
};
