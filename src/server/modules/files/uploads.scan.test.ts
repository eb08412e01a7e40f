import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { EICAR, fakeClamd } from '../../../../test/clamd.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { filesUnder } from '../../../../test/files.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { multipartFile, xlsxOf } from '../../../../test/xlsx.js';
import { clamdScanner } from '../../storage/scanner.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// A real PDF head with the test signature inside: the type checks pass it, only the scan can refuse it.
const INFECTED_PDF = Buffer.concat([PDF, EICAR, Buffer.from('\n%%EOF\n')]);

describe.each(DIALECTS)('the virus-scan hook on uploads on %s', (dialect) => {
  let t: TestApp;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let dataDir: string;
  let root: string;
  let host: Client;
  let teacher: Client;
  let hostId: string;
  let projectId: string;
  let growthId: string;
  let schoolId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-scan-'));
    root = path.join(dataDir, 'files');
    process.env.YANXIU_DATA_DIR = dataDir;
    clamd = await fakeClamd({ port: 0 });
    t = await testApp(dialect, { scanner: clamdScanner({ host: '127.0.0.1', port: clamd.port }, 2000) });
    const f = factory(t.database);
    const w = await f.world();
    schoolId = w.orgs.s1.id;
    const hostP = await f.person('王晓明', { org: w.orgs.s1, username: 'host1', roles: [['teacher', w.orgs.s1]] });
    hostId = hostP.id;
    projectId = (
      await projectFactory(t.database).project({
        school: w.orgs.s1,
        hostId: hostP.id,
        manager: w.orgs.d1,
        holder: null,
        title: '小学整本书阅读策略研究',
        stage: 'in_progress',
      })
    ).id;
    growthId = await f.growth({
      personId: w.users.teacher.id,
      orgId: w.orgs.s1.id,
      kind: 'training',
      date: '2026-11-18',
      title: '区级培训',
      hours: 4,
    });
    host = await t.login('host1', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await clamd?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const toArchive = (bytes: Buffer, name: string) => {
    const { payload, headers } = multipartFile(bytes, name, { category: 'plan' });
    return host.raw({ method: 'POST', url: `/api/projects/${projectId}/files`, payload, headers });
  };
  const toGrowth = (bytes: Buffer, name: string) => {
    const { payload, headers } = multipartFile(bytes, name);
    return teacher.raw({ method: 'POST', url: `/api/growth/${growthId}/files`, payload, headers });
  };
  const counts = async () => ({
    files: (await t.database.db.selectFrom('project_files').select('id').execute()).length,
    attachments: (await t.database.db.selectFrom('attachments').select('id').execute()).length,
    stored: filesUnder(root).length,
  });

  it('stores a clean file after the scanner has read every byte of it', async () => {
    clamd.state.mode = 'scan';
    const res = await toArchive(PDF, '实施方案.pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(clamd.state.streams.at(-1)?.equals(PDF)).toBe(true);
    expect(await counts()).toEqual({ files: 1, attachments: 0, stored: 1 });
  });

  it('refuses an infected file on every upload surface, keeps nothing and records who tried', async () => {
    clamd.state.mode = 'scan';
    const before = await counts();
    for (const res of [await toArchive(INFECTED_PDF, '开题报告.pdf'), await toGrowth(INFECTED_PDF, '培训心得.pdf')]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'invalid',
        details: { reason: 'infected', threat: 'Eicar-Signature' },
      });
      expect(res.json().error.message).toMatch(/^未通过病毒扫描（检出：Eicar-Signature），文件未保存$/);
    }
    expect(await counts()).toEqual(before);
    // Nothing half-written is left beside the stored files either.
    expect(filesUnder(root).filter((f) => f.endsWith('.part'))).toEqual([]);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'upload.infected')
      .orderBy('at')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].actor_id).toBe(hostId);
    expect(JSON.parse(audit[0].after_json ?? '{}')).toMatchObject({
      original_name: '开题报告.pdf',
      size: INFECTED_PDF.length,
      threat: 'Eicar-Signature',
    });
    expect(JSON.parse(audit[1].after_json ?? '{}')).toMatchObject({ original_name: '培训心得.pdf' });
  });

  it('refuses uploads while the scanner gives no verdict, and stores again once it does', async () => {
    const before = await counts();
    clamd.state.mode = 'error';
    const res = await toArchive(PDF, '中期报告.pdf');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toEqual({ reason: 'scan_unavailable' });
    expect(res.json().error.message).toMatch(/病毒扫描服务暂不可用，文件未保存/);
    clamd.state.mode = 'silent';
    expect((await toGrowth(PDF, '心得.pdf')).json().error.details).toEqual({ reason: 'scan_unavailable' });
    expect(await counts()).toEqual(before);

    clamd.state.mode = 'scan';
    expect((await toGrowth(PDF, '心得.pdf')).statusCode).toBe(200);
    expect(await counts()).toEqual({ ...before, attachments: before.attachments + 1, stored: before.stored + 1 });
  });

  it('scans an import sheet before a row of it is read, whether imported at once or queued as a job', async () => {
    clamd.state.mode = 'scan';
    const director = await t.login('school_director', PASSWORD);
    const sheet = await xlsxOf([
      ['姓名*', '性别*', '出生日期*'],
      ['扫描甲', '女', '1990-02-03'],
    ]);
    const infected = Buffer.concat([sheet, EICAR]);
    const imported = async () =>
      (await t.database.db.selectFrom('people').select('id').where('name', '=', '扫描甲').execute()).length;
    const jobs = async () => (await t.database.db.selectFrom('jobs').select('id').execute()).length;
    const target = `/api/people/import?orgId=${schoolId}`;
    const [storedBefore, jobsBefore] = [filesUnder(root).length, await jobs()];

    const direct = await director.raw({ method: 'POST', url: target, ...multipartFile(infected, '名册.xlsx') });
    const queued = await director.raw({
      method: 'POST',
      url: `/api/jobs/import?target=${encodeURIComponent(target)}`,
      ...multipartFile(infected, '名册.xlsx'),
    });
    for (const res of [direct, queued]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual({ reason: 'infected', threat: 'Eicar-Signature' });
      expect(res.json().error.message).toBe('未通过病毒扫描（检出：Eicar-Signature），未导入任何数据');
    }
    expect(await imported()).toBe(0);
    // The queued sheet was refused before it was stored or a job was made of it.
    expect([filesUnder(root).length, await jobs()]).toEqual([storedBefore, jobsBefore]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'upload.infected')
      .where('after_json', 'like', '%名册.xlsx%')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.org_id === schoolId)).toBe(true);

    clamd.state.mode = 'error';
    const projects = await director.raw({
      method: 'POST',
      url: `/api/projects/import?orgId=${schoolId}`,
      ...multipartFile(sheet, '课题.xlsx'),
    });
    expect(projects.json().error).toMatchObject({
      details: { reason: 'scan_unavailable' },
      message: expect.stringContaining('病毒扫描服务暂不可用，未导入任何数据'),
    });

    clamd.state.mode = 'scan';
    const clean = await director.raw({ method: 'POST', url: target, ...multipartFile(sheet, '名册.xlsx') });
    expect(clean.statusCode, clean.body).toBe(200);
    expect(clamd.state.streams.at(-1)?.equals(sheet)).toBe(true);
    expect(await imported()).toBe(1);
  });

  it('scans a queued sheet once, when it is queued, and a client cannot claim a sheet was scanned', async () => {
    clamd.state.mode = 'scan';
    const director = await t.login('school_director', PASSWORD);
    const sheetOf = (name: string) =>
      xlsxOf([
        ['姓名*', '性别*', '出生日期*'],
        [name, '男', '1988-05-06'],
      ]);
    const named = async (name: string) =>
      (await t.database.db.selectFrom('people').select('id').where('name', '=', name).execute()).length;
    const target = `/api/people/import?orgId=${schoolId}`;

    const sheet = await sheetOf('排队乙');
    const scansBefore = clamd.state.streams.length;
    const queued = await director.raw({
      method: 'POST',
      url: `/api/jobs/import?target=${encodeURIComponent(target)}`,
      ...multipartFile(sheet, '名册.xlsx'),
    });
    expect(queued.statusCode, queued.body).toBe(200);
    expect(clamd.state.streams.length).toBe(scansBefore + 1);
    await t.jobs.runOnce();
    const job = (await director.get(`/api/jobs/${queued.json().id}`)).json();
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect(await named('排队乙')).toBe(1);
    // The job ran the import without a second scan.
    expect(clamd.state.streams.length).toBe(scansBefore + 1);

    // A client sending the runner's header with a value of its own is scanned like anyone.
    const infected = Buffer.concat([await sheetOf('冒充丙'), EICAR]);
    const form = multipartFile(infected, '名册.xlsx');
    const forged = await director.raw({
      method: 'POST',
      url: target,
      payload: form.payload,
      headers: { ...form.headers, 'x-yanxiu-sheet-scanned': 'a'.repeat(48) },
    });
    expect(forged.statusCode, forged.body).toBe(400);
    expect(forged.json().error.details).toEqual({ reason: 'infected', threat: 'Eicar-Signature' });
    expect(await named('冒充丙')).toBe(0);
  });
});
