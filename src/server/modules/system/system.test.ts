import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { fakeClamd } from '../../../../test/clamd.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { clamdScanner, type FileScanner, NO_SCAN } from '../../storage/scanner.js';
import { writeOpsRecord } from './system.repo.js';
import { checkScanner } from './system.service.js';

describe.each(DIALECTS)('system status for the system admin on %s', (dialect) => {
  let t: TestApp;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let admin: Client;
  let schools: number;

  beforeAll(async () => {
    clamd = await fakeClamd({ port: 0 });
    t = await testApp(dialect, { scanner: clamdScanner({ host: '127.0.0.1', port: clamd.port }, 1000) });
    await factory(t.database).world();
    schools = (await t.database.db.selectFrom('orgs').select('id').where('kind', '=', 'school').execute()).length;
    admin = await t.login('sysadmin', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await clamd?.close();
  });

  it('shows the database, the scanner checked live, the last backup and the counts', async () => {
    clamd.state.mode = 'scan';
    const seen = clamd.state.streams.length;
    const res = await admin.get('/api/system/status');
    expect(res.statusCode, res.body).toBe(200);
    const status = res.json();
    expect(status).toMatchObject({
      database: dialect,
      lastBackup: null,
      lastRestore: null,
      scanner: {
        active: true,
        check: 'ok',
        outcome: 'ok',
        threat: 'Eicar-Signature',
        detail: null,
        describe: `clamd 127.0.0.1:${clamd.port}`,
      },
    });
    expect(status.scanner.message).toBe('扫描服务正常：样本通过，测试病毒检出为 Eicar-Signature');
    // A clean sample and the test signature, each scanned once.
    expect(clamd.state.streams.length).toBe(seen + 2);
    expect(status.counts.schools).toBe(schools);
    expect(status.counts.people).toBeGreaterThan(5);

    await writeOpsRecord(t.database.db, 'ops.last_backup', {
      at: '2026-12-01T02:00:00.000Z',
      kind: dialect,
      files: true,
    });
    const later = (await admin.get('/api/system/status')).json();
    expect(later.lastBackup).toEqual({ at: '2026-12-01T02:00:00.000Z', kind: dialect, files: true });
  });

  it('says so when the scanner gives no verdict, which refuses every upload meanwhile', async () => {
    clamd.state.mode = 'error';
    const status = (await admin.get('/api/system/status')).json();
    expect(status.scanner).toMatchObject({ check: 'failed', outcome: 'no_answer', detail: expect.any(String) });
    expect(status.scanner.message).toMatch(/^扫描服务没有给出结果：.+此时的上传都会被拒绝$/);
    clamd.state.mode = 'scan';
  });

  it('is the system admin’s alone: everyone else gets 404', async () => {
    for (const role of ['research_admin', 'school_director', 'school_leader', 'teacher', 'expert']) {
      const c = await t.login(role, PASSWORD);
      expect((await c.get('/api/system/status')).statusCode, role).toBe(404);
      expect((await c.get('/api/me')).json().abilities.readSystem, role).toBe(false);
    }
    expect((await admin.get('/api/me')).json().abilities.readSystem).toBe(true);
    expect((await t.anonymous.get('/api/system/status')).statusCode).toBe(401);
  });
});

describe('the live scanner check', () => {
  it('reports a scanner that is off, one that misses the test signature, and one that never answers', async () => {
    expect(await checkScanner(NO_SCAN)).toMatchObject({ check: 'off', outcome: 'off', active: false });
    const blind: FileScanner = {
      describe: 'command blind',
      active: true,
      scan: async (data) => {
        data.resume();
        return { clean: true };
      },
    };
    expect(await checkScanner(blind)).toMatchObject({
      check: 'failed',
      outcome: 'missed_eicar',
      message: '扫描服务没有检出 EICAR 测试病毒，请检查其病毒库',
    });
    const silent: FileScanner = { describe: 'command silent', active: true, scan: () => new Promise(() => {}) };
    const started = Date.now();
    const answer = await checkScanner(silent, 200);
    expect(answer).toMatchObject({
      check: 'failed',
      outcome: 'no_answer',
      detail: expect.stringContaining('秒内没有回答'),
    });
    expect(answer.message).toContain('秒内没有回答');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
