import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { filesUnder } from '../../../../test/files.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { multipartFile } from '../../../../test/xlsx.js';
import { newId, nowIso } from '../../db/dialect.js';
import { LocalFileStore, newStorageKey } from '../../storage/file-store.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(DIALECTS)('archive files on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let dataDir: string;
  let root: string;
  let host: Client;
  let member: Client;
  let director: Client;
  let otherTeacher: Client;
  let outsider: Client;
  let projectId: string;
  let closedId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-files-'));
    root = path.join(dataDir, 'files');
    process.env.YANXIU_DATA_DIR = dataDir;
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    const hostP = await f.person('王晓明', { org: w.orgs.s1, username: 'host1', roles: [['teacher', w.orgs.s1]] });
    const memberP = await f.person('李红梅', { org: w.orgs.s1, username: 'member1', roles: [['teacher', w.orgs.s1]] });
    await f.person('赵外校', { org: w.orgs.s2, username: 'outsider', roles: [['teacher', w.orgs.s2]] });
    const pf = projectFactory(t.database);
    const common = { school: w.orgs.s1, hostId: hostP.id, manager: w.orgs.d1, holder: null };
    projectId = (
      await pf.project({
        ...common,
        title: '小学<整本书>阅读 & 策略研究',
        stage: 'in_progress',
        members: [{ personId: memberP.id }],
        number: 'QJ2026-001',
      })
    ).id;
    closedId = (await pf.project({ ...common, title: '已结题课题', stage: 'concluded' })).id;
    host = await t.login('host1', PASSWORD);
    member = await t.login('member1', PASSWORD);
    director = await t.login('school_director', PASSWORD);
    otherTeacher = await t.login('teacher', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (
    c: Client,
    bytes: Buffer,
    name: string,
    fields: Record<string, string> = { category: 'plan' },
    id = projectId,
  ) => {
    const { payload, headers } = multipartFile(bytes, name, fields);
    return c.raw({ method: 'POST', url: `/api/projects/${id}/files`, payload, headers });
  };
  const rowCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('project_files')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedKey = async (id: string) =>
    (
      await t.database.db
        .selectFrom('project_files')
        .select('storage_key')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).storage_key;

  it('requires authentication on every route', async () => {
    const urls: [string, string][] = [
      ['GET', `/api/projects/${projectId}/files`],
      ['POST', `/api/projects/${projectId}/files`],
      ['GET', `/api/projects/${projectId}/files/x`],
      ['DELETE', `/api/projects/${projectId}/files/x`],
      ['GET', `/api/projects/${projectId}/export/archive.zip`],
    ];
    for (const [method, url] of urls) {
      const res = await t.anonymous.raw({
        method: method === 'POST' ? 'POST' : method === 'DELETE' ? 'DELETE' : 'GET',
        url,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('stores a real PDF and PNG under the store root and lists them with labels', async () => {
    const pdf = await upload(host, PDF, '课题实施方案.pdf', { category: 'plan' });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.json()).toMatchObject({
      category: 'plan',
      categoryLabel: '方案',
      stage: 'process',
      stageLabel: '研究过程',
      name: '课题实施方案.pdf',
      size: PDF.length,
      mime: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedByName: '王晓明',
      abilities: { delete: true },
    });
    const png = await upload(member, PNG, '活动照片.PNG', { category: 'photo', stage: 'opening' });
    expect(png.statusCode, png.body).toBe(200);
    expect(png.json()).toMatchObject({ mime: 'image/png', stage: 'opening', categoryLabel: '照片' });

    const key = await storedKey(pdf.json().id);
    expect(key).toMatch(/^\d{4}\/\d{2}\/[0-9a-z]+$/);
    expect(fs.readFileSync(path.join(root, ...key.split('/')))).toEqual(PDF);

    const list = await host.get(`/api/projects/${projectId}/files`);
    expect(list.statusCode).toBe(200);
    expect(list.json().abilities).toEqual({ upload: true });
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['课题实施方案.pdf', '活动照片.PNG']);
    const photos = await host.get(`/api/projects/${projectId}/files?category=photo`);
    expect(photos.json().items).toHaveLength(1);
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const before = await rowCount();
    const stored = filesUnder(root).length;
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const res = await upload(host, big, '超大文件.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_large');
    expect(res.json().error.message).toBe('文件超过上传大小限制，未保存');
    expect(await rowCount()).toBe(before);
    expect(filesUnder(root)).toHaveLength(stored);
  });

  it('refuses a .pdf whose bytes are HTML, and writes nothing', async () => {
    const before = await rowCount();
    const stored = filesUnder(root).length;
    const res = await upload(host, Buffer.from('<html><script>alert(1)</script></html>'), '通知.pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/与扩展名 \.pdf 不符/);
    expect(await rowCount()).toBe(before);
    expect(filesUnder(root)).toHaveLength(stored);
  });

  it('refuses types outside the list and text that is not UTF-8', async () => {
    expect((await upload(host, Buffer.from('<svg onload=alert(1)>'), 'a.svg')).statusCode).toBe(400);
    expect((await upload(host, Buffer.from('MZ\x90\x00'), 'setup.exe')).statusCode).toBe(400);
    expect((await upload(host, Buffer.from([0xc3, 0x28, 0x41]), '记录.txt')).statusCode).toBe(400);
    expect((await upload(host, Buffer.alloc(0), '空.txt')).statusCode).toBe(400);
    const ok = await upload(host, Buffer.from('第一次研讨记录：围绕整本书阅读。\n'), '研讨记录.txt', {
      category: 'activity_record',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().mime).toBe('text/plain; charset=utf-8');
    const badCategory = await upload(host, PDF, 'a.pdf', { category: 'secret' });
    expect(badCategory.statusCode).toBe(400);
  });

  it('strips path components from the name and writes only under the store root', async () => {
    const res = await upload(host, PDF, '../../etc/passwd.pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('passwd.pdf');
    const key = await storedKey(res.json().id);
    const full = path.resolve(root, ...key.split('/'));
    expect(full.startsWith(root + path.sep)).toBe(true);
    expect(fs.existsSync(full)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
    const win = await upload(host, PDF, 'C:\\temp\\..\\\u202Efdp.exe\u0007.pdf');
    expect(win.json().name).toBe('fdp.exe.pdf');
    expect((await upload(host, PDF, '../../etc/passwd')).statusCode).toBe(400);
  });

  it('serves downloads as attachments with nosniff, never as inline HTML', async () => {
    const up = await upload(host, PDF, '开题报告（定稿）.pdf', { category: 'opening_report' });
    const res = await otherTeacher.get(`/api/projects/${projectId}/files/${up.json().id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('开题报告'));
    expect(res.rawPayload).toEqual(PDF);

    // A record whose stored type is HTML (e.g. from an older import) is still only a download.
    const key = newStorageKey();
    await new LocalFileStore(root).put(key, Buffer.from('<html><script>alert(1)</script></html>'));
    const id = newId();
    await t.database.db
      .insertInto('project_files')
      .values({
        id,
        project_id: projectId,
        category: 'other',
        stage: null,
        original_name: 'page.html',
        storage_key: key,
        mime: 'text/html',
        size: 38,
        sha256: '0'.repeat(64),
        uploaded_by: null,
        created_at: nowIso(),
      })
      .execute();
    const html = await host.get(`/api/projects/${projectId}/files/${id}`);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('hides the archive from teachers outside the school (404)', async () => {
    const up = await upload(host, PDF, '问卷.pdf', { category: 'questionnaire' });
    expect((await outsider.get(`/api/projects/${projectId}/files`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/projects/${projectId}/files/${up.json().id}`)).statusCode).toBe(404);
    expect((await upload(outsider, PDF, 'x.pdf')).statusCode).toBe(404);
    expect((await outsider.delete(`/api/projects/${projectId}/files/${up.json().id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/projects/${projectId}/export/archive.zip`)).statusCode).toBe(404);
  });

  it('lets another teacher of the school read but not upload or delete (403)', async () => {
    const list = await otherTeacher.get(`/api/projects/${projectId}/files`);
    expect(list.statusCode).toBe(200);
    expect(list.json().abilities.upload).toBe(false);
    expect(list.json().items.every((i: { abilities: { delete: boolean } }) => !i.abilities.delete)).toBe(true);
    const res = await upload(otherTeacher, PDF, 'x.pdf');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const first = list.json().items[0].id;
    expect((await otherTeacher.delete(`/api/projects/${projectId}/files/${first}`)).statusCode).toBe(403);
  });

  it('closes the archive bag of a concluded project to the host', async () => {
    const res = await upload(host, PDF, '结题报告.pdf', { category: 'conclusion_report' }, closedId);
    expect(res.statusCode).toBe(403);
    expect((await host.get(`/api/projects/${closedId}/files`)).json().abilities.upload).toBe(false);
    expect((await upload(director, PDF, '结题报告.pdf', { category: 'conclusion_report' }, closedId)).statusCode).toBe(
      403,
    );
  });

  it('lets the uploader and the school director delete, audited, with the stored bytes removed', async () => {
    const mine = (await upload(member, PDF, '成员论文.pdf', { category: 'paper' })).json();
    const key = await storedKey(mine.id);
    expect(
      (await host.get(`/api/projects/${projectId}/files`)).json().items.find((i: { id: string }) => i.id === mine.id)
        .abilities.delete,
    ).toBe(false);
    expect((await host.delete(`/api/projects/${projectId}/files/${mine.id}`)).statusCode).toBe(403);
    const del = await member.delete(`/api/projects/${projectId}/files/${mine.id}`);
    expect(del.statusCode).toBe(200);
    expect(fs.existsSync(path.join(root, ...key.split('/')))).toBe(false);
    expect((await member.get(`/api/projects/${projectId}/files/${mine.id}`)).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', mine.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['file.upload', 'file.delete']);
    expect(audit[1].before_json).toContain('成员论文.pdf');
    expect(audit[1].before_json).not.toContain(key);

    const byHost = (await upload(host, PDF, '主持人文件.pdf')).json();
    expect((await director.delete(`/api/projects/${projectId}/files/${byHost.id}`)).statusCode).toBe(200);
  });

  it('exports the dossier as a zip in stage then category folders with a table of contents', async () => {
    await upload(host, PDF, '申报书.pdf', { category: 'application' });
    await upload(host, PDF, '申报书.pdf', { category: 'application' });
    await upload(host, PDF, '结题报告.pdf', { category: 'conclusion_report' });
    await upload(host, PDF, '中期报告.pdf', { category: 'midterm_report' });
    const res = await otherTeacher.get(`/api/projects/${projectId}/export/archive.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names.slice(0, 2)).toEqual(['index.html', '目录.xlsx']);
    expect(names).toContain('01-申报/申报书/申报书.pdf');
    expect(names).toContain('01-申报/申报书/申报书 (2).pdf');
    expect(names).toContain('02-开题/照片/活动照片.PNG');
    const folders = names.slice(2).map((n) => n.slice(0, 2));
    expect(folders).toEqual([...folders].sort());
    expect(new Set(folders)).toEqual(new Set(['01', '02', '03', '04', '05', '06']));
    expect(await zip.file('01-申报/申报书/申报书.pdf')?.async('nodebuffer')).toEqual(PDF);

    const index = (await zip.file('index.html')?.async('string')) ?? '';
    expect(index).toContain('小学&lt;整本书&gt;阅读 &amp; 策略研究');
    expect(index).not.toContain('<整本书>');
    expect(index).toContain('QJ2026-001');
    expect(index).toContain('王晓明');
    const files = (await host.get(`/api/projects/${projectId}/files`)).json().items as { name: string }[];
    for (const f of files) expect(index).toContain(f.name.replace(/&/g, '&amp;'));
    expect(zip.file('目录.xlsx')).not.toBeNull();
  });
});
