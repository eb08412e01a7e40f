import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { docxText } from '../../../../test/docx.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';

describe.each(DIALECTS)('reports in Word and in the dossier on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  const c: Record<string, Client> = {};
  let projectId: string;
  let midtermId: string;
  let directorName: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-report-docs-'));
    process.env.YANXIU_DATA_DIR = dataDir;
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    const host = await f.person('课题主持人', { org: w.orgs.s1, username: 'host', roles: [['teacher', w.orgs.s1]] });
    const member = await f.person('课题成员', { org: w.orgs.s1, username: 'member', roles: [['teacher', w.orgs.s1]] });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of ['host', 'member', 'outsider', 'school_director', 'research_admin', 'expert']) {
      c[u] = await t.login(u, PASSWORD);
    }
    directorName = (
      await t.database.db
        .selectFrom('people')
        .select('name')
        .where('id', '=', w.users.school_director.id)
        .executeTakeFirstOrThrow()
    ).name;
    projectId = (
      await projectFactory(t.database).project({
        title: '小学整本书阅读策略研究',
        school: w.orgs.s1,
        hostId: host.id,
        stage: 'in_progress',
        manager: w.orgs.d1,
        members: [{ personId: member.id }],
        number: 'QJ2026-007',
      })
    ).id;
    const report = async (who: Client, body: unknown) => {
      const res = await who.post(`/api/projects/${projectId}/reports`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { id: string };
    };
    const april = await report(c.member, {
      kind: 'monthly',
      month: '2026-04',
      content: { done: '四月上了两节研究课', materials: '教案两份、课堂照片', next: '五月整理课堂实录' },
    });
    const march = await report(c.member, { kind: 'monthly', month: '2026-03', content: { done: '三月完成前测' } });
    const check = (id: string, body: unknown) =>
      c.school_director.post(`/api/projects/${projectId}/reports/${id}/check`, body);
    expect((await check(april.id, { decision: 'checked' })).statusCode).toBe(200);
    expect((await check(march.id, { decision: 'returned', reason: '缺少前测问卷' })).statusCode).toBe(200);
    const midterm = await report(c.host, {
      kind: 'midterm',
      content: { done: '一年来完成了三轮行动研究', problems: '样本偏小', next: '扩大到四个班' },
    });
    midtermId = midterm.id;
    const opinion = await c.research_admin.post(`/api/projects/${projectId}/reports/${midtermId}/opinion`, {
      opinion: '研究扎实，同意通过中期',
      grade: 'good',
    });
    expect(opinion.statusCode, opinion.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a mid-term report as the form with its sections and the experts’ opinion', async () => {
    const res = await c.member.get(`/api/projects/${projectId}/reports/${midtermId}/export.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('小学整本书阅读策略研究-中期报告.docx'));
    const text = await docxText(res.rawPayload);
    for (const part of [
      '课题中期报告',
      'QJ2026-007',
      '课题主持人',
      '一、报告正文',
      '一年来完成了三轮行动研究',
      '二、下一步计划',
      '扩大到四个班',
      '三、存在问题',
      '样本偏小',
      '四、专家意见',
      '评定等级：良好',
      '研究扎实，同意通过中期',
    ]) {
      expect(text, part).toContain(part);
    }
  });

  it('writes the 课题研究月汇报表: every month oldest first, with what the 月查 said', async () => {
    const res = await c.host.get(`/api/projects/${projectId}/reports/monthly.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('课题研究月汇报表'));
    const text = await docxText(res.rawPayload);
    expect(text).toContain('共 2 个月');
    expect(text.indexOf('2026年3月')).toBeGreaterThan(0);
    expect(text.indexOf('2026年4月')).toBeGreaterThan(text.indexOf('2026年3月'));
    expect(text).toContain('已退回：缺少前测问卷');
    expect(text).toContain(`已审核（${directorName}`);
    expect(text).toContain('教案两份、课堂照片');
    expect(text).toContain('课题成员');
  });

  it('gives neither document to whoever may not read the project', async () => {
    for (const who of ['outsider', 'expert']) {
      expect((await c[who].get(`/api/projects/${projectId}/reports/monthly.docx`)).statusCode, who).toBe(404);
      expect((await c[who].get(`/api/projects/${projectId}/reports/${midtermId}/export.docx`)).statusCode, who).toBe(
        404,
      );
    }
    expect((await c.host.get(`/api/projects/${projectId}/reports/nope/export.docx`)).statusCode).toBe(404);
  });

  it('files the written reports in the dossier beside the uploads, listed in its table of contents', async () => {
    const res = await c.school_director.get(`/api/projects/${projectId}/export/archive.zip`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toContain('04-中期/中期报告/中期报告（在线填报）.docx');
    expect(names).toContain('03-研究过程/月报/课题研究月汇报表（在线填报）.docx');
    const packed = await zip.file('04-中期/中期报告/中期报告（在线填报）.docx')?.async('nodebuffer');
    expect(await docxText(packed ?? Buffer.alloc(0))).toContain('研究扎实，同意通过中期');
    const index = (await zip.file('index.html')?.async('string')) ?? '';
    expect(index).toContain('课题研究月汇报表（在线填报）.docx');
    expect(index).toContain('共 2 个文件。');
  });
});
