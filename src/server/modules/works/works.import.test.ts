import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { multipartFile, readXlsx, xlsxOf } from '../../../../test/xlsx.js';
import { newId, nowIso } from '../../db/dialect.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Cell = string | number | Date | null;

const HEADERS = [
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
  '所属课题',
];

interface Problem {
  row: number;
  field: string;
  message: string;
}
interface EntryItem {
  workId: string;
  workTitle: string;
  workKind: string;
  authorNames: string[];
  competitionId: string;
  competitionName: string;
  competitionLevel: string;
  year: number;
  status: string;
  result: string;
  resultOn: string;
}

describe.each(DIALECTS)('historic award import on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let director: Client;
  let admin: Client;
  let teacher: Client;
  let builtinId: string;
  let districtCompetitionId: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    const { s1, s2 } = w.orgs;
    await f.person('王晓燕', { org: s1 });
    await f.person('李明', { org: s1 });
    await f.person('刘洋', { org: s1, birthDate: '1985-01-01' });
    await f.person('刘洋', { org: s1, birthDate: '1992-02-02' });
    await f.person('陈静', { org: s2 });
    const now = nowIso();
    const competition = (id: string, orgId: string | null, name: string, level: string) =>
      t.database.db
        .insertInto('competitions')
        .values({
          id,
          org_id: orgId,
          name,
          level,
          organiser: '',
          description: '',
          work_kinds: '[]',
          active: 1,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    builtinId = newId();
    districtCompetitionId = newId();
    await competition(builtinId, null, '师陶杯', 'provincial');
    // The district's own 师陶杯 round: the nearer owner wins over the built-in at the same level.
    await competition(newId(), null, '五四杯', 'district');
    await competition(districtCompetitionId, w.orgs.d1.id, '五四杯', 'district');
    director = await t.login('school_director', PASSWORD);
    admin = await t.login('research_admin', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
  });
  afterAll(async () => t?.close());

  const upload = async (c: Client, orgId: string, rows: Cell[][]) => {
    const { payload, headers } = multipartFile(await xlsxOf([HEADERS, ...rows]), '获奖登记表.xlsx');
    return c.raw({ method: 'POST', url: `/api/works/import?orgId=${orgId}`, payload, headers });
  };
  const counts = async () => {
    const n = async (table: 'works' | 'work_entries' | 'competitions' | 'work_authors') =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { works: await n('works'), entries: await n('work_entries'), competitions: await n('competitions') };
  };
  const awards = async (): Promise<EntryItem[]> => {
    const res = await director.get(`/api/entries?orgId=${w.orgs.s1.id}&awarded=true&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it('requires authentication, and the school office to import', async () => {
    expect((await t.anonymous.get('/api/works/import/template')).statusCode).toBe(401);
    const { payload, headers } = multipartFile(await xlsxOf([HEADERS]), 'x.xlsx');
    const anon = await t.anonymous.raw({
      method: 'POST',
      url: `/api/works/import?orgId=${w.orgs.s1.id}`,
      payload,
      headers,
    });
    expect(anon.statusCode).toBe(401);
    const before = await counts();
    const row: Cell[] = ['题目', '论文', '王晓燕', '', '', '', '师陶杯', '省级', '', '', '一等奖', '2023-12-01'];
    const denied = await upload(teacher, w.orgs.s1.id, [row]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toMatch(/教科室主任/);
    // Another school's director does not learn that the school exists.
    expect((await upload(director, w.orgs.s2.id, [row])).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('offers a template whose header is what the import reads, with an instructions sheet', async () => {
    const res = await director.get('/api/works/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('历史获奖导入模板.xlsx'));
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[1].slice(0, 3)).toEqual(['整本书阅读中的问题链设计', '论文', '王晓燕、李明']);
  });

  it('lists every problem with its row and field, and imports nothing', async () => {
    const before = await counts();
    const res = await upload(director, w.orgs.s1.id, [
      ['好题目', '论文', '王晓燕', '', '', '3500字', '师陶杯', '省级', '', '', '一等奖', '2023-12-20'],
      ['', '随笔', '张三', '', '', '三千', '', '省', '', '二〇二三', '金奖', '2023-13-01'],
      ['另一篇', '教案', '刘洋', '', '', '', '五四杯', '区级', '', '', '二等', '2023年12月'],
      ['好题目', '论文', '王晓燕', '', '', '', '师陶杯', '省级', '', '', '二等奖', '2023-12-25'],
      ['外校的作品', '论文', '陈静', '', '', '', '师陶杯', '省级', '', '', '三等奖', '2023-11-01'],
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toBe('4 行有错误，整表未导入，请修改后重新上传');
    const problems: Problem[] = res.json().error.details.rows;
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.field}: ${p.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([
      '作品题目: 作品题目不能为空',
      '作品类型: 作品类型「随笔」无法识别，应为 论文、教案、教学设计、案例、课件、课例、专著',
      '作者: 本校没有名为「张三」的教师',
      '字数: 字数「三千」应为正整数，如 3500',
      '评比名称: 评比名称不能为空，如 师陶杯',
      '获奖等第: 获奖等第「金奖」无法识别，应为 特等奖、一等奖、二等奖、三等奖、优秀奖、入围',
      '获奖日期: 获奖日期「2023-13-01」不是有效日期（如 2023-12-20，或 2023-12）',
      '年度: 年度「二〇二三」应为四位年份，如 2023',
    ]);
    expect(at(4)).toEqual(['作者: 本校有 2 位名为「刘洋」的教师，无法确定是哪一位']);
    expect(at(5)).toEqual(['评比名称: 与第 2 行重复（同一作品在同一评比同一年度的奖项）']);
    expect(at(6)).toEqual(['作者: 本校没有名为「陈静」的教师']);
    expect(await counts()).toEqual(before);
  });

  it('imports awards: one work for its rows, catalogue competitions found, missing ones created for the school', async () => {
    const before = await counts();
    const res = await upload(director, w.orgs.s1.id, [
      [
        '整本书阅读中的问题链设计',
        '论文',
        '王晓燕、李明',
        '赵外援',
        '语文',
        '4,200',
        '师陶杯',
        '省级',
        '',
        '',
        '二等奖',
        new Date(Date.UTC(2023, 11, 20)),
      ],
      [
        '整本书阅读中的问题链设计',
        '论文',
        '王晓燕、李明',
        '赵外援',
        '语文',
        '',
        '五四杯',
        '区',
        '',
        '',
        '一等',
        '2023/6/5',
      ],
      [
        '小学科学探究课例',
        '课例',
        '李明',
        '',
        '科学',
        '',
        '蓝天杯',
        '市级',
        '市教育学会',
        '2022年',
        '优秀奖',
        '2023.3',
      ],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, works: 2, competitions: 1, newCompetitions: ['蓝天杯（市级）'] });
    expect(await counts()).toEqual({
      works: before.works + 2,
      entries: before.entries + 3,
      competitions: before.competitions + 1,
    });

    const list = await awards();
    const paper = list.filter((e) => e.workTitle === '整本书阅读中的问题链设计');
    expect(paper).toHaveLength(2);
    expect(new Set(paper.map((e) => e.workId)).size).toBe(1);
    expect(paper[0].authorNames).toEqual(['王晓燕', '李明', '赵外援']);
    const byName = Object.fromEntries(list.map((e) => [e.competitionName, e]));
    expect(byName.师陶杯).toMatchObject({
      competitionId: builtinId,
      competitionLevel: 'provincial',
      status: 'awarded',
      result: 'second',
      resultOn: '2023-12-20',
      year: 2023,
    });
    expect(byName.五四杯).toMatchObject({
      competitionId: districtCompetitionId,
      result: 'first',
      resultOn: '2023-06-05',
    });
    expect(byName.蓝天杯).toMatchObject({
      competitionLevel: 'city',
      result: 'merit',
      resultOn: '2023-03-01',
      year: 2022,
    });
    const created = await director.get(`/api/competitions/${byName.蓝天杯.competitionId}`);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      name: '蓝天杯',
      level: 'city',
      organiser: '市教育学会',
      orgId: w.orgs.s1.id,
    });
    const work = await director.get(`/api/works/${paper[0].workId}`);
    expect(work.json()).toMatchObject({ kind: 'paper', subject: '语文', charCount: 4200, orgId: w.orgs.s1.id });

    // The import is one audit entry naming everything it wrote.
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'work.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json ?? '{}')).toMatchObject({ imported: 3, works: 2 });
    // The works are found by search like any other.
    const found = await director.get(`/api/search?q=${encodeURIComponent('问题链')}`);
    expect(JSON.stringify(found.json())).toContain('整本书阅读中的问题链设计');
  });

  it('adds a later award to the work already recorded, and refuses one recorded before', async () => {
    const before = await counts();
    const res = await upload(admin, w.orgs.s1.id, [
      ['整本书阅读中的问题链设计', '论文', '王晓燕', '', '', '', '行知杯', '省级', '', '', '三等奖', '2024-05-10'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1, works: 0, competitions: 1, newCompetitions: ['行知杯（省级）'] });
    const paper = (await awards()).filter((e) => e.workTitle === '整本书阅读中的问题链设计');
    expect(paper).toHaveLength(3);
    expect(new Set(paper.map((e) => e.workId)).size).toBe(1);

    const again = await upload(director, w.orgs.s1.id, [
      ['新的论文', '论文', '李明', '', '', '', '师陶杯', '省级', '', '', '一等奖', '2024-12-01'],
      ['整本书阅读中的问题链设计', '论文', '王晓燕', '', '', '', '师陶杯', '省级', '', '2023', '一等奖', '2023-12-20'],
    ]);
    expect(again.statusCode, again.body).toBe(400);
    expect(again.json().error.details.rows).toEqual([
      {
        row: 3,
        field: '评比名称',
        message: '该作品已有「师陶杯」2023 年度的参评记录，请在作品页的参评记录中登记获奖结果',
      },
    ]);
    // Row 2 was fine but the sheet is all or nothing.
    expect(await counts()).toEqual({ ...before, entries: before.entries + 1, competitions: before.competitions + 1 });
  });

  it('links the awarded work to the project named in 所属课题, keeping a second row’s project too', async () => {
    const host = await t.database.db
      .selectFrom('people')
      .select('id')
      .where('name', '=', '王晓燕')
      .executeTakeFirstOrThrow();
    const made = (title: string, number: string) =>
      projectFactory(t.database).project({
        school: w.orgs.s1,
        hostId: host.id,
        manager: w.orgs.d1,
        title,
        number,
        stage: 'in_progress',
      });
    const first = await made('识字教学研究', 'QX-2022-03');
    const second = await made('作业设计研究', 'QX-2023-11');
    const res = await upload(director, w.orgs.s1.id, [
      ['识字游戏', '案例', '王晓燕', '', '', '', '师陶杯', '省级', '', '', '二等奖', '2022-11', 'QX-2022-03'],
      ['识字游戏', '案例', '王晓燕', '', '', '', '五四杯', '区级', '', '', '一等奖', '2023-05', '作业设计研究'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const links = await t.database.db
      .selectFrom('work_projects')
      .innerJoin('works', 'works.id', 'work_projects.work_id')
      .select('work_projects.project_id')
      .where('works.title', '=', '识字游戏')
      .execute();
    expect(links.map((l) => l.project_id).sort()).toEqual([first.id, second.id].sort());
  });

  it('refuses what is not a workbook, an empty sheet and a non-school org', async () => {
    const junk = multipartFile(Buffer.from('not a workbook'), 'x.xlsx');
    const bad = await director.raw({
      method: 'POST',
      url: `/api/works/import?orgId=${w.orgs.s1.id}`,
      payload: junk.payload,
      headers: junk.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^无法读取该文件/);
    const empty = await upload(director, w.orgs.s1.id, []);
    expect(empty.json().error.message).toBe('表格中没有可导入的数据行');
    const district = await upload(admin, w.orgs.d1.id, [
      ['题目', '论文', '王晓燕', '', '', '', '师陶杯', '省级', '', '', '一等奖', '2023-12-01'],
    ]);
    expect(district.statusCode).toBe(400);
    expect(district.json().error.message).toBe('历史获奖只能导入到学校');
  });
});
