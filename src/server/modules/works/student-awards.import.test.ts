import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { multipartFile, readXlsx, xlsxOf } from '../../../../test/xlsx.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Cell = string | number | Date | null;

const HEADERS = ['指导教师*', '学生姓名*', '班级', '比赛名称*', '作品或项目', '级别*', '获奖等第*', '获奖日期*'];

describe.each(DIALECTS)('past student-guidance award import on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let director: Client;
  let teacher: Client;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    await f.person('王晓燕', { org: w.orgs.s1 });
    await f.person('陈静', { org: w.orgs.s2 });
    director = await t.login('school_director', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
  });
  afterAll(async () => t?.close());

  const upload = async (c: Client, orgId: string, rows: Cell[][]) => {
    const { payload, headers } = multipartFile(await xlsxOf([HEADERS, ...rows]), '指导学生获奖.xlsx');
    return c.raw({ method: 'POST', url: `/api/student-awards/import?orgId=${orgId}`, payload, headers });
  };
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('student_awards')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('offers a template whose header is what the import reads, and only to the school office', async () => {
    const res = await director.get('/api/student-awards/import/template');
    expect(res.statusCode).toBe(200);
    expect((await readXlsx(res.rawPayload))[0]).toEqual(HEADERS);
    const row: Cell[] = ['王晓燕', '张小雨', '', '作文大赛', '', '市级', '一等奖', '2023-11'];
    const denied = await upload(teacher, w.orgs.s1.id, [row]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('只有本校教科室主任或上级教科研管理员可以导入指导学生获奖');
    expect((await upload(director, w.orgs.s2.id, [row])).statusCode).toBe(404);
    expect(await count()).toBe(0);
  });

  it('lists every problem by row, and imports nothing until every row is right', async () => {
    const res = await upload(director, w.orgs.s1.id, [
      ['王晓燕', '张小雨', '五（2）班', '市中小学生作文大赛', '作文《我的外婆》', '市级', '一等奖', '2023-11'],
      ['陈静', '', '', '', '', '洲级', '金奖', '昨天'],
      ['王晓燕', '张小雨', '', '市中小学生作文大赛', '', '市', '一等', '2023年11月'],
    ]);
    expect(res.statusCode).toBe(400);
    const rows = res.json().error.details.rows as { row: number; field: string; message: string }[];
    expect(rows.filter((r) => r.row === 3).map((r) => r.field)).toEqual([
      '指导教师',
      '学生姓名',
      '比赛名称',
      '级别',
      '获奖等第',
      '获奖日期',
    ]);
    expect(rows.find((r) => r.row === 3 && r.field === '指导教师')?.message).toBe('本校没有名为「陈静」的教师');
    // 市 / 一等 / 2023年11月 are the same award as row 2, spelt another way.
    expect(rows.filter((r) => r.row === 4)).toEqual([{ row: 4, field: '比赛名称', message: '与第 2 行重复' }]);
    expect(await count()).toBe(0);
  });

  it('imports the rows, lists them on the school, and refuses a second import of the same award', async () => {
    const good = [
      ['王晓燕', '张小雨', '五（2）班', '市中小学生作文大赛', '作文《我的外婆》', '市级', '一等奖', '2023-11'],
      ['王晓燕', '五（2）班合唱队', '', '区中小学生艺术展演', '', '区级', '二等奖', new Date(Date.UTC(2024, 4, 20))],
    ];
    const res = await upload(director, w.orgs.s1.id, good);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    const list = (await director.get(`/api/student-awards?orgId=${w.orgs.s1.id}&pageSize=50`)).json();
    const mine = list.items.filter((a: { personName: string }) => a.personName === '王晓燕');
    expect(
      mine.map((a: Record<string, string>) => [a.studentName, a.className, a.level, a.result, a.awardedOn]).sort(),
    ).toEqual([
      ['五（2）班合唱队', null, 'district', 'second', '2024-05-20'],
      ['张小雨', '五（2）班', 'city', 'first', '2023-11-01'],
    ]);
    const again = await upload(director, w.orgs.s1.id, [good[0]]);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.rows).toEqual([
      { row: 2, field: '比赛名称', message: '该奖项已登记过（张小雨，市中小学生作文大赛，2023-11-01）' },
    ]);
    expect(await count()).toBe(2);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('org_id')
      .where('action', '=', 'student_award.import')
      .execute();
    expect(audit).toEqual([{ org_id: w.orgs.s1.id }]);
  });
});
