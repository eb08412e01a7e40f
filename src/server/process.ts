import cluster from 'node:cluster';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import type { Config } from './config.js';
import { type Database, migrateToLatest, openDatabase } from './db/database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoLoaded, loadDemo } from './demo/demo.js';
import { startHourlyJobs } from './jobs/hourly.js';
import { recordsChanged } from './services.js';
import { scannerFromSetting } from './storage/scanner.js';
import { isMessage, PREPARED, RECORDS_CHANGED } from './workers.js';

/**
 * One serving process: the app, its database and its jobs. Loaded by main.ts only in a process that serves, so
 * the supervisor of several workers holds none of it (it held 149 MB when it loaded the app to prepare the database).
 */
export async function serveProcess(config: Config, webDir: string, opts: { prepare: boolean; announce: boolean }) {
  let database: Database;
  if (opts.prepare) {
    database = await prepare(config);
    if (cluster.isWorker) process.send?.(PREPARED);
  } else database = openDatabase(config.database);
  await serve(config, database, webDir, opts.announce);
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
async function serve(config: Config, database: Database, webDir: string, announce: boolean) {
  const scanner = scannerFromSetting(config.scan);
  const { app, services, jobs } = await buildApp({
    database,
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
    webDir,
    scanner,
    // A cluster worker tells the others (through the supervisor) so their dashboards drop old figures too.
    onRecordsChanged: cluster.isWorker ? () => process.send?.(RECORDS_CHANGED) : undefined,
  });
  if (cluster.isWorker)
    process.on('message', (m) => {
      if (isMessage(m, RECORDS_CHANGED)) recordsChanged(services);
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
  if (announce) {
    console.log(`[yanxiu] 已启动：http://localhost:${config.port}  （数据库：${database.kind}）`);
    if (scanner.active) console.log(`[yanxiu] 上传文件病毒扫描：${scanner.describe}`);
  }
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
