import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../test/api.js';
import { DIALECTS } from '../../../test/db.js';
import { factory, PASSWORD } from '../../../test/factories.js';
import { multipartFile, readXlsx, xlsxOf } from '../../../test/xlsx.js';
import { startHourlyJobs } from './hourly.js';
import { JobRunner } from './runner.js';

const HEADER = ['姓名*', '性别*', '出生日期*', '入职日期', '任教学科', '教研组/年级组'];

describe.each(DIALECTS)('background jobs on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let director: Client;
  let teacher: Client;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    director = await t.login('school_director', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('runs an export for its creator only, with progress to 100 and the same file as the direct route', async () => {
    const target = `/api/people/export.xlsx?orgId=${w.orgs.s1.id}`;
    const created = await director.post('/api/jobs', { kind: 'export', target });
    expect(created.statusCode).toBe(200);
    const job = created.json();
    expect(job).toMatchObject({ status: 'queued', progress: 0, kind: 'export' });
    expect((await teacher.get(`/api/jobs/${job.id}`)).statusCode).toBe(404);

    expect(await t.jobs.runOnce()).toBe(1);
    const done = (await director.get(`/api/jobs/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'done', progress: 100, resultName: '教师名册.xlsx' });
    const file = await director.get(`/api/jobs/${job.id}/download`);
    expect(file.statusCode).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain('filename*=UTF-8');
    const direct = await director.get(target);
    expect(await readXlsx(file.rawPayload)).toEqual(await readXlsx(direct.rawPayload));
    expect((await teacher.get(`/api/jobs/${job.id}/download`)).statusCode).toBe(404);
    // The job's credential is gone once it finished.
    const tokens = await t.database.db.selectFrom('api_tokens').select('name').execute();
    expect(tokens.filter((x) => x.name.startsWith('后台任务'))).toEqual([]);
  });

  it('gives a job no more rights than its creator', async () => {
    // A teacher's roster export of another school holds nobody, exactly like the direct route.
    const roster = `/api/people/export.xlsx?orgId=${w.orgs.s3.id}`;
    const job = (await teacher.post('/api/jobs', { kind: 'export', target: roster })).json();
    // A Word application of a project the teacher cannot see ends in the route's own not_found.
    const hidden = (
      await teacher.post('/api/jobs', { kind: 'export', target: '/api/projects/zz-nope/export/application.docx' })
    ).json();
    await t.jobs.runOnce();
    const file = await teacher.get(`/api/jobs/${job.id}/download`);
    expect(await readXlsx(file.rawPayload)).toEqual(await readXlsx((await teacher.get(roster)).rawPayload));
    expect((await readXlsx(file.rawPayload)).length).toBe(1);
    const after = (await teacher.get(`/api/jobs/${hidden.id}`)).json();
    expect(after.status).toBe('error');
    expect(after.message).toMatch(/不存在|无权/);
    expect((await teacher.get(`/api/jobs/${hidden.id}/download`)).statusCode).toBe(404);
  });

  it('refuses targets that are not file exports of this API', async () => {
    for (const target of ['/api/people', '/api/../etc/passwd.xlsx', 'http://evil.example/x.xlsx', '/api/nope.xlsx']) {
      const res = await director.post('/api/jobs', { kind: 'export', target });
      expect(res.statusCode, target).toBe(400);
      expect(res.json().error.message).toMatch(/导出|不正确/);
    }
  });

  it('imports a roster in the background: the answer of the import, or its row errors, become the job result', async () => {
    const good = multipartFile(
      await xlsxOf([HEADER, ['后台甲', '女', '1990-02-03'], ['后台乙', '男', '1991-03-04']]),
      '名册.xlsx',
    );
    const target = encodeURIComponent(`/api/people/import?orgId=${w.orgs.s1.id}`);
    const res = await director.raw({ method: 'POST', url: `/api/jobs/import?target=${target}`, ...good });
    expect(res.statusCode).toBe(200);
    const bad = multipartFile(await xlsxOf([HEADER, ['', '女', '1990-02-03']]), '坏名册.xlsx');
    const res2 = await director.raw({ method: 'POST', url: `/api/jobs/import?target=${target}`, ...bad });
    await t.jobs.runOnce();
    const ok = (await director.get(`/api/jobs/${res.json().id}`)).json();
    expect(ok).toMatchObject({ status: 'done', progress: 100, result: { imported: 2 } });
    const failed = (await director.get(`/api/jobs/${res2.json().id}`)).json();
    expect(failed.status).toBe('error');
    expect(JSON.stringify(failed.result)).toContain('rows');
    const names = await t.database.db.selectFrom('people').select('name').where('name', 'like', '后台%').execute();
    expect(names.map((n) => n.name).sort()).toEqual(['后台乙', '后台甲']);
  });

  it('imports past awards in the background too, and names the job after what it imports', async () => {
    const sheet = await xlsxOf([
      [
        '作品题目*',
        '作品类型*',
        '作者*',
        '校外作者',
        '学科',
        '字数',
        '评比名称*',
        '评比级别*',
        '主办单位',
        '年度',
        '获奖等第*',
        '获奖日期*',
      ],
      ['后台导入的获奖论文', '论文', '普通教师', '', '语文', 4000, '后台评比', '区级', '', 2024, '一等奖', '2024-06'],
    ]);
    const target = encodeURIComponent(`/api/works/import?orgId=${w.orgs.s1.id}`);
    const res = await director.raw({
      method: 'POST',
      url: `/api/jobs/import?target=${target}`,
      ...multipartFile(sheet, '获奖.xlsx'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().label).toBe('导入历史获奖 获奖.xlsx');
    await t.jobs.runOnce();
    const job = (await director.get(`/api/jobs/${res.json().id}`)).json();
    expect(job, JSON.stringify(job)).toMatchObject({ status: 'done', result: { imported: 1, works: 1 } });
    const works = await t.database.db
      .selectFrom('works')
      .select('title')
      .where('title', '=', '后台导入的获奖论文')
      .execute();
    expect(works).toHaveLength(1);

    const other = encodeURIComponent('/api/people?orgId=x');
    const refused = await director.raw({
      method: 'POST',
      url: `/api/jobs/import?target=${other}`,
      ...multipartFile(sheet, '获奖.xlsx'),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(
      '只能把名册、历史课题、历史获奖、论文发表或指导学生获奖的导入放到后台任务中',
    );
  });

  it('gives each clock hour to one process: the first to ask, even when several ask at once', async () => {
    const jobs = t.services.jobs;
    // An hour long past, so the hour the app's own start may have taken does not count.
    const at = (h: number) => new Date(Date.UTC(2001, 0, 1, h, 30));
    expect(await jobs.takeHourlyTurn(at(1))).toBe(true);
    expect(await jobs.takeHourlyTurn(at(1))).toBe(false);
    const many = await Promise.all(Array.from({ length: 6 }, () => jobs.takeHourlyTurn(at(2))));
    expect(many.filter(Boolean)).toHaveLength(1);
    expect(await jobs.takeHourlyTurn(at(1))).toBe(false);
    expect(await jobs.takeHourlyTurn(at(3))).toBe(true);
  });

  it('runs the hourly jobs at a start only when no process ran them this hour', async () => {
    const started = () =>
      new Promise<boolean>((resolve) => {
        const stop = startHourlyJobs(
          t.services,
          () => {},
          (_ms, ran) => {
            stop();
            resolve(ran);
          },
        );
      });
    // The turns above ended in 2001; now is a later hour, taken by the first start and refused to the second.
    expect(await started()).toBe(true);
    expect(await started()).toBe(false);
  });

  it('gives the hour back when its run fails, so the next process to ask runs it', async () => {
    const failing = { ...t.services, search: { sync: () => Promise.reject(new Error('索引库不可用')) } };
    const logged: string[] = [];
    await t.database.db.deleteFrom('settings').where('key', '=', 'jobs.hourly.hour').execute();
    const ran = await new Promise<boolean>((resolve) => {
      const stop = startHourlyJobs(
        failing as unknown as typeof t.services,
        (m) => logged.push(m),
        (_ms, took) => {
          stop();
          resolve(took);
        },
      );
    });
    expect(ran).toBe(true);
    expect(logged.join('\n')).toContain('索引库不可用');
    expect(await t.services.jobs.takeHourlyTurn()).toBe(true);
    expect(await t.services.jobs.takeHourlyTurn()).toBe(false);
  });

  it('runs each job once when two processes poll the same queue', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(
        (
          await director.post('/api/jobs', { kind: 'export', target: `/api/people/export.xlsx?orgId=${w.orgs.s1.id}` })
        ).json().id,
      );
    const other = new JobRunner(t.database, t.services.store, t.services.auth, (o) => t.app.inject(o));
    const [a, b] = await Promise.all([t.jobs.runOnce(), other.runOnce()]);
    expect(a + b).toBe(6);
    const rows = await t.database.db
      .selectFrom('jobs')
      .select(['id', 'attempts', 'status'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.every((r) => r.attempts === 1 && r.status === 'done')).toBe(true);
  });
});
