/**
 * Times every GET route without a path parameter once cold and once warm, as the city office, a district
 * office (d01) and a school director (s001), on the generated dataset: the lists the load benchmark does not
 * drive are where a slow statement hides (a district's growth list once ran for minutes).
 *
 *   DATABASE_URL=… YANXIU_DATA_DIR=data/bench-city npx tsx bench/scan.ts [--min-ms 300] [--timeout 20] [--only growth]
 *
 * Each request gets the caller's own org as `orgId` and the current term as `termId`; a route that refuses a
 * parameter answers 400 and is shown as such. A request still running after the timeout is reported and
 * cancelled in the database. Prints the requests at or over --min-ms (all with --min-ms 0), slowest first, with
 * how far the heap rose above its level before the cold request (sampled every 5 ms; run node with --expose-gc
 * to collect before each request, e.g. `node --expose-gc --heap-growing-percent=30 --import tsx bench/scan.ts`).
 * `--files` also times the .xlsx and .docx downloads (a city's roster once peaked at 700 MB of heap).
 */
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { today } from '../src/server/calendar.js';
import { parseDatabaseUrl } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { BENCH_PASSWORD } from './gen-city.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const MIN_MS = Number(arg('min-ms', '300'));
const TIMEOUT_MS = Number(arg('timeout', '20')) * 1000;
const ONLY = arg('only', '');
const FILES = process.argv.includes('--files');
const DATA_DIR = process.env.YANXIU_DATA_DIR ?? 'data/bench-district';
const config = parseDatabaseUrl(process.env.DATABASE_URL ?? `sqlite:${path.join(DATA_DIR, 'yanxiu.db')}`, DATA_DIR);
/** Whole documents and archives: timed by the load benchmark (the .docx) or not lists at all. */
const SKIP = FILES
  ? /\/(download|zip|template|openapi|events|stream)\b|^\/api\/auth\/|\.zip$/
  : /\/(export|download|docx|xlsx|zip|template|openapi|events|stream)\b|^\/api\/auth\//;
/** The heap's rise above `base` while `run` runs, in MB. */
async function heapRise<T>(run: () => Promise<T>): Promise<{ value: T; mb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, mb: (peak - base) / 1e6 };
  } finally {
    clearInterval(sampler);
  }
}

interface Timing {
  who: string;
  url: string;
  status: number | 'timeout';
  coldMs: number;
  warmMs: number | null;
  /** The heap's rise during the cold request, MB. */
  heapMb: number;
}

async function cancelRunning() {
  if (config.kind !== 'postgres') return;
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  await client.query(
    `select pg_cancel_backend(pid) from pg_stat_activity
      where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
  );
  await client.end();
}

async function main() {
  const database = openDatabase(config);
  const { app, routes } = await buildApp({ database, logLevel: 'silent' });
  const { db } = database;
  const on = today();
  const term = await db
    .selectFrom('terms')
    .select('id')
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on)
    .executeTakeFirst();
  const callers: { who: string; cookie: string; orgId: string }[] = [];
  for (const who of ['city', 'd01', 's001']) {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: who, password: BENCH_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`login ${who}: ${login.statusCode} ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const me = await db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select('people.org_id')
      .where('accounts.username', '=', who)
      .executeTakeFirstOrThrow();
    callers.push({ who, cookie, orgId: me.org_id ?? '' });
  }
  const urls = [
    ...new Set(
      routes
        .filter((r) => r.method === 'GET' && !r.url.includes(':') && r.url.startsWith('/api/') && !SKIP.test(r.url))
        .map((r) => r.url),
    ),
  ]
    .filter((u) => !ONLY || ONLY.split(',').some((o) => u.includes(o)))
    .sort();
  console.log(`[scan] ${urls.length} routes × ${callers.length} callers on ${config.kind}`);
  const timings: Timing[] = [];
  for (const url of urls) {
    for (const c of callers) {
      const query = new URLSearchParams({ orgId: c.orgId, ...(term ? { termId: term.id } : {}) });
      const request = { method: 'GET' as const, url: `${url}?${query}`, headers: { cookie: c.cookie } };
      const once = async (): Promise<{ status: number | 'timeout'; ms: number }> => {
        const t0 = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
        });
        const res = await Promise.race([app.inject(request), timeout]);
        clearTimeout(timer);
        const ms = performance.now() - t0;
        if (res === 'timeout') {
          await cancelRunning();
          return { status: 'timeout', ms };
        }
        return { status: res.statusCode, ms };
      };
      const { value: cold, mb } = await heapRise(once);
      const warm = cold.status === 'timeout' ? null : await once();
      timings.push({ who: c.who, url, status: cold.status, coldMs: cold.ms, warmMs: warm?.ms ?? null, heapMb: mb });
    }
  }
  const shown = timings.filter((t) => t.coldMs >= MIN_MS || (t.warmMs ?? 0) >= MIN_MS);
  shown.sort((a, b) => Math.max(b.coldMs, b.warmMs ?? 0) - Math.max(a.coldMs, a.warmMs ?? 0));
  console.log(
    `\n| route | caller | status | cold ms | warm ms | heap rise MB |\n| --- | --- | --- | --- | --- | --- |`,
  );
  for (const t of shown) {
    const warm = t.warmMs === null ? '—' : t.warmMs.toFixed(0);
    console.log(`| ${t.url} | ${t.who} | ${t.status} | ${t.coldMs.toFixed(0)} | ${warm} | ${t.heapMb.toFixed(0)} |`);
  }
  const heaviest = [...timings].sort((a, b) => b.heapMb - a.heapMb).slice(0, 8);
  console.log(
    `\n[scan] the heap's largest rises: ${heaviest.map((t) => `${t.who} ${t.url} ${t.heapMb.toFixed(0)} MB`).join('; ')}`,
  );
  const errors = timings.filter((t) => t.status === 'timeout' || (typeof t.status === 'number' && t.status >= 500));
  const refused = timings.filter((t) => typeof t.status === 'number' && t.status >= 400 && t.status < 500).length;
  console.log(
    `\n[scan] ${timings.length} requests; ${shown.length} at or over ${MIN_MS} ms; ${refused} answered 4xx; ` +
      `${errors.length} timed out or failed${errors.length ? `: ${errors.map((e) => `${e.who} ${e.url}`).join(', ')}` : ''}`,
  );
  await app.close();
  await database.close();
  if (errors.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
