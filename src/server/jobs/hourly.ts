import type { Services } from '../services.js';

const HOUR = 3_600_000;

/**
 * The hourly jobs of one app process: catch the search index up with every record (全文检索), then the
 * due-soon / overdue reminders and the daily digests (通知). All idempotent, so several processes
 * behind a load balancer may run them side by side. Runs once now; returns a stop function.
 */
export function startHourlyJobs(
  s: Services,
  log: (message: string) => void = console.warn,
  /** Called once, when the run at start has finished (a benchmark waits for it before it measures). */
  onStartRunDone?: (ms: number) => void,
): () => void {
  let running = false;
  let first = true;
  const run = async () => {
    if (running) return;
    running = true;
    const began = performance.now();
    try {
      await s.search.sync();
      await s.notifications.runJobs(new Date());
    } catch (err) {
      log(`[yanxiu] hourly jobs failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
      if (first) onStartRunDone?.(performance.now() - began);
      first = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
