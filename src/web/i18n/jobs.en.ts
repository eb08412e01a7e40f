import type { jobsZhCN } from './jobs.zh-CN';

/** English messages of background jobs; typed against the zh-CN keys. */
export const jobsEn: Record<keyof typeof jobsZhCN, string> = {
  'nav.jobs': 'Background jobs',
  'jobs.title': 'Background jobs',
  'jobs.subtitle':
    'Large exports and imports run in the background; you may leave this page and download here when done.',
  'jobs.label': 'Job',
  'jobs.status': 'Status',
  'jobs.progress': 'Progress',
  'jobs.createdAt': 'Submitted',
  'jobs.finishedAt': 'Finished',
  'jobs.download': 'Download',
  'jobs.empty': 'No background jobs yet. Use “Export in background” on the roster, statistics and other pages.',
  'jobs.status.queued': 'Queued',
  'jobs.status.running': 'Running',
  'jobs.status.done': 'Done',
  'jobs.status.error': 'Failed',
  'jobs.start': 'Export in background',
  'jobs.started': 'Added to background jobs; download it from “Background jobs” when done',
  'jobs.open': 'Open background jobs',
  'jobs.imported': '{n} imported',
};
