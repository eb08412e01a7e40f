import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { readOpsRecord, writeOpsRecord } from '../modules/system/system.repo.js';

/** What a backup folder holds, written last so a half-written backup is never taken for a whole one. */
export interface BackupManifest {
  createdAt: string;
  kind: DatabaseConfig['kind'];
  database: string;
  files: boolean;
}

const MANIFEST = 'manifest.json';

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${command} 无法运行：${r.error.message}（需要安装 PostgreSQL 客户端工具）`);
  if (r.status !== 0) throw new Error(`${command} 失败：${r.stderr.trim() || `退出码 ${r.status}`}`);
}

/**
 * A full backup into `outDir`: the database (SQLite's online backup API while the server runs, or
 * pg_dump's custom format) and a copy of the file store.
 */
export async function backup(config: DatabaseConfig, filesDir: string, outDir: string): Promise<BackupManifest> {
  fs.mkdirSync(outDir, { recursive: true });
  if (fs.readdirSync(outDir).length > 0) throw new Error(`备份目录不是空的：${outDir}`);
  let database: string;
  if (config.kind === 'sqlite') {
    database = 'yanxiu.db';
    const source = new SQLite(config.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(path.join(outDir, database));
    } finally {
      source.close();
    }
  } else {
    database = 'yanxiu.pgdump';
    run('pg_dump', ['--format=custom', '--no-owner', `--file=${path.join(outDir, database)}`, config.url]);
  }
  const files = fs.existsSync(filesDir);
  if (files) fs.cpSync(filesDir, path.join(outDir, 'files'), { recursive: true });
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), kind: config.kind, database, files };
  fs.writeFileSync(path.join(outDir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Restores a backup made by `backup` (stop the server first): the database is replaced as a whole and
 * the file store gets the backup's files back.
 */
export function restore(config: DatabaseConfig, filesDir: string, fromDir: string): BackupManifest {
  const manifestPath = path.join(fromDir, MANIFEST);
  if (!fs.existsSync(manifestPath)) throw new Error(`不是完整的备份（缺少 ${MANIFEST}）：${fromDir}`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.kind !== config.kind)
    throw new Error(`备份来自 ${manifest.kind} 数据库，不能恢复到 ${config.kind} 数据库`);
  const source = path.join(fromDir, manifest.database);
  if (config.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${config.file}${suffix}`, { force: true });
    const tmp = `${config.file}.restoring`;
    fs.copyFileSync(source, tmp);
    fs.renameSync(tmp, config.file);
  } else {
    run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      `--dbname=${config.url}`,
      source,
    ]);
  }
  if (manifest.files) {
    fs.rmSync(filesDir, { recursive: true, force: true });
    fs.cpSync(path.join(fromDir, 'files'), filesDir, { recursive: true });
  }
  return manifest;
}

/**
 * Writes what a backup or a restore did into the deployment's settings, for the system admin's status page
 * (the backup itself cannot hold the record of its own making).
 */
export async function recordOps(config: DatabaseConfig, what: 'backup' | 'restore', m: BackupManifest) {
  const database = openDatabase(config);
  try {
    const made = { at: m.createdAt, kind: m.kind, files: m.files };
    if (what === 'restore') {
      const at = new Date().toISOString();
      await writeOpsRecord(database.db, 'ops.last_restore', { ...made, at, backupAt: m.createdAt });
      // The restored database predates the record of the backup it came from: that backup exists, say so.
      const known = await readOpsRecord<{ at: string }>(database.db, 'ops.last_backup');
      if (known && known.at >= m.createdAt) return;
    }
    await writeOpsRecord(database.db, 'ops.last_backup', made);
  } finally {
    await database.close();
  }
}
