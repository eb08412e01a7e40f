import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { multipartFile, readXlsx, xlsxOf } from '../../../../test/xlsx.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Cell = string | number | Date | null;

const HEADERS = [
  '论文题目*',
  '作品类型',
  '作者*',
  '校外作者',
  '学科',
  '字数',
  '刊物名称*',
  '刊物级别*',
  '期号',
  '发表日期*',
  '页码',
  '所属课题',
];

interface PublicationItem {
  workId: string;
  workTitle: string;
  journal: string;
  level: string;
  issue: string;
  publishedOn: string;
  pages: string;
  authorNames: string[];
}

describe.each(DIALECTS)('past publication import on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let director: Client;
  let teacher: Client;
  let projectId: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    const host = await f.person('王晓燕', { org: w.orgs.s1 });
    const projects = projectFactory(t.database);
    const city = {
      school: w.orgs.s1,
      hostId: host.id,
      manager: w.orgs.city,
      level: 'city',
      stage: 'in_progress',
    } as const;
    projectId = (await projects.project({ ...city, title: '小学整本书阅读策略研究', number: '市规2023-017' })).id;
    // Two projects of one title: only the number tells them apart.
    await projects.project({ ...city, title: '同名课题', number: 'A-1' });
    await projects.project({ ...city, title: '同名课题', number: 'A-2' });
    await f.person('李明', { org: w.orgs.s1 });
    await f.person('陈静', { org: w.orgs.s2 });
    director = await t.login('school_director', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
  });
  afterAll(async () => t?.close());

  const upload = async (c: Client, orgId: string, rows: Cell[][]) => {
    const { payload, headers } = multipartFile(await xlsxOf([HEADERS, ...rows]), '发表登记表.xlsx');
    return c.raw({ method: 'POST', url: `/api/publications/import?orgId=${orgId}`, payload, headers });
  };
  const count = async (table: 'works' | 'publications') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({ works: await count('works'), publications: await count('publications') });
  const listed = async (): Promise<PublicationItem[]> => {
    const res = await director.get(`/api/publications?orgId=${w.orgs.s1.id}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it('offers a template whose header is what the import reads', async () => {
    expect((await t.anonymous.get('/api/publications/import/template')).statusCode).toBe(401);
    const res = await director.get('/api/publications/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('论文发表导入模板.xlsx'));
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
  });

  it('refuses a teacher and another school, and changes nothing', async () => {
    const before = await counts();
    const row: Cell[] = ['题目', '', '王晓燕', '', '', '', '江苏教育', '省级', '', '2023-05-01', ''];
    const denied = await upload(teacher, w.orgs.s1.id, [row]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('只有本校教科室主任或上级教科研管理员可以导入论文发表');
    expect((await upload(director, w.orgs.s2.id, [row])).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('lists every problem by row and imports nothing when any row is wrong', async () => {
    const before = await counts();
    const res = await upload(director, w.orgs.s1.id, [
      ['好的一行', '', '王晓燕', '', '', '', '江苏教育', '省级', '', '2023-05-01', ''],
      ['', '', '陈静', '', '', '三千', '', '洲级', '', '2023-13', ''],
      ['好的一行', '', '王晓燕', '', '', '', '《江苏教育》', '省级', '', '2023-05-01', ''],
    ]);
    expect(res.statusCode, res.body).toBe(400);
    const problems = res.json().error.details.rows as { row: number; field: string; message: string }[];
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.field}：${p.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([
      '论文题目：作品题目不能为空',
      expect.stringMatching(/^作者：.*陈静/),
      '字数：字数「三千」应为正整数，如 3500',
      '刊物名称：刊物名称不能为空，如 江苏教育',
      expect.stringMatching(/^刊物级别：刊物级别「洲级」/),
      '发表日期：发表日期「2023-13」不是有效日期（如 2023-05-15，或 2023-05）',
    ]);
    // 《江苏教育》 is 江苏教育: the same publication as row 2.
    expect(at(4)).toEqual(['刊物名称：与第 2 行重复（同一作品同一刊物同一期）']);
    expect(await counts()).toEqual(before);
  });

  it('makes one work of its rows, joins a work already here, and refuses the same publication twice', async () => {
    const before = await counts();
    const res = await upload(director, w.orgs.s1.id, [
      [
        '问题链设计',
        '',
        '王晓燕、李明',
        '张老师',
        '语文',
        '4,200字',
        '江苏教育',
        '省级',
        '2023年第5期',
        '2023-05',
        '12-15',
      ],
      [
        '问题链设计',
        '论文',
        '王晓燕、李明',
        '张老师',
        '语文',
        4200,
        '小学语文教学',
        '国家级',
        '2024年第1期',
        '2024年1月',
        '',
      ],
      [
        '单元作业设计',
        '教学设计',
        '李明',
        '',
        '数学',
        '',
        '区教研通讯',
        '区级',
        '',
        new Date(Date.UTC(2022, 10, 8)),
        '',
      ],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, works: 2 });
    expect(await counts()).toEqual({ works: before.works + 2, publications: before.publications + 3 });
    const items = await listed();
    const chain = items.filter((p) => p.workTitle === '问题链设计');
    expect(chain.map((p) => [p.journal, p.level, p.issue, p.publishedOn]).sort()).toEqual([
      ['小学语文教学', 'national', '2024年第1期', '2024-01-01'],
      ['江苏教育', 'provincial', '2023年第5期', '2023-05-01'],
    ]);
    expect(new Set(chain.map((p) => p.workId)).size).toBe(1);
    expect(chain[0].authorNames).toEqual(['王晓燕', '李明', '张老师']);
    const work = (await director.get(`/api/works/${chain[0].workId}`)).json();
    expect(work).toMatchObject({ kind: 'paper', charCount: 4200, subject: '语文' });
    expect(items.find((p) => p.workTitle === '单元作业设计')).toMatchObject({
      publishedOn: '2022-11-08',
      level: 'district',
    });

    // A later sheet: a new publication of the same work joins it; one already recorded refuses the sheet.
    const again = await upload(director, w.orgs.s1.id, [
      ['问题链设计', '', '王晓燕', '', '', '', '江苏教育研究', '省级', '2025年第2期', '2025-02', ''],
      ['问题链设计', '', '王晓燕、李明', '张老师', '', '', '江苏教育', '省级', '2023年第5期', '2023-05', ''],
    ]);
    expect(again.statusCode, again.body).toBe(400);
    expect(again.json().error.details.rows).toEqual([
      { row: 3, field: '刊物名称', message: '该作品已登记过《江苏教育》2023年第5期 的发表' },
    ]);
    expect(await counts()).toEqual({ works: before.works + 2, publications: before.publications + 3 });
    const joined = await upload(director, w.orgs.s1.id, [
      ['问题链设计', '', '王晓燕', '', '', '', '江苏教育研究', '省级', '2025年第2期', '2025-02', ''],
    ]);
    expect(joined.json()).toEqual({ imported: 1, works: 0 });
    const afterJoin = (await listed()).filter((p) => p.workTitle === '问题链设计');
    expect(new Set(afterJoin.map((p) => p.workId)).size).toBe(1);
    expect(afterJoin).toHaveLength(3);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'org_id'])
      .where('action', '=', 'publication.import')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.org_id === w.orgs.s1.id)).toBe(true);
  });

  it('links a publication to the project named in 所属课题, and the project’s conclusion check counts it', async () => {
    const check = async () => (await director.get(`/api/projects/${projectId}/conclusion-check`)).json();
    const before = await check();
    expect(before.passed).toBe(false);

    const wrong = await upload(director, w.orgs.s1.id, [
      ['阅读单设计', '', '王晓燕', '', '', 3600, '江苏教育', '省级', '2024年第3期', '2024-03', '', '同名课题'],
      ['阅读单设计', '', '王晓燕', '', '', 3600, '江苏教育', '省级', '2024年第4期', '2024-04', '', '查无此题'],
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.rows).toEqual([
      { row: 2, field: '所属课题', message: '本校有 2 个题目为「同名课题」的课题，请填写立项编号' },
      { row: 3, field: '所属课题', message: '本校没有立项编号或题目为「查无此题」的课题' },
    ]);

    const res = await upload(director, w.orgs.s1.id, [
      ['阅读单设计', '', '王晓燕', '', '', 3600, '江苏教育', '省级', '2024年第3期', '2024-03', '', '市规2023-017'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const after = await check();
    const rule = after.rules.find((r: { records: { title: string }[] }) =>
      r.records.some((x) => x.title.includes('阅读单设计')),
    );
    expect(rule, JSON.stringify(after.rules)).toMatchObject({ passed: true, actual: 1 });
    expect(after.passed).toBe(true);
  });
});
