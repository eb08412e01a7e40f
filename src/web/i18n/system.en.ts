import type { systemZhCN } from './system.zh-CN';

/** English messages of the system status page; typed against the zh-CN keys. */
export const systemEn: Record<keyof typeof systemZhCN, string> = {
  'nav.system': 'System status',
  'system.title': 'System status',
  'system.subtitle':
    'The database, the virus scanner and backups. The scanner is checked live each time this page opens.',
  'system.recheck': 'Check again',
  'system.runtime': 'Runtime',
  'system.database': 'Database',
  'system.database.sqlite': 'SQLite (embedded, one machine)',
  'system.database.postgres': 'PostgreSQL',
  'system.node': 'Node.js',
  'system.startedAt': 'This server process started',
  'system.scanner': 'Virus scan',
  'system.scanner.setting': 'Setting',
  'system.scanner.off': 'Off',
  'system.scanner.ok': 'Working',
  'system.scanner.failed': 'Not working',
  'system.scanner.ms': 'checked in {ms} ms',
  'system.scanner.hint': 'Set with the YANXIU_SCAN environment variable at start, e.g. clamd://127.0.0.1:3310.',
  'system.backup': 'Backups',
  'system.lastBackup': 'Last backup',
  'system.lastRestore': 'Last restore',
  'system.backup.none': 'None recorded',
  'system.backup.hint':
    'On the server, npm run backup saves the database and every file; npm run restore -- <folder> restores (stop the server first).',
  'system.backup.withFiles': 'with files',
  'system.backup.noFiles': 'without files',
  'system.backup.restoredFrom': 'from the backup of {at}',
  'system.backup.stale': 'More than 7 days since the last backup: back up soon',
  'system.backup.never': 'No backup recorded yet. Make one now, then at least weekly',
  'system.counts': 'Records',
  'system.counts.schools': 'Schools',
  'system.counts.people': 'People',
  'system.counts.projects': 'Projects',
  'system.counts.files': 'Archive files',
};
