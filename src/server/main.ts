import cluster from 'node:cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { type Config, loadConfig } from './config.js';
import { isMessage, PREPARE_ENV, PREPARED, RECORDS_CHANGED, workerThreads } from './workers.js';

const WEB_DIR = path.resolve('dist/web');

/**
 * The old generation grows by 30 % past what survived a collection, not by V8's own factor (up to 4x for
 * code that allocates fast). A city's cold dashboard (~120 MB of live rows amid the garbage of 12,600
 * statements) peaked at 553 MB RSS and now at 374 MB; it took 27.3 s against 24.6 s (bench/README.md).
 * Not a cap: a whole-city export that needs more still gets it. A `--heap-growing-percent` given to node wins.
 */
const HEAP_GROWING_PERCENT = 30;
if (!process.execArgv.some((a) => a.startsWith('--heap-growing-percent')))
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

/**
 * libuv's threads (password hashing, file reads, compression): one per CPU, not four. Each thread that has hashed a
 * password keeps that hash's 16 MB of malloc'd memory; the hashing is pure CPU, so threads beyond the cores finish no
 * sooner. Fifty logins at once took two workers from 230 to 384 MB with four threads each and to 308 MB with two
 * (56 logins/s against 50). Several workers share the CPUs' threads (`workerThreads`). Set before anything uses the
 * pool; a `UV_THREADPOOL_SIZE` given wins.
 */
const GIVEN_THREADS = process.env.UV_THREADPOOL_SIZE;
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(2, os.availableParallelism()));

/** Builds the web client when it is missing (the first `npm start` on a fresh checkout). */
async function buildWebIfNeeded() {
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) return;
  console.log('[yanxiu] 首次启动：正在构建网页前端（约 30 秒）…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

/**
 * Several processes on one port (YANXIU_WORKERS): the first worker prepares the database, then the others are
 * forked; node:cluster hands connections to them in turn and a worker that dies is replaced. This process loads
 * none of the app (see process.ts).
 */
function supervise(config: Config) {
  let stopping = false;
  let prepared = false;
  let listening = 0;
  const threads = GIVEN_THREADS ?? String(workerThreads(os.availableParallelism(), config.workers));
  const fork = (env: Record<string, string> = {}) => cluster.fork({ UV_THREADPOOL_SIZE: threads, ...env });
  cluster.on('listening', () => {
    listening++;
    if (listening === config.workers)
      console.log(
        `[yanxiu] 已启动：http://localhost:${config.port}  （数据库：${config.database.kind}，${config.workers} 个进程）`,
      );
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!prepared) {
      // The database could not be prepared (migrations, the first administrator): starting more would fail alike.
      console.error(`[yanxiu] 启动失败：准备数据库的进程退出（${signal ?? code}）`);
      process.exit(1);
    }
    console.warn(`[yanxiu] 进程 ${worker.process.pid} 退出（${signal ?? code}），正在重启`);
    setTimeout(fork, 1000);
  });
  cluster.on('message', (from, m) => {
    if (isMessage(m, PREPARED) && !prepared) {
      prepared = true;
      for (let i = 1; i < config.workers; i++) fork();
      return;
    }
    if (!isMessage(m, RECORDS_CHANGED)) return;
    for (const w of Object.values(cluster.workers ?? {})) if (w && w !== from && w.isConnected()) w.send(m);
  });
  fork({ [PREPARE_ENV]: '1' });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main() {
  const config = loadConfig();
  if (cluster.isPrimary && process.argv.includes('--build-if-needed')) await buildWebIfNeeded();
  if (cluster.isPrimary && config.workers > 1) {
    supervise(config);
    return;
  }
  const { serveProcess } = await import('./process.js');
  await serveProcess(config, WEB_DIR, {
    prepare: cluster.isPrimary || process.env[PREPARE_ENV] === '1',
    announce: cluster.isPrimary,
  });
}

main().catch((err) => {
  console.error('[yanxiu] 启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
