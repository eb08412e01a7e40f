import type { Migration } from 'kysely';
import * as m001 from './2026-11-23-001-foundation.js';
import * as m002 from './2026-11-23-002-projects.js';
import * as m003 from './2026-11-23-003-changes.js';
import * as m004 from './2026-11-23-004-activities.js';
import * as m005 from './2026-11-23-005-growth.js';
import * as m006 from './2026-11-23-006-attachments.js';
import * as m007 from './2026-12-02-007-works.js';
import * as m008 from './2026-12-02-008-rules.js';
import * as m009 from './2026-12-02-009-plans.js';
import * as m010 from './2026-12-02-010-search.js';
import * as m012 from './2026-12-02-012-jobs.js';
import * as m013 from './2026-12-02-013-path-order.js';
import * as m014 from './2026-12-02-014-list-order.js';
import * as m015 from './2026-12-02-015-notice-message.js';
import * as m016 from './2026-12-03-016-people-list.js';
import * as m017 from './2026-12-03-017-project-counts.js';
import * as m018 from './2026-12-03-018-term-dates.js';
import * as m019 from './2026-12-04-019-todo-indexes.js';
import * as m020 from './2026-12-04-020-people-order.js';
import * as m021 from './2026-12-04-021-search-names.js';

/** Every migration, in order. Add new files here; never edit an old one. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-001-foundation': m001,
  '2026-11-23-002-projects': m002,
  '2026-11-23-003-changes': m003,
  '2026-11-23-004-activities': m004,
  '2026-11-23-005-growth': m005,
  '2026-11-23-006-attachments': m006,
  '2026-12-02-007-works': m007,
  '2026-12-02-008-rules': m008,
  '2026-12-02-009-plans': m009,
  '2026-12-02-010-search': m010,
  '2026-12-02-012-jobs': m012,
  '2026-12-02-013-path-order': m013,
  '2026-12-02-014-list-order': m014,
  '2026-12-02-015-notice-message': m015,
  '2026-12-03-016-people-list': m016,
  '2026-12-03-017-project-counts': m017,
  '2026-12-03-018-term-dates': m018,
  '2026-12-04-019-todo-indexes': m019,
  '2026-12-04-020-people-order': m020,
  '2026-12-04-021-search-names': m021,
};
