import { Readable } from 'node:stream';
import { allowsAnywhere } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { type FileScanner, ScanUnavailable } from '../../storage/scanner.js';
import { type BackupRecord, readOpsRecord } from './system.repo.js';
import type { ScannerStatus, SystemStatus } from './system.schema.js';

// The anti-virus test file (eicar.org): every scanner reports it, and it harms nothing.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const CLEAN = 'yanxiu scanner check: a plain line of text.\n';
const CHECK_MS = 5000;

/** 系统状态, for the system admin: the database, the virus scanner (checked live), backups, record counts. */
export class SystemService {
  private readonly startedAt = new Date().toISOString();
  constructor(
    private readonly database: Database,
    private readonly scanner: FileScanner,
  ) {}

  async status(ctx: Ctx): Promise<SystemStatus> {
    if (!allowsAnywhere(ctx.principal, 'system.read')) throw notFound('系统状态');
    const db = this.database.db;
    const count = async (table: 'people' | 'projects' | 'project_files') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const countSchools = async () =>
      Number(
        (
          await db
            .selectFrom('orgs')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('kind', '=', 'school')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [scanner, lastBackup, lastRestore, schools, people, projects, files] = await Promise.all([
      checkScanner(this.scanner),
      readOpsRecord<BackupRecord>(db, 'ops.last_backup'),
      readOpsRecord<BackupRecord & { backupAt: string }>(db, 'ops.last_restore'),
      countSchools(),
      count('people'),
      count('projects'),
      count('project_files'),
    ]);
    return {
      database: this.database.kind,
      node: process.version,
      startedAt: this.startedAt,
      scanner,
      lastBackup,
      lastRestore,
      counts: { schools, people, projects, files },
    };
  }
}

/** Scans a clean sample and the EICAR test signature: a working scanner passes the one and finds the other. */
export async function checkScanner(scanner: FileScanner, timeoutMs = CHECK_MS): Promise<ScannerStatus> {
  const base = { describe: scanner.describe, active: scanner.active, threat: null, detail: null };
  if (!scanner.active) {
    return {
      ...base,
      check: 'off',
      outcome: 'off',
      message: '未配置病毒扫描（YANXIU_SCAN），上传的文件不经扫描',
      ms: null,
    };
  }
  const started = Date.now();
  const scan = (text: string) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ScanUnavailable(`${timeoutMs / 1000} 秒内没有回答`)), timeoutMs);
    });
    return Promise.race([scanner.scan(Readable.from([Buffer.from(text)])), late]).finally(() => clearTimeout(timer));
  };
  try {
    const clean = await scan(CLEAN);
    if (!clean.clean) {
      return {
        ...base,
        check: 'failed',
        outcome: 'false_positive',
        threat: clean.threat,
        message: `扫描服务把无害的样本报为病毒（${clean.threat}）`,
        ms: null,
      };
    }
    const eicar = await scan(EICAR);
    const ms = Date.now() - started;
    if (eicar.clean) {
      return {
        ...base,
        check: 'failed',
        outcome: 'missed_eicar',
        message: '扫描服务没有检出 EICAR 测试病毒，请检查其病毒库',
        ms,
      };
    }
    return {
      ...base,
      check: 'ok',
      outcome: 'ok',
      threat: eicar.threat,
      message: `扫描服务正常：样本通过，测试病毒检出为 ${eicar.threat}`,
      ms,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      ...base,
      check: 'failed',
      outcome: 'no_answer',
      detail: reason,
      message: `扫描服务没有给出结果：${reason}。此时的上传都会被拒绝`,
      ms: null,
    };
  }
}
