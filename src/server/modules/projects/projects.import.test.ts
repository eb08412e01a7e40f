import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { multipartFile, readXlsx, xlsxOf } from '../../../../test/xlsx.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Cell = string | number | Date | null;

const HEADERS = [
  '课题名称*',
  '立项编号',
  '级别*',
  '类别*',
  '规划期',
  '学科',
  '主持人*',
  '成员',
  '开始日期',
  '结束日期',
  '阶段*',
  '结题等级',
];

interface Problem {
  row: number;
  field: string;
  message: string;
}
interface ProjectItem {
  id: string;
  title: string;
  number: string | null;
  level: string;
  kind: string;
  stage: string;
  grade: string | null;
  historic: boolean;
  planPeriod: string | null;
  subject: string | null;
  startsOn: string | null;
  endsOn: string | null;
  hostName: string;
  managerOrgId: string | null;
  members: { name: string; role: string }[];
}

describe.each(DIALECTS)('historic project import on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let director: Client;
  let admin: Client;
  let teacher: Client;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    const { s1, s2, d1 } = w.orgs;
    const host = await f.person('王晓燕', { org: s1 });
    await f.person('李明', { org: s1 });
    await f.person('张华', { org: s1 });
    await f.person('刘洋', { org: s1, birthDate: '1985-01-01' });
    await f.person('刘洋', { org: s1, birthDate: '1992-02-02' });
    await f.person('陈静', { org: s2 });
    await projectFactory(t.database).project({
      title: '已有的课题',
      school: s1,
      hostId: host.id,
      manager: d1,
      stage: 'in_progress',
      number: 'OLD-001',
    });
    director = await t.login('school_director', PASSWORD);
    admin = await t.login('research_admin', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
  });
  afterAll(async () => t?.close());

  const upload = async (c: Client, orgId: string, rows: Cell[][]) => {
    const { payload, headers } = multipartFile(await xlsxOf([HEADERS, ...rows]), '历史课题.xlsx');
    return c.raw({ method: 'POST', url: `/api/projects/import?orgId=${orgId}`, payload, headers });
  };
  const historicCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('projects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('historic', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('requires authentication', async () => {
    expect((await t.anonymous.get('/api/projects/import/template')).statusCode).toBe(401);
    const { payload, headers } = multipartFile(await xlsxOf([HEADERS]), 'x.xlsx');
    const res = await t.anonymous.raw({
      method: 'POST',
      url: `/api/projects/import?orgId=${w.orgs.s1.id}`,
      payload,
      headers,
    });
    expect(res.statusCode).toBe(401);
  });

  it('downloads the template with the columns and a sheet of allowed values', async () => {
    const res = await director.get('/api/projects/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('历史课题导入模板.xlsx'));
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const help: string[] = [];
    wb.getWorksheet('填写说明')?.eachRow((r) => {
      help.push(r.values && Array.isArray(r.values) ? r.values.join(' ') : '');
    });
    const text = help.join('\n');
    for (const value of [
      '国家级',
      '区级',
      '青年教师专项',
      '委托课题',
      '十一五',
      '十五五',
      '已通过中期',
      '已撤项',
      '优秀',
    ])
      expect(text).toContain(value);
  });

  it('imports nothing from a file with bad rows and lists every problem with its row', async () => {
    const ok: Cell[] = [
      '课题甲',
      'HX-001',
      '区级',
      '一般课题',
      '十三五',
      '语文',
      '王晓燕',
      '李明',
      '',
      '',
      '研究中',
      '',
    ];
    const res = await upload(director, w.orgs.s1.id, [
      ok,
      ['课题乙', '', '县级', '一般课题', '', '', '王晓燕', '', '', '', '研究中', ''],
      ['课题丙', '', '区级', '一般课题', '', '', '陈静', '刘洋', '', '', '研究中', ''],
      ['课题丁', 'HX-001', '区级', '一般课题', '', '', '王晓燕', '', '', '', '研究中', ''],
      ['课题戊', 'OLD-001', '区级', '一般课题', '', '', '王晓燕', '', '', '', '研究中', ''],
      ['课题己', '', '区级', '一般课题', '', '', '王晓燕', '', '2020-13-01', '', '研究中', ''],
      ['课题庚', '', '区级', '一般课题', '', '', '王晓燕', '', '2021-09-01', '2020-06-30', '研究中', ''],
      ['课题辛', '', '区级', '一般课题', '', '', '王晓燕', '', '', '', '研究中', '优秀'],
      ['课题甲', '', '区级', '一般课题', '', '', '王晓燕', '', '', '', '已结题', ''],
      ['课题壬', '', '区级', '普通课题', '十六五', '', '', '', '', '', '', ''],
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('invalid');
    expect(res.json().error.message).toContain('整表未导入');
    const problems: Problem[] = res.json().error.details.rows;
    const at = (row: number, field: string) => problems.filter((p) => p.row === row && p.field === field);
    expect(problems.some((p) => p.row === 2)).toBe(false);
    expect(at(3, '级别')[0]?.message).toContain('县级');
    expect(at(4, '主持人')[0]?.message).toContain('本校没有名为「陈静」的教师');
    expect(at(4, '成员')[0]?.message).toContain('2 位名为「刘洋」');
    expect(at(5, '立项编号')[0]?.message).toContain('与第 2 行重复');
    expect(at(6, '立项编号')[0]?.message).toContain('OLD-001');
    expect(at(7, '开始日期')[0]?.message).toContain('2020-13-01');
    expect(at(8, '结束日期')[0]?.message).toContain('早于开始日期');
    expect(at(9, '结题等级')[0]?.message).toContain('已结题');
    expect(at(10, '课题名称')[0]?.message).toContain('与第 2 行重复');
    expect(at(11, '类别')[0]?.message).toContain('普通课题');
    expect(at(11, '规划期')[0]?.message).toContain('十六五');
    expect(at(11, '主持人')[0]?.message).toContain('不能为空');
    expect(at(11, '阶段')[0]?.message).toContain('不能为空');
    expect(await historicCount()).toBe(0);
  });

  it('imports the fixed file: historic projects with their stage, number, members and manager', async () => {
    const res = await upload(director, w.orgs.s1.id, [
      [
        '小学语文整本书阅读研究',
        'HX-2019-001',
        '区级',
        '一般课题',
        '十三五',
        '语文',
        '王晓燕',
        '李明、张华',
        new Date(Date.UTC(2019, 8, 1)),
        '2021-06-30',
        '已结题',
        '优秀',
      ],
      ['数学说理课堂微研究', '', '校级', '微型', '“十四五”', '数学', '李明', '', '2022/9/1', '', '研究中', ''],
      ['劳动教育校本课程开发', 'HX-2020-007', '市级', '重点课题', '十三五', '', '张华', '王晓燕', '', '', '已撤项', ''],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });

    const list = await director.get(`/api/projects?orgId=${w.orgs.s1.id}&pageSize=50`);
    expect(list.statusCode, list.body).toBe(200);
    const items: ProjectItem[] = list.json().items;
    const byTitle = (title: string) => {
      const p = items.find((x) => x.title === title);
      if (!p) throw new Error(`${title} not listed`);
      return p;
    };
    expect(byTitle('小学语文整本书阅读研究')).toMatchObject({
      historic: true,
      stage: 'concluded',
      grade: 'excellent',
      number: 'HX-2019-001',
      level: 'district',
      kind: 'general',
      planPeriod: '十三五',
      subject: '语文',
      startsOn: '2019-09-01',
      endsOn: '2021-06-30',
      hostName: '王晓燕',
      managerOrgId: w.orgs.d1.id,
      members: [
        { name: '王晓燕', role: 'host' },
        { name: '李明', role: 'member' },
        { name: '张华', role: 'member' },
      ],
    });
    expect(byTitle('数学说理课堂微研究')).toMatchObject({
      historic: true,
      stage: 'in_progress',
      number: null,
      kind: 'micro',
      planPeriod: '十四五',
      startsOn: '2022-09-01',
      managerOrgId: w.orgs.s1.id,
      members: [{ name: '李明', role: 'host' }],
    });
    const third = byTitle('劳动教育校本课程开发');
    expect(third).toMatchObject({ historic: true, stage: 'terminated', kind: 'key', managerOrgId: w.orgs.city.id });
    expect(third.members.map((m) => m.name)).toEqual(['张华', '王晓燕']);

    // No invented history: the stage is the sheet's; the import itself is one audit entry.
    const history = await director.get(`/api/projects/${third.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after_json'])
      .where('action', '=', 'project.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_id).toBe(w.orgs.s1.id);
    expect(audit[0].after_json).toContain('HX-2020-007');
    // Teachers of the school see running and finished projects, historic ones included.
    const seen: ProjectItem[] = (await teacher.get(`/api/projects?orgId=${w.orgs.s1.id}`)).json().items;
    expect(seen.map((p) => p.title)).toContain('小学语文整本书阅读研究');
  });

  it('refuses to import the same projects twice', async () => {
    const res = await upload(director, w.orgs.s1.id, [
      ['小学语文整本书阅读研究', '', '区级', '一般课题', '', '', '王晓燕', '', '', '', '已结题', ''],
      ['另一个课题', 'HX-2020-007', '区级', '一般课题', '', '', '王晓燕', '', '', '', '研究中', ''],
    ]);
    expect(res.statusCode).toBe(400);
    const problems: Problem[] = res.json().error.details.rows;
    expect(problems).toContainEqual(expect.objectContaining({ row: 2, field: '课题名称' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 3, field: '立项编号', message: expect.stringContaining('HX-2020-007') }),
    );
    expect(await historicCount()).toBe(3);
  });

  it('lets a research office import for a school below it', async () => {
    const res = await upload(admin, w.orgs.s2.id, [
      ['二小的历史课题', '', '区级', '青年', '十二五', '', '陈静', '', '2012-09-01', '2014-06-30', '已结题', '合格'],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1 });
  });

  it('refuses a teacher of the school (403) and an office outside its district (404)', async () => {
    const row: Cell[] = ['教师导入', '', '校级', '微型课题', '', '', '王晓燕', '', '', '', '研究中', ''];
    const byTeacher = await upload(teacher, w.orgs.s1.id, [row]);
    expect(byTeacher.statusCode).toBe(403);
    expect(byTeacher.json().error.code).toBe('forbidden');
    expect((await upload(admin, w.orgs.s3.id, [row])).statusCode).toBe(404);
    expect((await upload(director, w.orgs.s2.id, [row])).statusCode).toBe(404);
    expect((await upload(director, 'nope', [row])).statusCode).toBe(404);
    expect(await historicCount()).toBe(4);
  });
});
