import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { multipartFile, readXlsx, xlsxOf } from '../../../../test/xlsx.js';
import { today, yearsBefore } from '../../calendar.js';

const HEADER = [
  '姓名*',
  '性别*',
  '出生日期*',
  '入职日期',
  '任教学科',
  '教研组/年级组',
  '职称',
  '骨干级别',
  '工号',
  '手机',
  '邮箱',
  '登录用户名',
  '初始密码',
];

describe.each(DIALECTS)('people on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let director: Client;

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    director = await t.login('school_director', PASSWORD);
  });
  afterAll(async () => t?.close());

  const importFile = async (c: Client, rows: (string | number | null)[][], orgId = w.orgs.s1.id) => {
    const { payload, headers } = multipartFile(await xlsxOf([HEADER, ...rows]), '名册.xlsx');
    return c.raw({ method: 'POST', url: `/api/people/import?orgId=${orgId}`, payload, headers });
  };
  const countIn = async (orgId: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates a teacher with groups and a login that must change its password', async () => {
    const res = await director.post('/api/people', {
      name: '林晓雯',
      orgId: w.orgs.s1.id,
      gender: 'female',
      birthDate: '1995-09-10',
      subjects: ['数学'],
      title: 'level2',
      groupIds: [w.orgs.g1b.id],
      username: 'linxw',
      password: 'start2026',
    });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      name: '林晓雯',
      version: 1,
      title: 'level2',
      username: 'linxw',
      groups: [{ id: w.orgs.g1b.id, name: '数学组' }],
    });
    expect(p.roles.map((r: { role: string; orgId: string }) => `${r.role}@${r.orgId}`)).toEqual([
      `teacher@${w.orgs.s1.id}`,
    ]);
    const login = await t.anonymous.post('/api/auth/login', { username: 'LinXW', password: 'start2026' });
    expect(login.json().user.mustChangePassword).toBe(true);
    expect(login.json().user.abilities.readPeople).toBe(true);
  });

  it('refuses bad input with zh-CN field messages and stores nothing', async () => {
    const before = await countIn(w.orgs.s1.id);
    const res = await director.post('/api/people', {
      name: '',
      orgId: w.orgs.s1.id,
      gender: 'x',
      birthDate: '1990-02-30',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid');
    const fields = body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'gender', 'birthDate']));
    expect(body.error.message).toMatch(/输入有误/);
    expect(await countIn(w.orgs.s1.id)).toBe(before);
  });

  it('refuses a group of another school and a taken username', async () => {
    const foreignGroup = await director.post('/api/people', {
      name: '甲',
      orgId: w.orgs.s1.id,
      gender: 'male',
      birthDate: '1990-01-01',
      groupIds: [w.orgs.g2.id],
    });
    expect(foreignGroup.statusCode).toBe(400);
    const taken = await director.post('/api/people', {
      name: '乙',
      orgId: w.orgs.s1.id,
      gender: 'male',
      birthDate: '1990-01-01',
      username: 'Teacher',
      password: 'abcd1234',
    });
    expect(taken.statusCode).toBe(409);
  });

  it('refuses a 教研组 as a person’s home, on create and on a move, and changes nothing', async () => {
    const before = await countIn(w.orgs.g1.id);
    const created = await director.post('/api/people', {
      name: '丙',
      orgId: w.orgs.g1.id,
      gender: 'female',
      birthDate: '1991-02-03',
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.message).toMatch(/教研组/);
    expect(created.json().error.details.fields).toEqual([expect.objectContaining({ field: 'orgId' })]);
    expect(await countIn(w.orgs.g1.id)).toBe(before);
    const me = (await director.get(`/api/people/${w.at.s1.id}`)).json();
    const moved = await director.patch(`/api/people/${me.id}`, { version: me.version, orgId: w.orgs.g1.id });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.message).toMatch(/教研组/);
    expect((await director.get(`/api/people/${me.id}`)).json()).toMatchObject({
      orgId: w.orgs.s1.id,
      version: me.version,
    });
  });

  it('answers 409 to a stale version and keeps the newer change', async () => {
    const id = w.at.s1.id;
    const first = await director.patch(`/api/people/${id}`, { version: 1, phone: '13800000001' });
    expect(first.json().version).toBe(2);
    const stale = await director.patch(`/api/people/${id}`, { version: 1, phone: '13800000002' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect((await director.get(`/api/people/${id}`)).json().phone).toBe('13800000001');
  });

  it('lets a teacher edit their own contact details but not their title', async () => {
    const teacher = await t.login('teacher', PASSWORD);
    const me = (await teacher.get(`/api/people/${w.users.teacher.id}`)).json();
    const ok = await teacher.patch(`/api/people/${me.id}`, { version: me.version, phone: '13911112222' });
    expect(ok.statusCode).toBe(200);
    const promote = await teacher.patch(`/api/people/${me.id}`, { version: me.version + 1, title: 'senior' });
    expect(promote.statusCode).toBe(403);
  });

  it('searches by name, pinyin initials and filters by subject, group, title and age band', async () => {
    const f = factory(t.database);
    const on = today();
    await f.person('欧阳子涵', { org: w.orgs.s2, subjects: ['科学'], birthDate: yearsBefore(on, 29), title: 'level2' });
    await f.person('欧阳明', { org: w.orgs.s2, subjects: ['语文'], birthDate: yearsBefore(on, 30), title: 'senior' });
    const admin = await t.login('research_admin', PASSWORD);
    const names = async (q: string) =>
      ((await admin.get(`/api/people?${q}`)).json().items as { name: string }[]).map((p) => p.name);
    expect(await names('q=欧阳')).toEqual(['欧阳明', '欧阳子涵']);
    expect(await names('q=oyzh')).toEqual(['欧阳子涵']);
    expect(await names(`q=欧阳&subject=科学`)).toEqual(['欧阳子涵']);
    expect(await names(`q=欧阳&ageBand=lt30`)).toEqual(['欧阳子涵']);
    expect(await names(`q=欧阳&ageBand=30to34`)).toEqual(['欧阳明']);
    expect(await names(`q=欧阳&title=senior`)).toEqual(['欧阳明']);
    expect(await names(`groupId=${w.orgs.g1.id}`)).toEqual(expect.arrayContaining([w.at.g1.name]));
    expect(await names(`orgId=${w.orgs.s2.id}&q=欧阳`)).toHaveLength(2);
    expect(await names(`orgId=${w.orgs.s1.id}&q=欧阳`)).toHaveLength(0);
  });

  it('shows each person in the list as opening them does (groups, roles, login)', async () => {
    const admin = await t.login('sysadmin', PASSWORD);
    const items = (await admin.get('/api/people?pageSize=200')).json().items as { id: string }[];
    const withGroups = items.filter((p) => (p as unknown as { groups: unknown[] }).groups.length > 0);
    expect(withGroups.length).toBeGreaterThan(2);
    for (const item of items) expect(item).toEqual((await admin.get(`/api/people/${item.id}`)).json());
  });

  it('pages the list with a total', async () => {
    const admin = await t.login('sysadmin', PASSWORD);
    const page1 = (await admin.get('/api/people?page=1&pageSize=3')).json();
    const page2 = (await admin.get('/api/people?page=2&pageSize=3')).json();
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toBeGreaterThan(6);
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const all = (await admin.get('/api/people?pageSize=200')).json();
    expect(all.items).toHaveLength(page1.total);
    // a page past the end has no rows but still tells how many there are
    expect((await admin.get('/api/people?page=99&pageSize=3')).json()).toMatchObject({ items: [], total: page1.total });
    expect((await admin.get('/api/people?pageSize=500')).statusCode).toBe(400);
  });

  it('serves the roster template with the school groups listed', async () => {
    const res = await director.get(`/api/people/import/template?orgId=${w.orgs.s1.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADER);
  });

  it('imports nothing when any row is wrong and lists every problem by row', async () => {
    const before = await countIn(w.orgs.s1.id);
    const res = await importFile(director, [
      ['周一', '女', '1991-04-05', '', '语文', '语文组', '一级教师', '', 'A01'],
      ['吴二', '男', '1991-13-05', '', '数学', '', '', '', ''],
      ['', '女', '1993-01-01'],
      ['郑三', '女', '1990-01-01', '', '', '物理组'],
      ['周一', '女', '1991-04-05', '', '语文', '', '', '', 'A02'],
      ['王四', '未知', '1990-01-01', '', '', '', '教授'],
    ]);
    expect(res.statusCode).toBe(400);
    const rows = res.json().error.details.rows as { row: number; field: string; message: string }[];
    const at = (n: number) =>
      rows
        .filter((r) => r.row === n)
        .map((r) => `${r.field}:${r.message}`)
        .join(' | ');
    expect(at(2)).toBe('');
    expect(at(3)).toMatch(/出生日期/);
    expect(at(4)).toMatch(/姓名不能为空/);
    expect(at(5)).toMatch(/物理组/);
    expect(at(6)).toMatch(/与第 2 行重复/);
    expect(at(7)).toMatch(/性别/);
    expect(at(7)).toMatch(/职称/);
    expect(res.json().error.message).toMatch(/整表未导入/);
    expect(await countIn(w.orgs.s1.id)).toBe(before);
  });

  it('imports every row once the file is fixed, with groups and logins', async () => {
    const before = await countIn(w.orgs.s1.id);
    const res = await importFile(director, [
      [
        '周一',
        '女',
        '1991-04-05',
        '2013-08-30',
        '语文、书法',
        '语文组',
        '一级教师',
        '校级骨干',
        'A01',
        '',
        '',
        'zhouyi',
        'zhou2026',
      ],
      ['吴二', '男', '1991-11-05', '', '数学', '数学组', '', '', ''],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await countIn(w.orgs.s1.id)).toBe(before + 2);
    const zhou = (await director.get('/api/people?q=周一')).json().items[0];
    expect(zhou).toMatchObject({
      subjects: ['语文', '书法'],
      title: 'level1',
      backboneLevel: 'school',
      username: 'zhouyi',
      groups: [{ name: '语文组' }],
    });
    const again = await importFile(director, [['周一', '女', '1991-04-05']]);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.rows[0].message).toMatch(/已有 周一/);
  });

  it('refuses an import into a school outside the scope as not found', async () => {
    const res = await importFile(director, [['外校', '女', '1991-04-05']], w.orgs.s3.id);
    expect(res.statusCode).toBe(404);
  });

  it('refuses a file that is not a workbook with a clear message', async () => {
    const { payload, headers } = multipartFile(Buffer.from('not a workbook'), 'x.xlsx');
    const res = await director.raw({
      method: 'POST',
      url: `/api/people/import?orgId=${w.orgs.s1.id}`,
      payload,
      headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/无法读取/);
  });

  it('exports the filtered list to xlsx', async () => {
    const res = await director.get('/api/people/export.xlsx?q=周一');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0][1]).toBe('姓名');
    expect(rows).toHaveLength(2);
    expect(rows[1][1]).toBe('周一');
  });

  it('grants and revokes roles, and keeps the last system admin', async () => {
    const granted = await director.post(`/api/people/${w.at.g1.id}/roles`, {
      role: 'group_leader',
      orgId: w.orgs.g1.id,
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ role: 'group_leader', orgName: '语文组' });
    const dup = await director.post(`/api/people/${w.at.g1.id}/roles`, { role: 'group_leader', orgId: w.orgs.g1.id });
    expect(dup.statusCode).toBe(409);
    const wrongKind = await director.post(`/api/people/${w.at.g1.id}/roles`, {
      role: 'group_leader',
      orgId: w.orgs.s1.id,
    });
    expect(wrongKind.statusCode).toBe(400);
    const tooHigh = await director.post(`/api/people/${w.at.g1.id}/roles`, {
      role: 'research_admin',
      orgId: w.orgs.s1.id,
    });
    expect([400, 403]).toContain(tooHigh.statusCode);
    expect((await director.delete(`/api/people/${w.at.g1.id}/roles/${granted.json().id}`)).statusCode).toBe(200);
    const admin = await t.login('sysadmin', PASSWORD);
    const me = (await admin.get('/api/me')).json();
    const last = await admin.delete(`/api/people/${me.id}/roles/${me.roles[0].id}`);
    expect(last.statusCode).toBe(409);
  });

  it('records before and after of a profile change in the audit log', async () => {
    const p = (await director.get(`/api/people/${w.at.g1.id}`)).json();
    await director.patch(`/api/people/${p.id}`, { version: p.version, title: 'senior' });
    const log = (await director.get(`/api/audit?entityId=${p.id}`)).json().items;
    const entry = log.find((e: { action: string }) => e.action === 'person.update');
    expect(entry.before.title).toBe('level1');
    expect(entry.after.title).toBe('senior');
    expect(entry.actorName).toBe('教科室主任');
  });
});
