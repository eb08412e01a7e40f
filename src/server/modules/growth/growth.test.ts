import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

describe.each(DIALECTS)('growth records (专业发展) and 八个一 on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let g1teacher: { id: string; name: string };
  let reader: { id: string; name: string };
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    g1teacher = await f.person('语文组教师', {
      org: w.orgs.s1,
      groups: [w.orgs.g1],
      username: 'g1teacher',
      roles: [['teacher', w.orgs.s1]],
    });
    reader = await f.person('读书教师', { org: w.orgs.s1, username: 'reader', roles: [['teacher', w.orgs.s1]] });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of [
      'teacher',
      'g1teacher',
      'reader',
      'outsider',
      'group_leader',
      'school_director',
      'school_leader',
      'research_admin',
    ]) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  async function record(who: Client, body: Record<string, unknown>) {
    const res = await who.post('/api/growth', { kind: 'essay', date: '2026-10-08', title: '随笔', ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

  it('requires authentication on every route', async () => {
    // Attachment routes under /api/growth/:id/files are walked by the attachments tests.
    const mine = t.routes.filter((r) => r.url.startsWith('/api/growth') && !r.url.includes('/files'));
    expect(mine.length).toBe(6);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('records for the caller by default, with the kind fields and an audit entry', async () => {
    const r = await record(c.teacher, {
      kind: 'training',
      title: '市级骨干教师培训',
      date: '2026-11-03',
      text: '培训心得',
      hours: 12.5,
    });
    expect(r).toMatchObject({
      personId: w.users.teacher.id,
      personName: '普通教师',
      orgId: w.orgs.s1.id,
      kind: 'training',
      kindLabel: '培训',
      hours: 12.5,
      schoolYear: 2026,
      version: 1,
      abilities: { update: true, delete: true },
    });
    const reading = await record(c.teacher, { kind: 'reading', title: '给教师的建议', bookKind: 'required' });
    expect(reading.bookKind).toBe('required');
    const platform = await record(c.teacher, { kind: 'platform', title: '我的博客', url: 'https://blog.example.cn/a' });
    expect(platform.url).toBe('https://blog.example.cn/a');
    const study = await record(c.teacher, { kind: 'study', title: '外出学习', reportBack: '向全组汇报了三点收获' });
    expect(study.reportBack).toBe('向全组汇报了三点收获');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', r.id)
      .execute();
    expect(audit).toEqual([{ action: 'growth.create', actor_id: w.users.teacher.id }]);
  });

  it('refuses training without hours, a platform without a web link, a bad date and a misplaced 必读', async () => {
    const bad = [
      { kind: 'training', title: '培训' },
      { kind: 'training', title: '培训', hours: 0 },
      { kind: 'platform', title: '平台' },
      { kind: 'platform', title: '平台', url: 'javascript:alert(1)' },
      { kind: 'essay', title: '随笔', url: 'ftp://example.cn/x' },
      { kind: 'essay', title: '随笔', date: '2026-02-30' },
      { kind: 'essay', title: '随笔', date: '2026/10/01' },
      { kind: 'essay', title: '随笔', bookKind: 'required' },
      { kind: 'poem', title: '诗' },
      { kind: 'essay', title: '' },
    ];
    for (const body of bad) {
      const res = await c.teacher.post('/api/growth', { date: '2026-10-01', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid');
    }
    const missingHours = await c.teacher.post('/api/growth', { kind: 'training', title: '培训', date: '2026-10-01' });
    expect(missingHours.json().error.details.fields[0].field).toBe('hours');
  });

  it('shows a teacher their own records, a group leader the group, the school its teachers, an office its subtree', async () => {
    const own = await record(c.teacher, { title: '普通教师随笔' });
    const inGroup = await record(c.g1teacher, { title: '语文组随笔' });
    const other = await record(c.outsider, { title: '外区随笔' });
    const list = (who: Client) => who.get('/api/growth?pageSize=200');

    const teacher = ids(await list(c.teacher));
    expect(teacher).toContain(own.id);
    expect(teacher).not.toContain(inGroup.id);
    const leader = ids(await list(c.group_leader));
    expect(leader).toContain(inGroup.id);
    expect(leader).not.toContain(own.id);
    for (const who of ['school_director', 'school_leader', 'research_admin']) {
      const seen = ids(await list(c[who]));
      expect(seen, who).toEqual(expect.arrayContaining([own.id, inGroup.id]));
      expect(seen, who).not.toContain(other.id);
    }
    expect(ids(await list(c.outsider))).toEqual([other.id]);

    expect((await c.outsider.get(`/api/growth/${own.id}`)).statusCode).toBe(404);
    expect((await c.teacher.get(`/api/growth/${inGroup.id}`)).statusCode).toBe(404);
    const asLeader = await c.group_leader.get(`/api/growth/${inGroup.id}`);
    expect(asLeader.statusCode).toBe(200);
    expect(asLeader.json().abilities).toEqual({ update: false, delete: false });
    expect((await c.school_director.get(`/api/growth/${inGroup.id}`)).json().abilities.update).toBe(true);
  });

  it('filters by person, kind, dates and org', async () => {
    const a = await record(c.reader, { kind: 'reflection', title: '反思一', date: '2026-09-10' });
    const b = await record(c.reader, { kind: 'reflection', title: '反思二', date: '2026-12-10' });
    const inGroup = await record(c.g1teacher, { kind: 'reflection', title: '组内反思', date: '2026-09-11' });
    const q = (s: string) => c.school_director.get(`/api/growth?pageSize=200&${s}`);
    const mine = await q(`personId=${reader.id}&kind=reflection`);
    expect(ids(mine)).toEqual([b.id, a.id]);
    expect(mine.json()).toMatchObject({ total: 2, page: 1, pageSize: 200 });
    expect(ids(await q(`personId=${reader.id}&from=2026-10-01&to=2026-12-31`))).toEqual([b.id]);
    expect(ids(await q(`orgId=${w.orgs.g1.id}&kind=reflection`))).toEqual([inGroup.id]);
    expect(ids(await q(`orgId=${w.orgs.s3.id}`))).toEqual([]);
  });

  it('lets the school director record for a teacher of the school, nobody else', async () => {
    const r = await record(c.school_director, { personId: reader.id, kind: 'lesson_plan', title: '代录教案' });
    expect(r).toMatchObject({ personId: reader.id, orgId: w.orgs.s1.id });
    const colleague = await c.teacher.post('/api/growth', {
      personId: reader.id,
      kind: 'essay',
      date: '2026-10-01',
      title: '替同事写',
    });
    expect(colleague.statusCode).toBe(403);
    const far = await c.school_director.post('/api/growth', {
      personId: w.at.s3.id,
      kind: 'essay',
      date: '2026-10-01',
      title: '外校',
    });
    expect(far.statusCode).toBe(404);
    const leader = await c.group_leader.post('/api/growth', {
      personId: g1teacher.id,
      kind: 'essay',
      date: '2026-10-01',
      title: '组长代录',
    });
    expect(leader.statusCode).toBe(403);
  });

  it('edits with the version (409 when stale) and deletes, by the owner or the director only', async () => {
    const r = await record(c.g1teacher, { kind: 'essay', title: '初稿', text: '第一版' });
    const edited = await c.g1teacher.patch(`/api/growth/${r.id}`, { version: 1, title: '定稿', text: '第二版' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: '定稿', text: '第二版', version: 2 });
    const stale = await c.school_director.patch(`/api/growth/${r.id}`, { version: 1, title: '主任改' });
    expect(stale.statusCode).toBe(409);
    expect((await c.group_leader.patch(`/api/growth/${r.id}`, { version: 2, title: '组长改' })).statusCode).toBe(403);
    expect((await c.teacher.patch(`/api/growth/${r.id}`, { version: 2, title: '同事改' })).statusCode).toBe(404);
    const toTraining = await c.g1teacher.patch(`/api/growth/${r.id}`, { version: 2, kind: 'training' });
    expect(toTraining.statusCode).toBe(400);
    const byDirector = await c.school_director.patch(`/api/growth/${r.id}`, { version: 2, title: '主任改' });
    expect(byDirector.json()).toMatchObject({ title: '主任改', version: 3 });

    expect((await c.group_leader.delete(`/api/growth/${r.id}`)).statusCode).toBe(403);
    expect((await c.outsider.delete(`/api/growth/${r.id}`)).statusCode).toBe(404);
    expect((await c.g1teacher.delete(`/api/growth/${r.id}`)).statusCode).toBe(200);
    expect((await c.g1teacher.get(`/api/growth/${r.id}`)).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', r.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['growth.create', 'growth.update', 'growth.update', 'growth.delete']);
  });

  describe('八个一', () => {
    let person: { id: string; name: string };
    let who: Client;
    const evidence: Record<string, string> = {};

    beforeAll(async () => {
      const f = factory(t.database);
      person = await f.person('八个一教师', {
        org: w.orgs.s1,
        groups: [w.orgs.g1],
        username: 'eight',
        roles: [['teacher', w.orgs.s1]],
      });
      who = await t.login('eight', PASSWORD);
      const p = await projectFactory(t.database).project({
        title: '小学语文整本书阅读研究',
        school: w.orgs.s1,
        hostId: w.users.teacher.id,
        stage: 'in_progress',
        manager: w.orgs.d1,
        members: [{ personId: person.id }],
        startsOn: '2025-09-01',
        endsOn: '2027-06-30',
      });
      evidence.project = p.id;
      const lesson = newId();
      await t.database.db
        .insertInto('research_lessons')
        .values({
          id: lesson,
          project_id: p.id,
          teacher_id: person.id,
          planned_on: '2027-03-01',
          content: '《草船借箭》',
          form: '研究课',
          activity_id: null,
          held_on: '2027-03-02',
          version: 1,
          created_at: nowIso(),
        })
        .execute();
      evidence.lesson = lesson;
      const output = newId();
      await t.database.db
        .insertInto('project_outputs')
        .values({
          id: output,
          project_id: p.id,
          kind: 'paper',
          title: '整本书阅读的三个策略',
          level: 'provincial',
          journal: '江苏教育',
          char_count: 4000,
          result: null,
          on_date: '2027-07-31',
          author_ids: toJson([person.id]),
          version: 1,
          created_at: nowIso(),
        })
        .execute();
      evidence.output = output;
      evidence.book = (
        await record(who, { kind: 'reading', title: '必读书', date: '2026-08-01', bookKind: 'required' })
      ).id;
      evidence.notes = (
        await record(who, { kind: 'reading', title: '读书笔记', date: '2027-07-31', text: '笔'.repeat(200) })
      ).id;
      evidence.lastYear = (await record(who, { kind: 'lesson_plan', title: '去年的教案', date: '2026-07-31' })).id;
      evidence.platform = (
        await record(who, { kind: 'platform', title: '博客', date: '2026-09-01', url: 'http://blog.example.cn' })
      ).id;
    });

    const items = async (client: Client, query: string) => {
      const res = await client.get(`/api/growth/eight-ones?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(
        res.json().items.map((i: { key: string; met: boolean; records: string[] }) => [i.key, i]),
      );
    };

    it('computes each item from the year records and lists the records behind it', async () => {
      const res = await who.get('/api/growth/eight-ones?schoolYear=2026');
      expect(res.json()).toMatchObject({ personId: person.id, schoolYear: 2026, from: '2026-08-01', to: '2027-07-31' });
      expect(res.json().items.map((i: { key: string }) => i.key)).toEqual([
        'project',
        'book',
        'notes',
        'handbook',
        'lesson_plan',
        'lesson_example',
        'paper',
        'platform',
      ]);
      const y = await items(who, 'schoolYear=2026');
      expect(y.project).toMatchObject({ label: '参与一个课题', met: true, records: [evidence.project] });
      expect(y.book).toMatchObject({ met: true, records: [evidence.book] });
      expect(y.notes).toMatchObject({ met: true, records: [evidence.notes] });
      expect(y.handbook).toMatchObject({ met: false });
      expect(y.handbook.records).toHaveLength(3);
      expect(y.lesson_plan).toMatchObject({ met: false, records: [] });
      expect(y.lesson_example).toMatchObject({ met: true, records: [evidence.lesson] });
      expect(y.paper).toMatchObject({ met: true, records: [evidence.output] });
      expect(y.platform).toMatchObject({ met: true, records: [evidence.platform] });
    });

    it('puts 31 July in the old school year and 1 August in the new', async () => {
      const old = await items(who, `personId=${person.id}&schoolYear=2025`);
      expect(old.lesson_plan).toMatchObject({ met: true, records: [evidence.lastYear] });
      expect(old.book.met).toBe(false);
      expect(old.project).toMatchObject({ met: true });
      const next = await items(who, 'schoolYear=2027');
      expect(next.notes.met).toBe(false);
      expect(next.paper.met).toBe(false);
      expect(next.project.met).toBe(false);
    });

    it('shows a teacher checklist to the director and the group leader, not to colleagues or other schools', async () => {
      const q = `personId=${person.id}&schoolYear=2026`;
      expect((await items(c.school_director, q)).project.met).toBe(true);
      expect((await items(c.group_leader, q)).book.met).toBe(true);
      expect((await c.teacher.get(`/api/growth/eight-ones?${q}`)).statusCode).toBe(404);
      expect((await c.outsider.get(`/api/growth/eight-ones?${q}`)).statusCode).toBe(404);
      expect((await c.teacher.get('/api/growth/eight-ones?personId=nobody')).statusCode).toBe(404);
    });
  });
});
