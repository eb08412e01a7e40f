/** What the supervisor and its workers (YANXIU_WORKERS > 1) tell each other over node:cluster's channel. */

/** The message a worker sends after a write, relayed to the other workers. */
export const RECORDS_CHANGED = { yanxiu: 'records-changed' } as const;

/** The message the first worker sends once the database is migrated and seeded: the others may start. */
export const PREPARED = { yanxiu: 'prepared' } as const;

/** Set for the first worker only: it prepares the database before it serves. */
export const PREPARE_ENV = 'YANXIU_PREPARE';

export const isMessage = (m: unknown, kind: { yanxiu: string }) =>
  typeof m === 'object' && m !== null && (m as { yanxiu?: unknown }).yanxiu === kind.yanxiu;
