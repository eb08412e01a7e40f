import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { multipartFile } from '../../../../test/xlsx.js';
import { newId, nowIso } from '../../db/dialect.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe.each(DIALECTS)('activity and growth attachments on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let director: Client;
  let teacher: Client;
  let outsider: Client;
  let activityId: string;
  let growthId: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-attachments-'));
    process.env.YANXIU_DATA_DIR = dataDir;
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    await f.person('赵外校', { org: w.orgs.s2, username: 'outsider', roles: [['teacher', w.orgs.s2]] });
    const now = nowIso();
    activityId = newId();
    await t.database.db
      .insertInto('activities')
      .values({
        id: activityId,
        org_id: w.orgs.s1.id,
        kind: 'lesson',
        title: '语文组公开课',
        topic: '整本书阅读',
        date: '2026-11-20',
        starts_at: null,
        ends_at: null,
        place: '阶梯教室',
        presenter_id: null,
        project_id: null,
        lesson_id: null,
        reviewed_activity_id: null,
        record: '',
        prep: null,
        created_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    growthId = await f.growth({
      personId: w.users.teacher.id,
      orgId: w.orgs.s1.id,
      kind: 'training',
      date: '2026-11-18',
      title: '区级培训',
      hours: 4,
    });
    director = await t.login('school_director', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (c: Client, base: string, bytes: Buffer, name: string) => {
    const { payload, headers } = multipartFile(bytes, name);
    return c.raw({ method: 'POST', url: `${base}/files`, payload, headers });
  };

  it('requires authentication on every route', async () => {
    for (const base of [`/api/activities/${activityId}`, `/api/growth/${growthId}`]) {
      for (const [method, url] of [
        ['GET', `${base}/files`],
        ['POST', `${base}/files`],
        ['GET', `${base}/files/x`],
        ['DELETE', `${base}/files/x`],
      ] as const) {
        const res = await t.anonymous.raw({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
      }
    }
  });

  it('lets the director upload a PDF to an activity, list it and download it as an attachment', async () => {
    const base = `/api/activities/${activityId}`;
    const res = await upload(director, base, PDF, '活动记录.pdf');
    expect(res.statusCode, res.body).toBe(200);
    const file = res.json();
    expect(file).toMatchObject({
      name: '活动记录.pdf',
      size: PDF.length,
      mime: 'application/pdf',
      uploadedByName: '教科室主任',
      abilities: { delete: true },
    });
    const stored = await t.database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ entity: 'activity', entity_id: activityId });
    expect(stored.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', file.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['attachment.upload']);

    const list = await director.get(`${base}/files`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ items: [{ id: file.id, name: '活动记录.pdf' }], abilities: { upload: true } });

    // A member of the school reads the activity: lists and downloads, but may not upload or delete.
    const seen = await teacher.get(`${base}/files`);
    expect(seen.json()).toMatchObject({
      items: [{ id: file.id, abilities: { delete: false } }],
      abilities: { upload: false },
    });
    const dl = await teacher.get(`${base}/files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await upload(teacher, base, PDF, 'x.pdf')).statusCode).toBe(403);
    expect((await teacher.delete(`${base}/files/${file.id}`)).statusCode).toBe(403);

    const del = await director.delete(`${base}/files/${file.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await director.get(`${base}/files`)).json().items).toEqual([]);
    expect((await director.get(`${base}/files/${file.id}`)).statusCode).toBe(404);
  });

  it('refuses a file whose bytes do not match its extension, and stores nothing', async () => {
    const res = await upload(
      director,
      `/api/activities/${activityId}`,
      Buffer.from('MZ\x90\x00 not a pdf'),
      '照片.pdf',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid');
    const exe = await upload(director, `/api/activities/${activityId}`, PDF, 'tool.exe');
    expect(exe.statusCode).toBe(400);
    const n = await t.database.db.selectFrom('attachments').select('id').where('entity_id', '=', activityId).execute();
    expect(n).toEqual([]);
  });

  it('lets the owner attach to a growth record; the director may delete it', async () => {
    const base = `/api/growth/${growthId}`;
    const res = await upload(teacher, base, PDF, '培训证书.pdf');
    expect(res.statusCode, res.body).toBe(200);
    const list = await director.get(`${base}/files`);
    expect(list.json()).toMatchObject({ items: [{ name: '培训证书.pdf', abilities: { delete: true } }] });
    expect((await director.delete(`${base}/files/${res.json().id}`)).statusCode).toBe(200);
  });

  it("answers 404 to another school's teacher", async () => {
    const up = await upload(director, `/api/activities/${activityId}`, PDF, '方案.pdf');
    const fileId = up.json().id;
    for (const base of [`/api/activities/${activityId}`, `/api/growth/${growthId}`]) {
      expect((await outsider.get(`${base}/files`)).statusCode).toBe(404);
      expect((await upload(outsider, base, PDF, 'x.pdf')).statusCode).toBe(404);
    }
    expect((await outsider.get(`/api/activities/${activityId}/files/${fileId}`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/activities/${activityId}/files/${fileId}`)).statusCode).toBe(404);
    // A file of one record is not reachable through another.
    expect((await director.get(`/api/growth/${growthId}/files/${fileId}`)).statusCode).toBe(404);
  });
});
