import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
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

/**
 * Resident memory in MB of a process and its children (cluster workers), or null when unreadable: each process's
 * own pages (anonymous and shared memory) plus the largest one's file pages, counted once. The workers map the same
 * node binary and libraries (about 50 MB each), which a sum of VmRSS counted once per process; for one process the
 * figure is its VmRSS.
 */
export function rssMb(pid: number): number | null {
  let own: number | null = null;
  let files = 0;
  for (const p of [pid, ...childPids(pid)]) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      own = (own ?? 0) + kb('RssAnon') + kb('RssShmem');
      files = Math.max(files, kb('RssFile'));
    } catch {
      // gone meanwhile
    }
  }
  return own === null ? null : (own + files) / 1024;
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
 * One keep-alive HTTP/1.1 connection that sends a request and reads its answer by hand (status line,
 * Content-Length or chunked body). node:http's client cost the load driver about 1.5 ms of CPU per request
 * on this VM, CPU the server under test then lacked on the same two cores.
 */
class RawConnection {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (err: Error) => void } | null = null;

  constructor(private readonly port: number) {}

  request(spec: RequestSpec): Promise<number> {
    const socket = this.socket ?? this.connect();
    const head = [`${spec.method} ${spec.path} HTTP/1.1`, `host: 127.0.0.1:${this.port}`];
    for (const [k, v] of Object.entries(spec.headers ?? {})) head.push(`${k}: ${v}`);
    if (spec.body) head.push(`content-length: ${spec.body.length}`);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      if (spec.body) socket.write(spec.body);
    });
  }

  close() {
    this.socket?.destroy();
  }

  private connect(): net.Socket {
    const socket = net.connect(this.port, '127.0.0.1');
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.parse();
    });
    const fail = (err: Error) => {
      this.socket = null;
      this.buffered = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  /** Resolves the waiting request once its whole answer is in the buffer. */
  private parse() {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let used: number;
    if (length) {
      used = end + 4 + Number(length[1]);
      if (this.buffered.length < used) return;
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      let at = end + 4;
      for (;;) {
        const line = this.buffered.indexOf('\r\n', at);
        if (line < 0) return;
        const size = Number.parseInt(this.buffered.subarray(at, line).toString('latin1'), 16);
        at = line + 2 + size + 2;
        if (this.buffered.length < at) return;
        if (size === 0) break;
      }
      used = at;
    } else {
      used = end + 4;
    }
    this.buffered = this.buffered.subarray(used);
    const w = this.waiting;
    this.waiting = null;
    w.resolve(status);
  }
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
  const connections = Array.from({ length: opts.clients }, () => new RawConnection(opts.port));
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
        const status = await connections[c].request(opts.spec(c, n++));
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 400) errors++;
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
  for (const connection of connections) connection.close();
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
