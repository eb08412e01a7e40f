import fs from 'node:fs';
import http from 'node:http';
import { childPids } from '../test/server-process.js';

/** One request the load driver sends (per client index, so clients can differ, e.g. logins). */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  maxRssMb: number | null;
  /** Requests answered per CPU-second the server spent (load-independent throughput estimate for one core). */
  perCpuSecond: number | null;
}

/** A figure read from /proc summed over a process and its children (cluster workers); null when unreadable. */
function overTree(pid: number, read: (proc: number) => number | null): number | null {
  let total: number | null = null;
  for (const p of [pid, ...childPids(pid)]) {
    try {
      const v = read(p);
      if (v !== null) total = (total ?? 0) + v;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Resident set size in MB of a process and its children (Linux /proc), or null when unreadable. */
export function rssMb(pid: number): number | null {
  return overTree(pid, (p) => {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  });
}

/** CPU seconds (user + system) a process and its children have used so far (Linux /proc, 100 ticks/s), or null. */
export function cpuSeconds(pid: number): number | null {
  return overTree(pid, (p) => {
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One request over a keep-alive agent; resolves with the status and the drained body length. */
export function send(
  agent: http.Agent,
  port: number,
  spec: RequestSpec,
): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(spec.headers ?? {}) };
    if (spec.body) headers['content-length'] = spec.body.length;
    const req = http.request(
      { host: '127.0.0.1', port, method: spec.method, path: spec.path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (spec.body) req.write(spec.body);
    req.end();
  });
}

/**
 * Drives `clients` concurrent keep-alive connections for `seconds`, each sending its next request as
 * soon as the previous answer arrived (closed loop, like autocannon). Latency per request in ms.
 */
export async function drive(opts: {
  port: number;
  clients: number;
  seconds: number;
  spec: (client: number, n: number) => RequestSpec;
  pid?: number;
  maxRequests?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let maxRss = opts.pid ? (rssMb(opts.pid) ?? 0) : 0;
  const sampler = opts.pid
    ? setInterval(() => {
        const v = rssMb(opts.pid ?? 0);
        if (v !== null && v > maxRss) maxRss = v;
      }, 100)
    : null;
  const cpuBefore = opts.pid ? cpuSeconds(opts.pid) : null;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  let sent = 0;
  const client = async (c: number) => {
    let n = 0;
    while (performance.now() < end && (opts.maxRequests === undefined || sent < opts.maxRequests)) {
      sent++;
      const t = performance.now();
      try {
        const res = await send(agent, opts.port, opts.spec(c, n++));
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400) errors++;
      } catch {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c)));
  const seconds = (performance.now() - start) / 1000;
  if (sampler) clearInterval(sampler);
  const cpuAfter = opts.pid ? cpuSeconds(opts.pid) : null;
  const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    maxRssMb: opts.pid ? maxRss : null,
    perCpuSecond: cpu ? latencies.length / cpu : null,
  };
}
