/**
 * Load benchmark (`npm run bench`): not a timed test, a table to read.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1/yanxiu_bench YANXIU_DATA_DIR=data/bench-city npm run bench
 *   npm run bench                     # SQLite: data/bench-district/yanxiu.db (npm run gen:city -- --scale district)
 *   npm run bench -- --seconds 5 --warm 5 --clients 50 --only people,login --rounds 3
 *
 * Starts the server as a child process on the generated database, logs in (POST /api/auth/login, then
 * POST /api/tokens → Bearer), drives `--clients` concurrent keep-alive clients for `--seconds` per
 * endpoint, and prints p50/p95/req/s, the server's peak RSS and the throughput of a bare node:http
 * handler running the same SQL without the framework (captured from the app; see bench/bare.ts), measured
 * in turn with the app, endpoint by endpoint. `--rounds N` measures each list N times on both in turn and gives
 * the median run, and for app/bare the median of the adjacent pairs' ratios (this VM's speed drifts by a third
 * over minutes: a ratio of runs far apart in time measured the drift).
 * The roster import, the login rate and the .docx go last: the import adds 5,000 people to a school.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { buildServer } from '../scripts/build-server.mjs';
import { buildApp } from '../src/server/app.js';
import { today } from '../src/server/calendar.js';
import { parseDatabaseUrl } from '../src/server/config.js';
import type { Database } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/types.js';
import { personName, seededRandom } from '../src/server/demo/names.js';
import { BACKBONE_LABELS, TITLE_LABELS } from '../src/server/modules/people/people.schema.js';
import { ROSTER_COLUMNS } from '../src/server/modules/people/people.xlsx.js';
import { BENCH_PASSWORD } from './gen-city.js';
import { drive, type LoadResult, percentile, type RequestSpec, rssMb, send } from './load.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}
const SECONDS = Number(arg('seconds', '8'));
const CLIENTS = Number(arg('clients', '50'));
// Load before each measurement, app and bare alike. A process serving its first thousand requests still spends
// CPU on V8's optimising compiler: after 1 s people.school measured 367 req/s, after 10 s 461 req/s.
const WARM = Number(arg('warm', '5'));
const ONLY = arg('only', '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const NO_BARE = process.argv.includes('--no-bare');
// Each list measured this many times on the app and on the bare handler in turn; the table gives the median run.
const ROUNDS = Math.max(1, Number(arg('rounds', '1')));
const DATA_DIR = process.env.YANXIU_DATA_DIR ?? 'data/bench-district';
const URL_ = process.env.DATABASE_URL ?? `sqlite:${path.join(DATA_DIR, 'yanxiu.db')}`;
const config = parseDatabaseUrl(URL_, DATA_DIR);
const APP_PORT = 39170;
const BARE_PORT = 39171;
const wanted = (name: string) => ONLY.length === 0 || ONLY.some((o) => name.startsWith(o));

// ------------------------------------------------------------------ processes

function start(args: string[], env: Record<string, string>, ready: (line: string) => boolean): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS: extra node flags for the children, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // The app runs as `npm start` runs it, from the built bundle; the bare handler runs through tsx.
    const loader = args[0].endsWith('.mjs') ? [] : ['--import', 'tsx'];
    const child = spawn(process.execPath, [...extra, ...loader, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready(out)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(`[child] ${d}`);
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${out.slice(-2000)}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

// ------------------------------------------------------------------ capture of the app's SQL

interface Captured {
  sql: string;
  params: unknown[];
}

/** The app in-process on a Kysely that records every statement, to hand the same SQL to the bare handler. */
async function capturingApp() {
  let sink: Captured[] | null = null;
  const log = (event: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => {
    if (event.level === 'query' && sink) sink.push({ sql: event.query.sql, params: [...event.query.parameters] });
  };
  let database: Database;
  if (config.kind === 'sqlite') {
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SQLite(config.file) }), log });
    database = { db, kind: 'sqlite', close: () => db.destroy() };
  } else {
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 2 }) }),
      log,
    });
    database = { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { app } = await buildApp({ database, logLevel: 'silent' });
  return {
    database,
    /**
     * The SELECTs of one request. `warm`: of a third request, as the app answers under load (the first also
     * looks up what the process keeps, such as a filter org's path; the second counts a wide project list's
     * stages once more, for the caller's next pages).
     */
    async capture(
      pathAndQuery: string,
      token: string,
      warm: boolean,
    ): Promise<{ status: number; queries: Captured[] }> {
      const request = { method: 'GET' as const, url: pathAndQuery, headers: { authorization: `Bearer ${token}` } };
      if (warm) for (let i = 0; i < 2; i++) await app.inject(request);
      sink = [];
      const res = await app.inject(request);
      const queries = sink.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
      sink = null;
      return { status: res.statusCode, queries };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

// ------------------------------------------------------------------ helpers

async function loginToken(username: string): Promise<string> {
  const agent = new http.Agent({ keepAlive: false });
  const login = await send(agent, APP_PORT, {
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ username, password: BENCH_PASSWORD })),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${login.body}`);
  const csrf = (JSON.parse(login.body.toString()) as { csrfToken: string }).csrfToken;
  const cookie = [login.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');
  const tok = await send(agent, APP_PORT, {
    method: 'POST',
    path: '/api/tokens',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: Buffer.from(JSON.stringify({ name: 'bench' })),
  });
  if (tok.status !== 200) throw new Error(`token ${username}: ${tok.status} ${tok.body}`);
  return (JSON.parse(tok.body.toString()) as { token: string }).token;
}

/**
 * Removes the people a bench import wrote (employee numbers 'B00001'…; the generator numbers its own
 * '000001'…), so every run imports 5,000 new teachers into the same school of an unchanged dataset: a second
 * import would refuse every row as a duplicate, and keeping them would grow the lists run after run.
 */
async function removeImportedRoster(db: Kysely<DB>, kind: 'sqlite' | 'postgres'): Promise<number> {
  const imported = db.selectFrom('people').select('id').where('employee_no', 'like', 'B%');
  await db.deleteFrom('role_grants').where('person_id', 'in', imported).execute();
  await db.deleteFrom('person_groups').where('person_id', 'in', imported).execute();
  await db.deleteFrom('accounts').where('person_id', 'in', imported).execute();
  const r = await db.deleteFrom('people').where('employee_no', 'like', 'B%').executeTakeFirst();
  const removed = Number(r.numDeletedRows);
  // The rows are gone but their dead versions stay until a vacuum, and this machine's PostgreSQL runs with
  // autovacuum off: without this, each run left 5,000 dead people (and their grants) for the next to scan.
  if (removed > 0 && kind === 'postgres') {
    await sql`vacuum analyze people, accounts, role_grants, person_groups`.execute(db);
  }
  return removed;
}

async function rosterXlsx(rows: number, groupName: string, seed: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  const r = seededRandom(seed);
  const seen = new Set<string>();
  for (let i = 0; i < rows; i++) {
    const gender = r.next() < 0.7 ? 'female' : 'male';
    let name = personName(r, gender);
    let birth = `${r.int(1965, 2002)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    while (seen.has(`${name}|${birth}`)) {
      name = personName(r, gender);
      birth = `${r.int(1965, 2002)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    }
    seen.add(`${name}|${birth}`);
    const values: Record<string, string> = {
      name,
      gender: gender === 'female' ? '女' : '男',
      birthDate: birth,
      hireDate: '',
      subjects: '语文',
      groups: groupName,
      title: TITLE_LABELS.level1,
      backboneLevel: BACKBONE_LABELS.none,
      employeeNo: `B${String(i + 1).padStart(5, '0')}`,
      phone: '',
      email: '',
      username: '',
      password: '',
    };
    ws.addRow(ROSTER_COLUMNS.map((c) => values[c.key] ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(field: string, filename: string, data: Buffer) {
  const boundary = `----yanxiubench${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ------------------------------------------------------------------ the run

interface Row {
  name: string;
  target: string;
  result: LoadResult | null;
  bare: LoadResult | null;
  /** app/bare of each round's adjacent pair of runs: by req/s and per CPU-second. */
  pairs?: { rps: number; cpu: number | null }[];
  note: string;
  ok: boolean | null;
}

/** The median of some numbers (NaN for none). */
function middle(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length === 0 ? Number.NaN : v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** The run with the median req/s (of an even number, the lower middle). */
function median(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const fmt = (n: number | null | undefined, d = 1) => (n == null || Number.isNaN(n) ? '—' : n.toFixed(d));

function printTable(rows: Row[], header: string) {
  const lines = [
    header,
    '',
    '| endpoint | target | p50 ms | p95 ms | req/s | req/CPU-s | errors | peak RSS MB | bare req/s | bare req/CPU-s | app/bare req/s | app/bare per CPU | met |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const x = r.result;
    const b = r.bare;
    const ratio = (a: number | null | undefined, c: number | null | undefined) => (a && c ? fmt(a / c, 2) : '—');
    // Measured in adjacent pairs, the ratio is the median of the pairs' ratios.
    const byRps = r.pairs?.length ? fmt(middle(r.pairs.map((q) => q.rps)), 2) : ratio(x?.rps, b?.rps);
    const perCpu = r.pairs?.length
      ? fmt(middle(r.pairs.flatMap((q) => (q.cpu === null ? [] : [q.cpu]))), 2)
      : ratio(x?.perCpuSecond, b?.perCpuSecond);
    lines.push(
      `| ${r.name} | ${r.target} | ${fmt(x?.p50)} | ${fmt(x?.p95)} | ${fmt(x?.rps, 0)} | ${fmt(x?.perCpuSecond, 0)} | ${x ? x.errors : '—'} | ${fmt(x?.maxRssMb, 0)} | ${fmt(b?.rps, 0)} | ${fmt(b?.perCpuSecond, 0)} | ${byRps} | ${perCpu} | ${r.ok === null ? '—' : r.ok ? 'yes' : 'NO'}${r.note ? ` (${r.note})` : ''} |`,
    );
  }
  console.log(lines.join('\n'));
  return lines.join('\n');
}

/** Share of the machine's CPU time that was idle over `ms` (from /proc/stat). */
async function idleShare(ms: number): Promise<number> {
  const read = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/**
 * Waits (up to two minutes) until the machine is at least 90 % idle for a second: PostgreSQL's autovacuum after
 * the last run's import, or a run just ended, otherwise takes its share of the two cores from the first endpoints
 * (SQLite people.school measured 424 req/s just after a PostgreSQL run, 605-676 on a quiet machine).
 */
async function waitForQuiet() {
  const until = performance.now() + 120_000;
  let idle = await idleShare(1000);
  if (idle >= 0.9) return;
  console.log(`[bench] waiting for a quiet machine (idle ${(idle * 100).toFixed(0)} %)…`);
  while (idle < 0.9 && performance.now() < until) idle = await idleShare(1000);
  console.log(`[bench] idle ${(idle * 100).toFixed(0)} %${idle < 0.9 ? ' after two minutes: measuring anyway' : ''}`);
}

let loadAtStart = '';

async function main() {
  if (!process.argv.includes('--no-wait')) await waitForQuiet();
  loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  console.log(
    `[bench] ${config.kind} ${config.kind === 'sqlite' ? config.file : config.url.replace(/:[^:@/]*@/, ':***@')}`,
  );
  console.log(
    `[bench] ${CLIENTS} clients, ${SECONDS} s per endpoint after ${WARM} s of warm-up, ${os.cpus().length} CPUs, node ${process.version}, app processes ${process.env.YANXIU_WORKERS ?? 1}`,
  );
  const serverEnv = {
    DATABASE_URL: URL_,
    YANXIU_DATA_DIR: DATA_DIR,
    PORT: String(APP_PORT),
    HOST: '127.0.0.1',
    YANXIU_DEMO: 'off',
    YANXIU_LOG: 'warn',
    // As `npm start` sets it (README, configuration).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  };
  process.env.YANXIU_DATA_DIR = DATA_DIR;
  // Measure after each process's run of the hourly jobs at start: its catch-up of the search index scans every
  // record (4.4 s of PostgreSQL on the city) and had overlapped the first endpoints.
  const workers = Number(process.env.YANXIU_WORKERS ?? 1);
  const startRunsDone = (out: string) => out.split('启动时的例行任务已完成').length - 1 >= workers;
  const began = performance.now();
  const server = await start([await buildServer()], serverEnv, (out) => out.includes('已启动') && startRunsDone(out));
  console.log(`[bench] server up, its jobs at start done, after ${((performance.now() - began) / 1000).toFixed(1)} s`);
  const pid = server.pid ?? 0;
  // Interrupted (Ctrl-C, timeout): take the server down with us.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      server.kill('SIGTERM');
      process.exit(130);
    });
  const idleRss = rssMb(pid);
  console.log(`[bench] server pid ${pid}, idle RSS ${fmt(idleRss, 0)} MB`);
  const cap = await capturingApp();
  const rows: Row[] = [];
  const plans: Record<string, Captured[]> = {};
  let coldPeakRss = 0;
  try {
    const db = cap.database.db;
    const on = today();
    const city = await db.selectFrom('orgs').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow();
    const account = (u: string) =>
      db
        .selectFrom('accounts')
        .innerJoin('people', 'people.id', 'accounts.person_id')
        .select(['people.org_id'])
        .where('accounts.username', '=', u)
        .executeTakeFirstOrThrow();
    const school = (await account('s001')).org_id ?? '';
    const importSchool = (await account('s002')).org_id ?? '';
    const district = (await account('d01')).org_id ?? '';
    const term = await db
      .selectFrom('terms')
      .select('id')
      .where('starts_on', '<=', on)
      .where('ends_on', '>=', on)
      .executeTakeFirstOrThrow();
    const tokens = { city: await loginToken('city'), director: await loginToken('s001') };
    const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });

    const LIST = { p95: 50, rps: 1000 };
    const endpoints: { name: string; who: keyof typeof tokens; path: string; p95: number; rps?: number }[] = [
      { name: 'people.school', who: 'director', path: `/api/people?orgId=${school}&page=1&pageSize=20`, ...LIST },
      {
        name: 'people.filter',
        who: 'city',
        path: `/api/people?orgId=${district}&subject=${encodeURIComponent('数学')}&title=level1&page=2&pageSize=20`,
        ...LIST,
      },
      { name: 'projects.school', who: 'director', path: `/api/projects?orgId=${school}&page=1&pageSize=20`, ...LIST },
      {
        name: 'projects.filter',
        who: 'city',
        path: `/api/projects?stage=in_progress&level=district&page=1&pageSize=20`,
        ...LIST,
      },
      { name: 'works.school', who: 'director', path: `/api/works?orgId=${school}&page=1&pageSize=20`, ...LIST },
      {
        name: 'works.filter',
        who: 'city',
        path: `/api/works?orgId=${district}&kind=paper&page=1&pageSize=20`,
        ...LIST,
      },
      { name: 'stats.school', who: 'director', path: `/api/stats?orgId=${school}&termId=${term.id}`, p95: 100 },
      { name: 'stats.city', who: 'city', path: `/api/stats?orgId=${city.id}&termId=${term.id}`, p95: 300 },
    ];

    // Probe and capture every endpoint first (a missing route answers 404 and is skipped).
    const live: typeof endpoints = [];
    for (const e of endpoints) {
      if (!wanted(e.name)) continue;
      const probeStart = performance.now();
      // The first answer is the cold one (dashboards compute; later callers share the result for a minute):
      // its memory is sampled too, as a city's cold figures are the largest the server holds.
      let probeRss = rssMb(pid) ?? 0;
      const sampler = setInterval(() => {
        probeRss = Math.max(probeRss, rssMb(pid) ?? 0);
      }, 50);
      const probe = await send(new http.Agent(), APP_PORT, {
        method: 'GET',
        path: e.path,
        headers: auth(e.who),
      }).finally(() => clearInterval(sampler));
      coldPeakRss = Math.max(coldPeakRss, probeRss);
      console.log(
        `[bench] ${e.name}: first request ${(performance.now() - probeStart).toFixed(0)} ms, peak RSS ${fmt(probeRss, 0)} MB`,
      );
      if (probe.status !== 200) {
        rows.push({
          name: e.name,
          target: `p95<${e.p95}`,
          result: null,
          bare: null,
          note: `HTTP ${probe.status}: not measured`,
          ok: null,
        });
        console.log(`[bench] ${e.name}: HTTP ${probe.status} ${probe.body.toString().slice(0, 160)}`);
        continue;
      }
      // Lists as under load; a dashboard's statements are those of its computation (later callers share it).
      const c = await cap.capture(e.path, tokens[e.who], e.rps !== undefined);
      plans[e.name] = c.queries;
      live.push(e);
    }
    const planFile = path.join(os.tmpdir(), 'yanxiu-bench-plans.json');
    fs.writeFileSync(planFile, JSON.stringify(plans));

    // The bare handler runs beside the app, and each list is measured on both in turn (app, bare, app, bare…):
    // this VM's speed drifts by a third over minutes, so a ratio of two runs minutes apart measured the drift.
    const bare =
      !NO_BARE && live.some((e) => !e.name.startsWith('stats.'))
        ? await start(['bench/bare.ts', planFile, String(BARE_PORT)], serverEnv, (out) => out.includes('listening'))
        : null;
    try {
      const measure = async (port: number, e: (typeof live)[number], pidOf: number) => {
        const spec = (): RequestSpec =>
          port === APP_PORT
            ? { method: 'GET', path: e.path, headers: auth(e.who) }
            : { method: 'GET', path: `/${e.name}` };
        await drive({ port, clients: CLIENTS, seconds: WARM, spec });
        return drive({ port, clients: CLIENTS, seconds: SECONDS, pid: pidOf, spec });
      };
      for (const e of live) {
        // Dashboards answer from figures computed once a minute; a bare handler re-running their hundreds to
        // thousands of statements per request is no baseline for that (and exhausts memory at city scale).
        const withBare = bare !== null && !e.name.startsWith('stats.');
        const apps: LoadResult[] = [];
        const bares: LoadResult[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          apps.push(await measure(APP_PORT, e, pid));
          if (withBare && bare.pid) bares.push(await measure(BARE_PORT, e, bare.pid));
        }
        const result = median(apps);
        const b = bares.length > 0 ? median(bares) : null;
        const ok = result.p95 < e.p95 && (e.rps === undefined || result.rps >= e.rps) && result.errors === 0;
        rows.push({
          name: e.name,
          target: `p95<${e.p95}${e.rps ? `, ≥${e.rps}/s` : ''}`,
          result,
          bare: b,
          pairs: bares.map((x, i) => ({
            rps: apps[i].rps / x.rps,
            cpu: apps[i].perCpuSecond && x.perCpuSecond ? apps[i].perCpuSecond / x.perCpuSecond : null,
          })),
          note: `${plans[e.name].length} SQL${ROUNDS > 1 ? `; median of ${ROUNDS}: ${apps.map((a) => fmt(a.rps, 0)).join(', ')}${b ? ` / bare ${bares.map((x) => fmt(x.rps, 0)).join(', ')}` : ''}` : ''}`,
          ok,
        });
        console.log(
          `[bench] ${e.name}: p50 ${fmt(result.p50)} p95 ${fmt(result.p95)} ${fmt(result.rps, 0)}/s errors ${result.errors}` +
            (b ? `; bare p50 ${fmt(b.p50)} p95 ${fmt(b.p95)} ${fmt(b.rps, 0)}/s errors ${b.errors}` : ''),
        );
      }
    } finally {
      if (bare) await stop(bare);
    }

    // The semester summary (.docx): one at a time, 10 times.
    if (wanted('summary')) {
      const p = `/api/reports/semester-summary.docx?orgId=${school}&termId=${term.id}`;
      const agent = new http.Agent({ keepAlive: true });
      const first = await send(agent, APP_PORT, { method: 'GET', path: p, headers: auth('director') });
      if (first.status !== 200) {
        rows.push({
          name: 'summary.docx (school)',
          target: '<1000 ms',
          result: null,
          bare: null,
          note: `HTTP ${first.status}: not measured`,
          ok: null,
        });
      } else {
        const times: number[] = [];
        for (let i = 0; i < 10; i++) {
          const t = performance.now();
          await send(agent, APP_PORT, { method: 'GET', path: p, headers: auth('director') });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const result: LoadResult = {
          requests: 10,
          errors: 0,
          statuses: { 200: 10 },
          seconds: times.reduce((s, t) => s + t, 0) / 1000,
          rps: 10_000 / times.reduce((s, t) => s + t, 0),
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          maxRssMb: rssMb(pid),
          perCpuSecond: null,
        };
        rows.push({
          name: 'summary.docx (school, sequential)',
          target: '<1000 ms',
          result,
          bare: null,
          note: `${first.body.length} bytes`,
          ok: result.p95 < 1000,
        });
      }
    }

    // Login: distinct teacher accounts, the full scrypt verify each time.
    if (wanted('login')) {
      const body = (c: number) =>
        Buffer.from(
          JSON.stringify({ username: `t001${String((c % 99) + 2).padStart(3, '0')}`, password: BENCH_PASSWORD }),
        );
      const spec = (c: number): RequestSpec => ({
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        body: body(c),
      });
      const result = await drive({ port: APP_PORT, clients: CLIENTS, seconds: SECONDS, pid, spec });
      rows.push({
        name: 'login (scrypt N=2^14)',
        target: '≥100/s',
        result,
        bare: null,
        note: '',
        ok: result.rps >= 100 && result.errors === 0,
      });
      console.log(
        `[bench] login: p50 ${fmt(result.p50)} p95 ${fmt(result.p95)} ${fmt(result.rps, 0)}/s errors ${result.errors}`,
      );
    }

    // Roster import of 5,000 teachers into school 2 (no accounts in the sheet).
    if (wanted('import')) {
      const left = await removeImportedRoster(db, config.kind);
      if (left) console.log(`[bench] removed ${left} people an earlier run imported`);
      const group = await db
        .selectFrom('orgs')
        .select('name')
        .where('parent_id', '=', importSchool)
        .where('kind', '=', 'group')
        .orderBy('sort')
        .executeTakeFirstOrThrow();
      const xlsx = await rosterXlsx(5000, group.name, 5000);
      const { body, contentType } = multipart('file', 'roster.xlsx', xlsx);
      let maxRss = rssMb(pid) ?? 0;
      const sampler = setInterval(() => {
        maxRss = Math.max(maxRss, rssMb(pid) ?? 0);
      }, 100);
      const t = performance.now();
      const res = await send(new http.Agent(), APP_PORT, {
        method: 'POST',
        path: `/api/people/import?orgId=${importSchool}`,
        headers: { ...auth('city'), 'content-type': contentType },
        body,
      });
      const ms = performance.now() - t;
      clearInterval(sampler);
      const result: LoadResult = {
        requests: 1,
        errors: res.status === 200 ? 0 : 1,
        statuses: { [res.status]: 1 },
        seconds: ms / 1000,
        rps: 1000 / ms,
        p50: ms,
        p95: ms,
        p99: ms,
        maxRssMb: maxRss,
        perCpuSecond: null,
      };
      rows.push({
        name: 'roster import 5,000 (.xlsx)',
        target: '<10000 ms',
        result,
        bare: null,
        note:
          res.status === 200
            ? res.body.toString().slice(0, 40)
            : `HTTP ${res.status} ${res.body.toString().slice(0, 120)}`,
        ok: res.status === 200 && ms < 10_000,
      });
      console.log(`[bench] import: ${fmt(ms, 0)} ms HTTP ${res.status}`);
      console.log(`[bench] removed the ${await removeImportedRoster(db, config.kind)} imported people again`);
    }
  } finally {
    await cap.close();
    await stop(server);
  }
  const peak = Math.max(coldPeakRss, ...rows.map((r) => r.result?.maxRssMb ?? 0));
  const table = printTable(
    rows,
    `### ${config.kind} — app processes ${process.env.YANXIU_WORKERS ?? 1}, ${CLIENTS} clients, ${SECONDS} s per endpoint after ${WARM} s of warm-up, ${os.cpus().length} CPUs (shared; load average at start ${loadAtStart}), ${new Date().toISOString().slice(0, 16)}Z`,
  );
  console.log(
    `\nserver RSS: idle ${fmt(idleRss, 0)} MB, peak ${fmt(peak, 0)} MB with the cold first requests (their own peak ${fmt(coldPeakRss, 0)} MB; target < 400 MB: ${peak < 400 ? 'yes' : 'NO'})`,
  );
  const out = arg('out', '');
  if (out) fs.writeFileSync(out, `${table}\n\nserver RSS: idle ${fmt(idleRss, 0)} MB, peak ${fmt(peak, 0)} MB\n`);
}

main().catch((err) => {
  console.error('[bench] failed:', err instanceof Error ? err.stack : err);
  process.exit(1);
});
