import path from 'node:path';
import { loadConfig } from '../config.js';
import { type BackupManifest, backup, recordOps, restore } from './backup.js';

/**
 * `npm run backup [-- <folder>]` and `npm run restore -- <folder>`: a full backup (database + files)
 * of the configured deployment (DATABASE_URL, YANXIU_DATA_DIR), and its restore.
 */
/** Records the backup or restore for the status page; the backup is whole even when this cannot be written. */
async function noted(config: ReturnType<typeof loadConfig>, what: 'backup' | 'restore', m: BackupManifest) {
  try {
    await recordOps(config.database, what, m);
  } catch (err) {
    console.warn(`[yanxiu] 未能在系统状态中记下这次${what === 'backup' ? '备份' : '恢复'}：${String(err)}`);
  }
}

async function main() {
  const [command, target] = process.argv.slice(2);
  const config = loadConfig();
  const filesDir = path.join(config.dataDir, 'files');
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = target ?? path.join('backups', `yanxiu-${stamp}`);
    const m = await backup(config.database, filesDir, out);
    console.log(`[yanxiu] 已备份（${m.kind}）到 ${out}`);
    await noted(config, 'backup', m);
  } else if (command === 'restore' && target) {
    const m = restore(config.database, filesDir, target);
    await noted(config, 'restore', m);
    console.log(`[yanxiu] 已从 ${target} 恢复（备份时间 ${m.createdAt}）。请重新启动服务。`);
  } else {
    console.error('用法：npm run backup [-- 目录]  |  npm run restore -- 目录（恢复前请先停止服务）');
    process.exit(2);
  }
}

main().catch((err) => {
  console.error('[yanxiu] ', err instanceof Error ? err.message : err);
  process.exit(1);
});
