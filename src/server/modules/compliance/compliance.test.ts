import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { readXlsx } from '../../../../test/xlsx.js';
import { newId, toJson } from '../../db/dialect.js';
import { complianceFixtures } from './compliance.fixtures.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Person = { id: string; name: string };
interface Item {
  personId: string;
  rule: string;
  required: number;
  actual: number;
  met: boolean;
  behind: number;
  age: number | null;
  records: { id: string; kind: string; date: string | null }[];
}
interface Score {
  personId: string;
  total: number;
  weighted: number;
  rank: number;
  items: { source: string; sourceId: string; points: number }[];
}

// Past terms of school year 2025, so every requirement is fully due. Ages are taken at 2025-09-01.
const T1 = { id: 'term-2025-1', from: '2025-09-01', to: '2026-01-31' };
const T2 = { id: 'term-2025-2', from: '2026-02-01', to: '2026-07-31' };

describe.each(DIALECTS)('compliance (达标情况) and assessment (教科研考核) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const p: Record<string, Person> = {};
  const c: Record<string, Client> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const x = complianceFixtures(t.database);
    w = await f.world();
    await x.term(T1.id, 2025, 1, T1.from, T1.to);
    await x.term(T2.id, 2025, 2, T2.from, T2.to);
    const s1 = w.orgs.s1;
    const grade = await f.org('三年级组', 'group', s1, { group_type: 'grade' });
    const teacher = (name: string, birthDate: string, groups = [w.orgs.g1]) =>
      f.person(name, { org: s1, groups, birthDate, username: name, roles: [['teacher', s1]] });
    p.y34 = await teacher('y34', '1990-09-02');
    p.a35 = await teacher('a35', '1990-09-01');
    p.w29 = await teacher('w29', '1996-09-01', []);
    p.w30 = await teacher('w30', '1995-09-01', [grade]);
    p.a44 = await teacher('a44', '1981-09-01', []);
    p.a45 = await teacher('a45', '1980-09-01');
    for (const u of ['teacher', 'group_leader', 'school_director', 'school_leader', 'research_admin', 'y34', 'a44']) {
      c[u] = await t.login(u, PASSWORD);
    }
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    c.outsider = await t.login('outsider', PASSWORD);

    // 听课: the last day of the term counts, the day after and drafts do not.
    ids.obsLast = await x.observation({ orgId: s1.id, observerId: p.y34.id, teacherId: p.a35.id, date: T1.to });
    await x.observation({ orgId: s1.id, observerId: p.y34.id, teacherId: p.a35.id, date: T2.from });
    await x.observation({
      orgId: s1.id,
      observerId: p.y34.id,
      teacherId: p.a35.id,
      date: '2025-10-10',
      status: 'draft',
    });
    ids.obsFirst = await x.observation({ orgId: s1.id, observerId: p.a35.id, teacherId: p.y34.id, date: T1.from });
    // 写作: an essay on the last day counts, a reflection the day after does not, a lesson plan is not writing.
    ids.essayLast = await x.growth({ personId: p.w29.id, orgId: s1.id, kind: 'essay', date: T1.to });
    await x.growth({ personId: p.w29.id, orgId: s1.id, kind: 'reflection', date: T2.from });
    await x.growth({ personId: p.w29.id, orgId: s1.id, kind: 'lesson_plan', date: '2025-11-11' });
    // 一人一课: y34 gives a research lesson on the last day; a lecture is not a lesson.
    ids.lesson = await x.activity({ orgId: w.orgs.g1.id, presenterId: p.y34.id, kind: 'research_lesson', date: T1.to });
    await x.activity({ orgId: w.orgs.g1.id, presenterId: p.a35.id, kind: 'lecture', date: '2025-10-01' });
    // 评比: a co-authored paper at a district competition (both credited), awarded 区一等奖 on the last day.
    ids.work = await x.work({ orgId: s1.id, title: '合写论文', authorIds: [p.y34.id, p.a44.id] });
    // A teaching design registered in 论文与获奖, written in the school year: a35's 设计一例教案.
    ids.design = await x.work({
      orgId: s1.id,
      title: '《荷花》教学设计',
      kind: 'design',
      authorIds: [p.a35.id],
      writtenOn: '2025-10-20',
    });
    ids.entry = await x.entry({
      workId: ids.work,
      competitionId: 'comp-effective',
      enteredOn: '2025-10-10',
      result: 'first',
      resultOn: T1.to,
    });
    // A school-level entry and one still in 校内初审 do not count for the district-or-higher rule.
    const solo = await x.work({ orgId: s1.id, title: '独立论文', authorIds: [p.w29.id] });
    await x.entry({ workId: solo, competitionId: 'comp-school-paper', enteredOn: '2025-10-10' });
    await x.entry({ workId: solo, competitionId: 'comp-effective', enteredOn: '2025-10-11', status: 'prereview' });
    // 发表 (provincial) and a district project approved in the term (立项, y34 hosts, a44 a member).
    ids.publication = await x.publication({ workId: ids.work, level: 'provincial', publishedOn: '2025-12-01' });
    const project = await projectFactory(t.database).project({
      title: '区级课题',
      school: s1,
      hostId: p.y34.id,
      stage: 'approved',
      level: 'district',
      members: [{ personId: p.a44.id }],
    });
    ids.project = project.id;
    // 2026-01-31 23:30 in Beijing is still the term's last day.
    await x.transition(project.id, 'approve', '2026-01-31T15:30:00.000Z');
    // A paper of the project written by its host alone: 八个一's paper counts it for y34, not for member a44.
    ids.output = newId();
    await t.database.db
      .insertInto('project_outputs')
      .values({
        id: ids.output,
        project_id: project.id,
        kind: 'paper',
        title: '课题论文',
        level: 'district',
        journal: null,
        char_count: 4000,
        result: null,
        on_date: '2025-12-01',
        author_ids: toJson([p.y34.id]),
        version: 1,
        created_at: '2025-12-01T02:00:00.000Z',
      })
      .execute();
  });
  afterAll(async () => t?.close());

  const compliance = async (who: Client, query: string) => {
    const res = await who.get(`/api/compliance?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number; summary: { teachers: number; behind: number } };
  };
  const itemOf = (items: Item[], person: Person, rule: string) =>
    items.find((i) => i.personId === person.id && i.rule === rule);
  const s1T1 = () => `orgId=${w.orgs.s1.id}&termId=${T1.id}`;

  it('requires authentication on every route', async () => {
    const mine = t.routes.filter((r) => /^\/api\/(rules|compliance|assessment)/.test(r.url));
    expect(mine.length).toBe(10);
    for (const r of mine) {
      const res = await t.anonymous.raw({
        method: r.method as 'GET',
        url: r.url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('lists its paths in the OpenAPI document', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/rules',
      '/api/compliance',
      '/api/compliance/schools',
      '/api/compliance/export.xlsx',
      '/api/compliance/reminders',
    ]) {
      expect(paths).toContain(path);
    }
    for (const path of [
      '/api/assessment',
      '/api/assessment/schools',
      '/api/assessment/rewards',
      '/api/assessment/export.xlsx',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('applies 听课 ≥ 20 under 35 and ≥ 10 from 35 at the term start, counting the last day only', async () => {
    const { items } = await compliance(c.school_director, s1T1());
    expect(itemOf(items, p.y34, 'observations')).toMatchObject({
      age: 34,
      required: 20,
      actual: 1,
      met: false,
      behind: 19,
    });
    expect(itemOf(items, p.y34, 'observations')?.records.map((r) => r.id)).toEqual([ids.obsLast]);
    expect(itemOf(items, p.a35, 'observations')).toMatchObject({ age: 35, required: 10, actual: 1 });
    expect(itemOf(items, p.a35, 'observations')?.records[0]).toMatchObject({ id: ids.obsFirst, kind: 'observation' });
  });

  it('asks one essay/reflection/reading note a week of those under 30 only', async () => {
    const { items } = await compliance(c.school_director, s1T1());
    // 2025-09-01 … 2026-01-31 is 153 days: 21 whole weeks.
    expect(itemOf(items, p.w29, 'writing')).toMatchObject({ age: 29, required: 21, actual: 1, behind: 20, met: false });
    expect(itemOf(items, p.w29, 'writing')?.records.map((r) => r.id)).toEqual([ids.essayLast]);
    expect(itemOf(items, p.w30, 'writing')).toBeUndefined();
  });

  it('binds 一人一课 to those under 45 in a lesson-preparation group', async () => {
    const { items } = await compliance(c.school_director, s1T1());
    expect(itemOf(items, p.y34, 'one_lesson')).toMatchObject({ required: 1, actual: 1, met: true });
    expect(itemOf(items, p.y34, 'one_lesson')?.records.map((r) => r.id)).toEqual([ids.lesson]);
    expect(itemOf(items, p.a35, 'one_lesson')).toMatchObject({ actual: 0, met: false, behind: 1 });
    expect(itemOf(items, p.a45, 'one_lesson')).toBeUndefined();
    // Not in any group, or only in a grade group (年级组): not bound.
    expect(itemOf(items, p.w29, 'one_lesson')).toBeUndefined();
    expect(itemOf(items, p.w30, 'one_lesson')).toBeUndefined();
  });

  it('credits both co-authors for a district entry; school-level and pre-review entries do not count; 45 is exempt', async () => {
    const { items } = await compliance(c.school_director, s1T1());
    for (const who of [p.y34, p.a44]) {
      expect(itemOf(items, who, 'competition')).toMatchObject({ required: 1, actual: 1, met: true });
      expect(itemOf(items, who, 'competition')?.records.map((r) => r.id)).toEqual([ids.entry]);
    }
    expect(itemOf(items, p.w29, 'competition')).toMatchObject({ actual: 0, met: false });
    expect(itemOf(items, p.a44, 'competition')).toMatchObject({ age: 44 });
    expect(itemOf(items, p.a45, 'competition')).toBeUndefined();
  });

  it('computes 八个一 for every teacher from the records of the school year', async () => {
    const { items } = await compliance(c.school_director, s1T1());
    const y34 = itemOf(items, p.y34, 'eight_ones');
    // 参与一个课题 is met by the approved project; most items are not.
    expect(y34).toMatchObject({ required: 8, met: false });
    expect(y34?.records.some((r) => r.id === ids.project)).toBe(true);
    expect(itemOf(items, p.a45, 'eight_ones')).toBeDefined();
    // A project paper counts for its authors only, not for every member of the project.
    expect(y34?.records.some((r) => r.id === ids.output)).toBe(true);
    const a44 = itemOf(items, p.a44, 'eight_ones');
    expect(a44?.records.some((r) => r.id === ids.project)).toBe(true);
    expect(a44?.records.some((r) => r.id === ids.output)).toBe(false);
    // A work registered in 论文与获奖 counts for its author, on the compliance matrix and on the growth page alike.
    expect(itemOf(items, p.a35, 'eight_ones')?.records.some((r) => r.id === ids.design)).toBe(true);
    expect(itemOf(items, p.y34, 'eight_ones')?.records.some((r) => r.id === ids.design)).toBe(false);
    const growth = await c.school_director.get(`/api/growth/eight-ones?personId=${p.a35.id}&schoolYear=2025`);
    expect(growth.statusCode, growth.body).toBe(200);
    const plan = growth.json().items.find((i: { key: string }) => i.key === 'lesson_plan');
    expect(plan).toMatchObject({
      met: true,
      evidence: [{ source: 'work', id: ids.design, title: '《荷花》教学设计' }],
    });
  });

  it('filters by rule, group, person and unmet, and answers the term after with its own records', async () => {
    const unmet = await compliance(c.school_director, `${s1T1()}&onlyUnmet=true&rule=observations`);
    expect(unmet.items.every((i) => i.rule === 'observations' && !i.met)).toBe(true);
    const g1 = await compliance(c.school_director, `${s1T1()}&groupId=${w.orgs.g1.id}`);
    const people = new Set(g1.items.map((i) => i.personId));
    expect(people.has(p.y34.id) && people.has(p.a45.id) && !people.has(p.w29.id)).toBe(true);
    const one = await compliance(c.school_director, `${s1T1()}&personId=${p.y34.id}`);
    expect(new Set(one.items.map((i) => i.personId))).toEqual(new Set([p.y34.id]));
    const next = await compliance(c.school_director, `orgId=${w.orgs.s1.id}&termId=${T2.id}&personId=${p.y34.id}`);
    expect(itemOf(next.items, p.y34, 'observations')).toMatchObject({ actual: 1 });
    expect(itemOf(next.items, p.y34, 'observations')?.records[0].date).toBe(T2.from);
  });

  it('lets a teacher read only their own, a group leader their group, the district its schools', async () => {
    const own = await compliance(c.y34, s1T1());
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i) => i.personId === p.y34.id)).toBe(true);
    expect((await c.y34.get(`/api/compliance?${s1T1()}&personId=${p.a35.id}`)).statusCode).toBe(404);
    expect((await c.outsider.get(`/api/compliance?${s1T1()}`)).statusCode).toBe(404);
    expect((await c.school_director.get(`/api/compliance?orgId=${w.orgs.s3.id}&termId=${T1.id}`)).statusCode).toBe(404);
    const group = await compliance(c.group_leader, s1T1());
    const inGroup = new Set(group.items.map((i) => i.personId));
    expect(inGroup.has(p.y34.id) && !inGroup.has(p.w29.id) && !inGroup.has(w.users.teacher.id)).toBe(true);
    const district = await compliance(c.research_admin, `orgId=${w.orgs.d1.id}&termId=${T1.id}`);
    const schools = new Set(district.items.map((i) => i.personId));
    expect(schools.has(p.y34.id) && schools.has(w.at.s2.id) && !schools.has(w.at.s3.id)).toBe(true);
    expect((await c.research_admin.get(`/api/compliance?orgId=${w.orgs.s3.id}&termId=${T1.id}`)).statusCode).toBe(404);
  });

  it('exports the compliance sheet as .xlsx', async () => {
    const res = await c.school_director.get(`/api/compliance/export.xlsx?${s1T1()}&rule=observations`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0].slice(0, 3)).toEqual(['教师', '年龄', '项目']);
    expect(rows.some((r) => r[0] === 'y34' && r[3] === '20' && r[4] === '1')).toBe(true);
  });

  it('sends in-app reminders to those behind, not to those on track; a teacher may not', async () => {
    expect((await c.y34.post('/api/compliance/reminders', { orgId: w.orgs.s1.id, termId: T1.id })).statusCode).toBe(
      403,
    );
    const res = await c.school_director.post('/api/compliance/reminders', {
      orgId: w.orgs.s1.id,
      termId: T1.id,
      rule: 'one_lesson',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().personIds).toContain(p.a35.id);
    expect(res.json().personIds).not.toContain(p.y34.id);
    const notes = await t.database.db
      .selectFrom('notifications')
      .select(['person_id', 'body'])
      .where('kind', '=', 'compliance_reminder')
      .execute();
    expect(notes.find((n) => n.person_id === p.a35.id)?.body).toContain('一人一课');
    // A group leader reminds their own group only.
    const byLeader = await c.group_leader.post('/api/compliance/reminders', { orgId: w.orgs.s1.id, termId: T1.id });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    expect(byLeader.json().personIds).toContain(p.a35.id);
    expect(byLeader.json().personIds).not.toContain(p.w29.id);
  });

  it('scores every point from its record: sum of items = total, both co-authors credited', async () => {
    const res = await c.school_director.get(`/api/assessment?${s1T1()}`);
    expect(res.statusCode, res.body).toBe(200);
    const items: Score[] = res.json().items;
    for (const s of items) {
      expect(s.total).toBe(Math.round(s.items.reduce((a, i) => a + i.points, 0) * 100) / 100);
      expect(s.weighted).toBe(Math.round(s.total * 20) / 100);
    }
    const y34 = items.find((s) => s.personId === p.y34.id);
    const a44 = items.find((s) => s.personId === p.a44.id);
    // 区一等奖 6 + 省级发表 12 + 区级立项主持 8 + 研究课 3 + 一人一课 2 + 评比 2.
    expect(y34?.total).toBe(33);
    expect(y34?.items.find((i) => i.source === 'award')).toMatchObject({ sourceId: ids.entry, points: 6 });
    expect(y34?.items.find((i) => i.source === 'project')).toMatchObject({ sourceId: ids.project, points: 8 });
    // 区一等奖 6 + 发表 12 + 区级立项参与 3 + 评比 2.
    expect(a44?.total).toBe(23);
    expect(y34?.rank).toBe(1);
    expect(a44?.rank).toBe(2);
    const year = await c.school_director.get(
      `/api/assessment?orgId=${w.orgs.s1.id}&schoolYear=2025&personId=${p.y34.id}`,
    );
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json().terms).toHaveLength(2);
    expect(year.json().items[0].total).toBe(33);
  });

  it('lists the rewards (参赛费补助 for 区一等奖) and exports the assessment', async () => {
    const res = await c.school_director.get(`/api/assessment/rewards?${s1T1()}`);
    expect(res.statusCode, res.body).toBe(200);
    const rewarded = res
      .json()
      .items.map((r: { personId: string; rewardKey: string }) => `${r.personId}:${r.rewardKey}`);
    expect(rewarded.sort()).toEqual([`${p.a44.id}:entry_fee`, `${p.y34.id}:entry_fee`].sort());
    const xlsx = await c.school_director.get(`/api/assessment/export.xlsx?${s1T1()}`);
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]).toEqual(['名次', '教师', '学校', '教科研积分', '计入业务考核', '先进个人']);
    expect(rows[1].slice(0, 4)).toEqual(['1', 'y34', '一区第一小学', '33']);
  });

  it('lets a teacher and a group leader read only their own assessment; another school is not found', async () => {
    const own = await c.y34.get(`/api/assessment?${s1T1()}`);
    expect(own.json().items.map((s: Score) => s.personId)).toEqual([p.y34.id]);
    const leader = await c.group_leader.get(`/api/assessment?${s1T1()}`);
    expect(leader.json().items.map((s: Score) => s.personId)).toEqual([w.users.group_leader.id]);
    // Their rank is their place among the whole school's teachers, as the director's ranking shows it.
    const ranking: Score[] = (await c.school_director.get(`/api/assessment?${s1T1()}`)).json().items;
    const second: Score[] = (await c.a44.get(`/api/assessment?${s1T1()}`)).json().items;
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ personId: p.a44.id, total: 23, rank: 2 });
    const leaderRank = ranking.find((s) => s.personId === w.users.group_leader.id)?.rank;
    expect(leader.json().items[0].rank).toBe(leaderRank);
    expect(own.json().items[0].rank).toBe(1);
    expect((await c.outsider.get(`/api/assessment?${s1T1()}`)).statusCode).toBe(404);
    expect((await c.school_director.get(`/api/assessment?orgId=${w.orgs.s1.id}`)).statusCode).toBe(400);
  });
});
