import { z } from 'zod';

/** The scanner as configured, and what a live check of it answered just now. */
export const scannerStatus = z.object({
  describe: z.string(),
  active: z.boolean(),
  /** ok: a clean sample passed and the EICAR test signature was found; failed: anything else; off: none set. */
  check: z.enum(['ok', 'failed', 'off']),
  /** Why, as a code the page translates: a clean sample reported infected, EICAR missed, no answer at all. */
  outcome: z.enum(['off', 'ok', 'false_positive', 'missed_eicar', 'no_answer']),
  /** The threat the scanner named (the EICAR name when ok; the false report when false_positive). */
  threat: z.string().nullable(),
  /** The scanner's own error when it gave no answer. */
  detail: z.string().nullable(),
  /** The same in zh-CN, for API clients. */
  message: z.string(),
  ms: z.number().nullable(),
});

const backupRecord = z.object({ at: z.string(), kind: z.enum(['sqlite', 'postgres']), files: z.boolean() });

export const systemStatus = z.object({
  database: z.enum(['sqlite', 'postgres']),
  node: z.string(),
  startedAt: z.string(),
  scanner: scannerStatus,
  lastBackup: backupRecord.nullable(),
  lastRestore: backupRecord.extend({ backupAt: z.string() }).nullable(),
  counts: z.object({ schools: z.number(), people: z.number(), projects: z.number(), files: z.number() }),
});
export type SystemStatus = z.infer<typeof systemStatus>;
export type ScannerStatus = z.infer<typeof scannerStatus>;
