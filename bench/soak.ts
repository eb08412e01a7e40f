/**
 * Soak: the real server (its bundle, as `npm start` runs it; demo loaded) under a steady mixed load for a
 * while, watching errors, latency and memory. `npm run soak -- --minutes 10 [--clients 20]`; DATABASE_URL=postgres://… to run
 * on PostgreSQL (the database must be empty), else a fresh SQLite file in a temp directory.
 * Memory is "flat" when the RSS at the end is within +20% of the RSS after the first minute.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../test/server-process.js';
import { percentile, rssMb } from './load.js';

const DEMO_PASSWORD = 'demo2026';
const USERS = ['director', 'leader', 'zuzhang', 'teacher', 'district'];
const QUERIES = ['语文', '课题', '观察', '实验', '数学'];

/** The real server as a child process with the demo loaded (the demo takes a while on a busy machine). */
export function startDemoServer(databaseUrl: string, dataDir: string) {
  return startServer(databaseUrl, dataDir, { demo: true, startTimeoutMs: 180_000 });
}

interface Answer {
  status: number;
  body: string;
  cookie: string | null;
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const h: Record<string, string | number> = { ...headers };
    if (payload) {
      h['content-type'] = 'application/json';
      h['content-length'] = payload.length;
    }
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const setCookie = res.headers['set-cookie']?.[0];
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export interface SoakSample {
  second: number;
  rssMb: number | null;
  requests: number;
}

export interface SoakResult {
  seconds: number;
  requests: number;
  /** 5xx answers, connection errors and timeouts. */
  errors: number;
  /** Answers other than 2xx that were not 5xx (should be none: the mix only sends valid requests). */
  unexpected: number;
  statuses: Record<string, number>;
  byKind: Record<string, number>;
  rps: number;
  p95: number;
  samples: SoakSample[];
  errorExamples: string[];
}

/** Drives `clients` concurrent clients against the server at `port` for `seconds`, sampling RSS of `pid`. */
export async function soak(opts: {
  port: number;
  pid: number;
  seconds: number;
  clients: number;
  sampleEverySeconds?: number;
  writeEvery?: number;
  reloginEvery?: number;
}): Promise<SoakResult> {
  const { port, pid, seconds, clients } = opts;
  const writeEvery = opts.writeEvery ?? 10;
  const reloginEvery = opts.reloginEvery ?? 100;
  const sampleEvery = opts.sampleEverySeconds ?? 10;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const errorExamples: string[] = [];
  let requests = 0;
  let errors = 0;
  let unexpected = 0;
  const samples: SoakSample[] = [{ second: 0, rssMb: rssMb(pid), requests: 0 }];
  const sampler = setInterval(() => {
    samples.push({ second: Math.round((Date.now() - started) / 1000), rssMb: rssMb(pid), requests });
  }, sampleEvery * 1000);

  async function timed(
    kind: string,
    agent: http.Agent,
    method: string,
    url: string,
    h: Record<string, string>,
    b?: unknown,
  ) {
    const t0 = performance.now();
    try {
      const a = await request(agent, port, method, url, h, b);
      latencies.push(performance.now() - t0);
      requests++;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      if (a.status >= 500) {
        errors++;
        if (errorExamples.length < 10) errorExamples.push(`${method} ${url} → ${a.status} ${a.body.slice(0, 200)}`);
      } else if (a.status >= 300) {
        unexpected++;
        if (errorExamples.length < 10) errorExamples.push(`${method} ${url} → ${a.status} ${a.body.slice(0, 200)}`);
      }
      return a;
    } catch (err) {
      requests++;
      errors++;
      if (errorExamples.length < 10) errorExamples.push(`${method} ${url} → ${String(err)}`);
      return null;
    }
  }

  async function client(index: number) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const username = USERS[index % USERS.length] ?? 'director';
    let headers: Record<string, string> = {};
    const login = async () => {
      const a = await timed('login', agent, 'POST', '/api/auth/login', {}, { username, password: DEMO_PASSWORD });
      if (a?.status === 200 && a.cookie) {
        const { csrfToken } = JSON.parse(a.body) as { csrfToken: string };
        headers = { cookie: a.cookie, 'x-csrf-token': csrfToken };
      }
    };
    await login();
    // The dashboard's figures are per org and term: the caller's own org and the current term.
    const me = await request(agent, port, 'GET', '/api/me', headers);
    const orgId = me.status === 200 ? ((JSON.parse(me.body) as { orgId: string | null }).orgId ?? '') : '';
    const terms = await request(agent, port, 'GET', '/api/terms', headers);
    const termList =
      terms.status === 200 ? (JSON.parse(terms.body) as { items: { id: string; current: boolean }[] }).items : [];
    const termId = (termList.find((t) => t.current) ?? termList[0])?.id ?? '';
    const statsUrl = `/api/stats?orgId=${encodeURIComponent(orgId)}&termId=${encodeURIComponent(termId)}`;
    let n = 0;
    while (Date.now() < deadline) {
      n++;
      if (n % reloginEvery === 0) {
        await timed('logout', agent, 'POST', '/api/auth/logout', headers, {});
        await login();
        continue;
      }
      if (n % writeEvery === 0) {
        // A real write with its audit entry, undone right away so the data stays the same size.
        const a = await timed('write', agent, 'POST', '/api/tokens', headers, { name: `soak ${index}-${n}` });
        if (a?.status === 200) {
          const { id } = JSON.parse(a.body) as { id: string };
          await timed('write', agent, 'DELETE', `/api/tokens/${id}`, headers);
        }
        continue;
      }
      const q = QUERIES[n % QUERIES.length] ?? '语文';
      const page = 1 + (n % 3);
      const reads: [string, string][] = [
        ['people', `/api/people?page=${page}&pageSize=20`],
        ['projects', `/api/projects?page=1&pageSize=20`],
        // Only the school and district leaders see the dashboard; the others read their own page instead.
        ['stats', ['director', 'leader', 'district'].includes(username) ? statsUrl : '/api/me'],
        ['search', `/api/search?q=${encodeURIComponent(q)}`],
        ['works', '/api/works?page=1&pageSize=20'],
        ['me', '/api/me'],
      ];
      const [kind, url] = reads[n % reads.length] ?? ['me', '/api/me'];
      await timed(kind, agent, 'GET', url, headers);
    }
    agent.destroy();
  }

  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  clearInterval(sampler);
  samples.push({ second: Math.round((Date.now() - started) / 1000), rssMb: rssMb(pid), requests });
  latencies.sort((a, b) => a - b);
  const elapsed = (Date.now() - started) / 1000;
  return {
    seconds: elapsed,
    requests,
    errors,
    unexpected,
    statuses,
    byKind,
    rps: requests / elapsed,
    p95: percentile(latencies, 95),
    samples,
    errorExamples,
  };
}

/** The sample closest to a second (RSS in MB). */
export function rssAt(samples: SoakSample[], second: number): number | null {
  let best: SoakSample | undefined;
  for (const s of samples) if (!best || Math.abs(s.second - second) < Math.abs(best.second - second)) best = s;
  return best?.rssMb ?? null;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function main() {
  const minutes = arg('minutes', 10);
  const clients = arg('clients', 20);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-soak-'));
  const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${path.join(dir, 'soak.db')}`;
  console.log(`[soak] ${minutes} min, ${clients} clients, database ${databaseUrl.split(':')[0]}; starting server…`);
  const server = await startDemoServer(databaseUrl, dir);
  const pid = server.child.pid ?? 0;
  try {
    const r = await soak({ port: server.port, pid, seconds: minutes * 60, clients });
    const start = rssAt(r.samples, 0);
    const afterFirst = rssAt(r.samples, 60);
    const middle = rssAt(r.samples, (minutes * 60) / 2);
    const end = r.samples.at(-1)?.rssMb ?? null;
    const fmt = (v: number | null) => (v === null ? '?' : `${v.toFixed(0)} MB`);
    console.log(
      `[soak] requests ${r.requests} in ${r.seconds.toFixed(0)} s = ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(1)} ms`,
    );
    console.log(`[soak] errors (5xx/connection) ${r.errors}, other non-2xx ${r.unexpected}`);
    console.log(`[soak] statuses ${JSON.stringify(r.statuses)}`);
    console.log(`[soak] by kind ${JSON.stringify(r.byKind)}`);
    console.log(
      `[soak] RSS start ${fmt(start)}, after 1 min ${fmt(afterFirst)}, middle ${fmt(middle)}, end ${fmt(end)}`,
    );
    console.log(`[soak] RSS samples ${r.samples.map((s) => `${s.second}s:${s.rssMb?.toFixed(0) ?? '?'}`).join(' ')}`);
    // The lowest RSS of each minute: the floor the heap returns to after a collection (a leak raises it).
    const floors: string[] = [];
    for (let m = 0; m < Math.ceil(r.seconds / 60); m++) {
      const inMinute = r.samples.filter((s) => s.second >= m * 60 && s.second < (m + 1) * 60 && s.rssMb !== null);
      const low = Math.min(...inMinute.map((s) => s.rssMb ?? Number.POSITIVE_INFINITY));
      if (Number.isFinite(low)) floors.push(`${m + 1}:${low.toFixed(0)}`);
    }
    console.log(`[soak] RSS floor per minute (MB) ${floors.join(' ')}`);
    const flat = afterFirst !== null && end !== null && end <= afterFirst * 1.2;
    console.log(`[soak] memory ${flat ? 'flat' : 'NOT flat'} (end within +20% of the RSS after the first minute)`);
    for (const e of r.errorExamples) console.log(`[soak]   ${e}`);
    if (server.serverErrors.length > 0) console.log(`[soak] server output:\n${server.serverErrors.join('')}`);
    process.exitCode = r.errors === 0 && flat ? 0 : 1;
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
