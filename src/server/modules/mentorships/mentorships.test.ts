import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { today } from '../../calendar.js';
import { newId, nowIso } from '../../db/dialect.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Person = { id: string; name: string };

describe.each(DIALECTS)('mentoring pairs (师徒结对) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let mentor: Person;
  let mentee: Person;
  let mentor2: Person;
  let mentee2: Person;
  let otherSchool: Person;
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    const s1 = w.orgs.s1;
    mentor = await f.person('王师父', { org: s1, groups: [w.orgs.g1], username: 'mentor', roles: [['teacher', s1]] });
    mentee = await f.person('李徒弟', { org: s1, groups: [w.orgs.g1], username: 'mentee', roles: [['teacher', s1]] });
    mentor2 = await f.person('赵师父', { org: s1, groups: [w.orgs.g1b] });
    mentee2 = await f.person('钱徒弟', { org: s1, groups: [w.orgs.g1b] });
    otherSchool = await f.person('二小教师', { org: w.orgs.s2 });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of ['mentor', 'mentee', 'outsider', 'teacher', 'group_leader', 'school_director', 'research_admin']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  async function pair(body: Record<string, unknown> = {}) {
    const res = await c.school_director.post('/api/mentorships', {
      mentorId: mentor.id,
      menteeId: mentee.id,
      startsOn: '2026-09-01',
      goals: '一年内独立上好公开课',
      agreement: '师徒结对协议书：每周互相听课一节',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function end(id: string) {
    const current = (await c.school_director.get(`/api/mentorships/${id}`)).json();
    const res = await c.school_director.patch(`/api/mentorships/${id}`, { version: current.version, status: 'ended' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function observation(observerId: string, teacherId: string, date: string, status = 'submitted') {
    const now = nowIso();
    await t.database.db
      .insertInto('observations')
      .values({
        id: newId(),
        org_id: w.orgs.s1.id,
        observer_id: observerId,
        teacher_id: teacherId,
        date,
        period: null,
        class_name: null,
        subject: '语文',
        topic: '听课',
        notes: '',
        scores: '{}',
        status,
        text_hash: null,
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: status === 'submitted' ? now : null,
      })
      .execute();
  }

  it('requires authentication on every route', async () => {
    const mine = t.routes.filter((r) => r.url.startsWith('/api/mentorships'));
    expect(mine.length).toBe(7);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('pairs two teachers of the school, once per mentee, by the school director only', async () => {
    const p = await pair();
    expect(p).toMatchObject({
      orgId: w.orgs.s1.id,
      mentorName: '王师父',
      menteeName: '李徒弟',
      startsOn: '2026-09-01',
      endsOn: null,
      status: 'active',
      evaluation: null,
      assessmentCount: 0,
      lastAssessedMonth: null,
      mutualObservations: { mentorObservedMentee: 0, menteeObservedMentor: 0 },
      abilities: { update: true, assess: true, evaluate: true },
      version: 1,
    });
    const again = await c.school_director.post('/api/mentorships', {
      mentorId: mentor2.id,
      menteeId: mentee.id,
      startsOn: '2026-10-01',
    });
    expect(again.statusCode).toBe(409);
    const self = await c.school_director.post('/api/mentorships', {
      mentorId: mentor2.id,
      menteeId: mentor2.id,
      startsOn: '2026-10-01',
    });
    expect(self.statusCode).toBe(400);
    const crossSchool = await c.research_admin.post('/api/mentorships', {
      mentorId: otherSchool.id,
      menteeId: mentee2.id,
      startsOn: '2026-10-01',
    });
    expect(crossSchool.statusCode).toBe(400);
    const outside = await c.school_director.post('/api/mentorships', {
      mentorId: w.at.s3.id,
      menteeId: mentee2.id,
      startsOn: '2026-10-01',
    });
    expect(outside.statusCode).toBe(404);
    const byTeacher = await c.teacher.post('/api/mentorships', {
      mentorId: mentor2.id,
      menteeId: mentee2.id,
      startsOn: '2026-10-01',
    });
    expect(byTeacher.statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['mentorship.create']);
    await end(p.id);
  });

  it('shows a pair to its mentor and mentee, the group leader and the school, nobody else', async () => {
    const p = await pair();
    const other = await pair({ mentorId: mentor2.id, menteeId: mentee2.id });
    const ids = async (who: Client, q = '') =>
      (await who.get(`/api/mentorships?pageSize=200${q}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(c.mentee)).toContain(p.id);
    expect(await ids(c.mentee)).not.toContain(other.id);
    expect(await ids(c.mentor)).toContain(p.id);
    expect(await ids(c.group_leader)).toContain(p.id);
    expect(await ids(c.group_leader)).not.toContain(other.id);
    expect(await ids(c.school_director)).toEqual(expect.arrayContaining([p.id, other.id]));
    expect(await ids(c.research_admin)).toEqual(expect.arrayContaining([p.id, other.id]));
    expect(await ids(c.teacher)).toEqual([]);
    expect(await ids(c.outsider)).toEqual([]);
    expect((await c.outsider.get(`/api/mentorships/${p.id}`)).statusCode).toBe(404);
    expect((await c.teacher.get(`/api/mentorships/${p.id}`)).statusCode).toBe(404);
    const mine = (await c.mentee.get(`/api/mentorships/${p.id}`)).json();
    expect(mine.abilities).toEqual({ update: false, assess: false, evaluate: false });
    expect((await c.group_leader.get(`/api/mentorships/${p.id}`)).json().abilities).toEqual({
      update: false,
      assess: true,
      evaluate: false,
    });
    expect(await ids(c.school_director, `&personId=${mentee2.id}`)).toEqual([other.id]);
    expect(await ids(c.school_director, `&orgId=${w.orgs.g1.id}&status=active`)).toEqual([p.id]);
    expect(await ids(c.school_director, `&orgId=${w.orgs.s3.id}`)).toEqual([]);
    await end(p.id);
    await end(other.id);
  });

  it('edits with the version, ends a pair and refuses a second active pair on taking one up again', async () => {
    const p = await pair();
    const edited = await c.school_director.patch(`/api/mentorships/${p.id}`, { version: 1, goals: '新目标' });
    expect(edited.json()).toMatchObject({ goals: '新目标', version: 2 });
    expect((await c.school_director.patch(`/api/mentorships/${p.id}`, { version: 1, goals: '旧' })).statusCode).toBe(
      409,
    );
    expect((await c.mentee.patch(`/api/mentorships/${p.id}`, { version: 2, goals: '徒弟改' })).statusCode).toBe(403);
    const bad = await c.school_director.patch(`/api/mentorships/${p.id}`, { version: 2, endsOn: '2026-08-01' });
    expect(bad.statusCode).toBe(400);
    const ended = await end(p.id);
    expect(ended).toMatchObject({ status: 'ended', endsOn: today() });
    const next = await pair({ mentorId: mentor2.id, startsOn: '2026-12-01' });
    const revive = await c.school_director.patch(`/api/mentorships/${p.id}`, {
      version: ended.version,
      status: 'active',
    });
    expect(revive.statusCode).toBe(409);
    await end(next.id);
  });

  it('takes one monthly assessment per month from the school or the mentee group leader', async () => {
    const p = await pair();
    const url = `/api/mentorships/${p.id}/assessments`;
    const first = await c.school_director.post(url, { month: '2026-09', score: 92, comment: '听课认真，反思及时' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ month: '2026-09', score: 92, assessorName: '教科室主任' });
    expect((await c.group_leader.post(url, { month: '2026-09', comment: '重复' })).statusCode).toBe(409);
    const byLeader = await c.group_leader.post(url, { month: '2026-10', comment: '组内展示课效果好' });
    expect(byLeader.statusCode, byLeader.body).toBe(200);
    expect(byLeader.json().score).toBeNull();
    expect((await c.mentee.post(url, { month: '2026-11', comment: '自评' })).statusCode).toBe(403);
    expect((await c.mentor.post(url, { month: '2026-11', comment: '师父评' })).statusCode).toBe(403);
    expect((await c.outsider.post(url, { month: '2026-11', comment: '外校' })).statusCode).toBe(404);
    for (const body of [
      { month: '2026-11', score: 101, comment: '分数超出' },
      { month: '2026-13', comment: '月份不对' },
      { month: '2026-11', comment: '' },
      { month: '2026-08', comment: '早于结对' },
    ]) {
      expect((await c.school_director.post(url, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const list = await c.mentee.get(url);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 2, page: 1 });
    expect(list.json().items.map((i: { month: string }) => i.month)).toEqual(['2026-09', '2026-10']);
    expect((await c.outsider.get(url)).statusCode).toBe(404);
    expect((await c.mentee.get(`/api/mentorships/${p.id}`)).json()).toMatchObject({
      assessmentCount: 2,
      lastAssessedMonth: '2026-10',
    });
    const listed = (await c.school_director.get('/api/mentorships')).json().items;
    expect(listed.find((m: { id: string }) => m.id === p.id)).toMatchObject({ lastAssessedMonth: '2026-10' });
    await end(p.id);
  });

  it('lets only the school director evaluate a pair at the end of term (优秀师徒)', async () => {
    const p = await pair();
    const url = `/api/mentorships/${p.id}/evaluation`;
    const body = { comment: '师徒共同成长，徒弟获区优课一等奖', grade: 'excellent', excellent: true };
    expect((await c.group_leader.post(url, body)).statusCode).toBe(403);
    expect((await c.mentee.post(url, body)).statusCode).toBe(403);
    expect((await c.outsider.post(url, body)).statusCode).toBe(404);
    expect((await c.school_director.post(url, { ...body, grade: 'fail' })).statusCode).toBe(400);
    expect((await c.school_director.post(url, { ...body, grade: 'great' })).statusCode).toBe(400);
    const res = await c.school_director.post(url, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evaluation).toMatchObject({
      comment: body.comment,
      grade: 'excellent',
      gradeLabel: '优秀',
      excellent: true,
      evaluatedBy: w.users.school_director.id,
    });
    expect(res.json().version).toBe(2);
    expect((await c.school_director.post(url, { ...body, version: 1 })).statusCode).toBe(409);
    await end(p.id);
  });

  it('counts the submitted observations between mentor and mentee during the pairing', async () => {
    const p = await pair({ startsOn: '2027-02-01' });
    await observation(mentor.id, mentee.id, '2027-02-10');
    await observation(mentor.id, mentee.id, '2027-03-10');
    await observation(mentor.id, mentee.id, '2027-03-11', 'draft');
    await observation(mentor.id, mentee.id, '2027-01-20');
    await observation(mentee.id, mentor.id, '2027-02-12');
    await observation(mentee.id, mentor2.id, '2027-02-13');
    const got = (await c.mentee.get(`/api/mentorships/${p.id}`)).json();
    expect(got.mutualObservations).toEqual({ mentorObservedMentee: 2, menteeObservedMentor: 1 });
    const listed = (await c.school_director.get(`/api/mentorships?personId=${mentee.id}&status=active`)).json();
    expect(listed.items[0].mutualObservations).toEqual({ mentorObservedMentee: 2, menteeObservedMentor: 1 });
  });
});
