import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { buildServer } from '../scripts/build-server.mjs';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export const ADMIN_PASSWORD = 'Admin-12345';

/** The server bundle, built once per process from the current source (what `npm start` runs). */
let bundle: Promise<string> | null = null;
export const serverBundle = () => {
  bundle ??= buildServer();
  return bundle;
};

/**
 * The real server (the bundle of `src/server/main.ts`, as `npm start` runs it) as a child process on the given database, until it is listening.
 * The demo is off unless asked for (the soak runs on it); the pipes keep draining, remembering server errors.
 */
export async function startServer(
  databaseUrl: string,
  dataDir: string,
  opts: { demo?: boolean; startTimeoutMs?: number; env?: Record<string, string> } = {},
) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [await serverBundle()], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      YANXIU_DATA_DIR: dataDir,
      YANXIU_DEMO: opts.demo ? 'on' : 'off',
      YANXIU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      YANXIU_LOG: 'error',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // A server that never starts is killed (with its workers): a test must not leave it spinning.
    const timer = setTimeout(() => {
      for (const p of childPids(child.pid ?? 0)) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, opts.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('已启动')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  // Keep draining the pipes so the child never blocks on a full buffer; remember what it printed.
  const serverErrors: string[] = [];
  const keep = (chunk: Buffer) => {
    if (serverErrors.length < 50) serverErrors.push(chunk.toString().slice(0, 500));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    port,
    child,
    serverErrors,
    /** SIGTERM (graceful), then SIGKILL after 10 s. */
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
    /** kill -9: no shutdown hooks, no flush. */
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** A signed-in browser-like session against a running server: cookie and CSRF header. */
export async function signIn(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A JSON request with a session (to any of the processes: the session lives in the database). */
export async function call(
  base: string,
  session: { cookie: string; csrf: string },
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The ids of a process's children (Linux /proc; empty elsewhere): cluster workers, tsx's esbuild helper. */
export function childPids(pid: number): number[] {
  // The kernel's per-thread child lists: a walk over every /proc entry took 2 ms per call, which the
  // bench's load driver paid ten times a second. The walk stays for kernels without those lists.
  try {
    const out: number[] = [];
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(' ').map(Number));
    }
    return out;
  } catch {
    // no such process, or no child lists
  }
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(e)] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
}
