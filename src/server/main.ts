import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { type Config, loadConfig } from './config.js';
import { type Database, migrateToLatest, openDatabase } from './db/database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoLoaded, loadDemo } from './demo/demo.js';
import { startHourlyJobs } from './jobs/hourly.js';
import { recordsChanged } from './services.js';

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

/** The message a worker sends after a write, relayed to the other workers. */
const RECORDS_CHANGED = { yanxiu: 'records-changed' } as const;
const isRecordsChanged = (m: unknown) =>
  typeof m === 'object' && m !== null && (m as { yanxiu?: unknown }).yanxiu === RECORDS_CHANGED.yanxiu;

/** Builds the web client when it is missing (the first `npm start` on a fresh checkout). */
async function buildWebIfNeeded() {
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) return;
  console.log('[yanxiu] 首次启动：正在构建网页前端（约 30 秒）…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

/** Migrations, the first administrator and the demo: done once, before any process serves. */
async function prepare(config: Config) {
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const boot = await bootstrap(database, config.adminPassword);
  if (boot.adminCreated) {
    console.log('\n[yanxiu] 已创建系统管理员账号：admin');
    if (boot.adminPassword)
      console.log(`[yanxiu] 一次性初始密码：${boot.adminPassword}  （仅显示这一次，首次登录后须修改）\n`);
  }
  if (config.demo) {
    const orgCount = await database.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(orgCount.n) === 0 && !(await demoLoaded(database))) {
      const demo = await loadDemo(database);
      console.log(
        `[yanxiu] 已载入示例数据：示例区 ${demo.schools} 所学校、${demo.people} 名教职工、${demo.projects} 项课题。`,
      );
      console.log(
        `[yanxiu] 示例账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_ACCOUNTS.map((a) => `${a.username}=${a.label}`).join('，')}`,
      );
    }
  }
  return database;
}

/** One app process: the HTTP server, its background-job runner and the hourly jobs. */
async function serve(config: Config, database: Database, announce: boolean) {
  const { app, services, jobs } = await buildApp({
    database,
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
    webDir: WEB_DIR,
    // A cluster worker tells the others (through the supervisor) so their dashboards drop old figures too.
    onRecordsChanged: cluster.isWorker ? () => process.send?.(RECORDS_CHANGED) : undefined,
  });
  if (cluster.isWorker)
    process.on('message', (m) => {
      if (isRecordsChanged(m)) recordsChanged(services);
    });
  await app.listen({ port: config.port, host: config.host });
  // Every process runs queued background jobs (exports, imports); a job is claimed by one process only.
  jobs.start();
  // The run at start catches up the search index over every record: seconds of database work on a city.
  const stopJobs = startHourlyJobs(services, console.warn, (ms, ran) =>
    console.log(
      ran
        ? `[yanxiu] 进程 ${process.pid}：启动时的例行任务已完成（检索索引、提醒），用时 ${(ms / 1000).toFixed(1)} 秒`
        : `[yanxiu] 进程 ${process.pid}：启动时的例行任务已完成（本小时已由其他进程运行）`,
    ),
  );
  if (announce) console.log(`[yanxiu] 已启动：http://localhost:${config.port}  （数据库：${database.kind}）`);
  const stop = async () => {
    stopJobs();
    jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Several processes on one port (YANXIU_WORKERS): this one prepares the database, then forks the
 * workers, which node:cluster hands connections in turn; a worker that dies is replaced.
 */
async function supervise(config: Config) {
  const database = await prepare(config);
  await database.close();
  let stopping = false;
  let listening = 0;
  const fork = () => cluster.fork();
  cluster.on('listening', () => {
    listening++;
    if (listening === config.workers)
      console.log(
        `[yanxiu] 已启动：http://localhost:${config.port}  （数据库：${config.database.kind}，${config.workers} 个进程）`,
      );
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.warn(`[yanxiu] 进程 ${worker.process.pid} 退出（${signal ?? code}），正在重启`);
    setTimeout(fork, 1000);
  });
  cluster.on('message', (from, m) => {
    if (!isRecordsChanged(m)) return;
    for (const w of Object.values(cluster.workers ?? {})) if (w && w !== from && w.isConnected()) w.send(m);
  });
  for (let i = 0; i < config.workers; i++) fork();
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
  if (cluster.isWorker) {
    await serve(config, openDatabase(config.database), false);
    return;
  }
  if (process.argv.includes('--build-if-needed')) await buildWebIfNeeded();
  if (config.workers > 1) {
    await supervise(config);
    return;
  }
  await serve(config, await prepare(config), true);
}

main().catch((err) => {
  console.error('[yanxiu] 启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
