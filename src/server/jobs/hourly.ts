import type { Services } from '../services.js';

/** How often each process asks for the hour's turn: a run comes at most this long after the hour begins. */
const TICK = 5 * 60_000;

/**
 * The hourly jobs: catch the search index up with every record (全文检索), then the due-soon / overdue
 * reminders and the daily digests (通知; each person's digest is due in one clock hour, so no hour may be
 * skipped). Every process asks at its start and every five minutes; the first to ask in a clock hour runs them
 * (`takeHourlyTurn`), so a restart or a second process does not scan the city again; a run that fails gives
 * its turn back. They are idempotent besides. Returns a stop function.
 */
export function startHourlyJobs(
  s: Services,
  log: (message: string) => void = console.warn,
  /** Called once, when the run at start has finished or found the hour's turn taken (a benchmark waits for it). */
  onStartRunDone?: (ms: number, ran: boolean) => void,
): () => void {
  let running = false;
  let first = true;
  let ran = false;
  const run = async () => {
    if (running) return;
    running = true;
    const began = performance.now();
    const now = new Date();
    // This run's turn only: a failure to ask must not give back an hour another process took.
    ran = false;
    try {
      ran = await s.jobs.takeHourlyTurn(now);
      if (!ran) return;
      await s.search.sync();
      await s.notifications.runJobs(now);
    } catch (err) {
      log(`[yanxiu] hourly jobs failed: ${err instanceof Error ? err.message : String(err)}`);
      if (ran) await s.jobs.releaseHourlyTurn(now).catch(() => undefined);
    } finally {
      running = false;
      if (first) onStartRunDone?.(performance.now() - began, ran);
      first = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), TICK);
  timer.unref();
  return () => clearInterval(timer);
}
