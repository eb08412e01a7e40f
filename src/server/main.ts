import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoLoaded, loadDemo } from './demo/demo.js';
import { startHourlyJobs } from './jobs/hourly.js';

const WEB_DIR = path.resolve('dist/web');

/** Builds the web client when it is missing (the first `npm start` on a fresh checkout). */
async function buildWebIfNeeded() {
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) return;
  console.log('[yanxiu] 首次启动：正在构建网页前端（约 30 秒）…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

async function main() {
  const config = loadConfig();
  if (process.argv.includes('--build-if-needed')) await buildWebIfNeeded();
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
  const { app, services, jobs } = await buildApp({
    database,
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
    webDir: WEB_DIR,
  });
  await app.listen({ port: config.port, host: config.host });
  // Every process runs queued background jobs (exports, imports); a job is claimed by one process only.
  jobs.start();
  const stopJobs = startHourlyJobs(services);
  console.log(`[yanxiu] 已启动：http://localhost:${config.port}  （数据库：${database.kind}）`);
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

main().catch((err) => {
  console.error('[yanxiu] 启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
