import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soak, startDemoServer } from '../../bench/soak.js';

/**
 * A short soak for CI: the real server with the demo under 20 concurrent clients for 60 s — no 5xx, no
 * connection errors, and memory that does not keep growing. SQLite only: this is a check of the process
 * (leaks, stuck connections), which is the same code on both databases; the PostgreSQL pool is soaked by
 * `npm run soak` (10 minutes) with DATABASE_URL, and one minute of it per dialect would double CI time on a
 * shared two-core runner.
 */
describe('soak (60 s, SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-soak-test-'));
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  beforeAll(async () => {
    server = await startDemoServer(`sqlite:${path.join(dir, 'soak.db')}`, dir);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves a steady mixed load with zero errors and flat memory', async () => {
    const r = await soak({
      port: server.port,
      pid: server.child.pid ?? 0,
      seconds: 60,
      clients: 20,
      sampleEverySeconds: 5,
    });
    // RSS saws up and down with each garbage collection: compare the floors (lowest sample) of the
    // warmed-up window 15–30 s and of the last 20 s, not two single samples.
    const floor = (from: number, to: number) => {
      const values = r.samples
        .filter((x) => x.second >= from && x.second <= to && x.rssMb !== null)
        .map((x) => x.rssMb ?? 0);
      return values.length > 0 ? Math.min(...values) : null;
    };
    const at20 = floor(15, 30);
    const at60 = floor(40, 65);
    console.log(
      `[soak] ${r.requests} requests, ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(0)} ms, errors ${r.errors}, ` +
        `other non-2xx ${r.unexpected}, statuses ${JSON.stringify(r.statuses)}, kinds ${JSON.stringify(r.byKind)}, ` +
        `RSS floor 15–30 s ${at20?.toFixed(0)} MB → 40–60 s ${at60?.toFixed(0)} MB`,
    );
    for (const e of r.errorExamples) console.log(`[soak]   ${e}`);
    expect(r.errors, r.errorExamples.join('\n')).toBe(0);
    expect(r.unexpected, r.errorExamples.join('\n')).toBe(0);
    expect(r.requests).toBeGreaterThan(100);
    expect(r.byKind.write ?? 0).toBeGreaterThan(0);
    expect(r.byKind.stats ?? 0).toBeGreaterThan(0);
    expect(at20).not.toBeNull();
    expect(at60).not.toBeNull();
    if (at20 !== null && at60 !== null) expect(at60).toBeLessThan(at20 * 1.3);
  }, 180_000);
});
