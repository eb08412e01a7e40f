/** What the supervisor and its workers (YANXIU_WORKERS > 1) tell each other over node:cluster's channel. */

/** The message a worker sends after a write, relayed to the other workers. */
export const RECORDS_CHANGED = { yanxiu: 'records-changed' } as const;

/** The message the first worker sends once the database is migrated and seeded: the others may start. */
export const PREPARED = { yanxiu: 'prepared' } as const;

/** Set for the first worker only: it prepares the database before it serves. */
export const PREPARE_ENV = 'YANXIU_PREPARE';

export const isMessage = (m: unknown, kind: { yanxiu: string }) =>
  typeof m === 'object' && m !== null && (m as { yanxiu?: unknown }).yanxiu === kind.yanxiu;

/**
 * Each of several workers' share of libuv's threads: the CPUs divided among them, at least one. Two workers on two
 * cores with two threads each kept four hashes' memory after fifty logins; with one each, the same 58–59 logins/s,
 * and the full SQLite bench peaked at 398–401 MB instead of 435 MB (bench/README.md, eighteenth round).
 */
export function workerThreads(cpus: number, workers: number): number {
  return Math.max(1, Math.floor(cpus / workers));
}
