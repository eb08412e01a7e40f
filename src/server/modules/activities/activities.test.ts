import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { readXlsx } from '../../../../test/xlsx.js';
import { newId, nowIso } from '../../db/dialect.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

describe.each(DIALECTS)('teaching-research activities (教研活动) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let host: { id: string; name: string };
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    host = await f.person('课题主持人', { org: w.orgs.s1, username: 'host', roles: [['teacher', w.orgs.s1]] });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of [
      'host',
      'outsider',
      'teacher',
      'group_leader',
      'school_director',
      'school_leader',
      'research_admin',
    ]) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  let n = 0;
  async function record(who: Client, body: Record<string, unknown> = {}) {
    const res = await who.post('/api/activities', {
      kind: 'open_lesson',
      title: `公开课${++n}`,
      date: '2026-03-10',
      orgId: w.orgs.s1.id,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** A running project of S1 hosted by `host`, with one planned 四定 research lesson. */
  async function projectWithLesson() {
    const p = await projectFactory(t.database).project({
      title: '小学语文分层作业研究',
      school: w.orgs.s1,
      hostId: host.id,
      stage: 'in_progress',
      manager: w.orgs.d1,
    });
    const lessonId = newId();
    await t.database.db
      .insertInto('research_lessons')
      .values({
        id: lessonId,
        project_id: p.id,
        teacher_id: host.id,
        planned_on: '2026-03-12',
        content: '《荷花》第二课时',
        form: '同课异构',
        activity_id: null,
        held_on: null,
        version: 1,
        created_at: nowIso(),
      })
      .execute();
    return { projectId: p.id, lessonId };
  }
  const lessonRow = (id: string) =>
    t.database.db.selectFrom('research_lessons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('requires authentication on every route', async () => {
    // Attachment routes under /api/activities/:id/files are walked by the attachments tests.
    const mine = t.routes.filter((r) => r.url.startsWith('/api/activities') && !r.url.includes('/files'));
    expect(mine.length).toBe(8);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('records an activity with its attendees present', async () => {
    const a = await record(c.school_director, {
      kind: 'research_lesson',
      topic: '分层作业设计',
      place: '录播教室',
      startsAt: '2026-03-10T14:00:00+08:00',
      endsAt: '2026-03-10T15:30:00+08:00',
      presenterId: w.users.teacher.id,
      attendeeIds: [w.users.teacher.id, w.at.s1.id, w.users.group_leader.id],
    });
    expect(a).toMatchObject({
      version: 1,
      kind: 'research_lesson',
      kindLabel: '研究课',
      orgId: w.orgs.s1.id,
      schoolId: w.orgs.s1.id,
      presenterName: w.users.teacher.name,
      startsAt: '2026-03-10T06:00:00.000Z',
      attendanceCounts: { present: 3, leave: 0, absent: 0, total: 3 },
      abilities: { edit: true, delete: true, attendance: true },
    });
    expect(a.attendance.map((x: { status: string }) => x.status)).toEqual(['present', 'present', 'present']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).execute();
    expect(audit.map((x) => x.action)).toEqual(['activity.create']);
  });

  it('refuses attendees from outside the organiser, and saves a valid sheet', async () => {
    const a = await record(c.school_director);
    const outside = await c.school_director.put(`/api/activities/${a.id}/attendance`, [
      { personId: w.at.s1.id, status: 'present' },
      { personId: w.at.s2.id, status: 'present' },
    ]);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.personIds).toEqual([w.at.s2.id]);
    const created = await c.school_director.post('/api/activities', {
      kind: 'lecture',
      title: '讲座',
      date: '2026-03-11',
      orgId: w.orgs.s1.id,
      attendeeIds: [w.at.s3.id],
    });
    expect(created.statusCode).toBe(400);
    const saved = await c.school_director.put(`/api/activities/${a.id}/attendance`, [
      { personId: w.at.s1.id, status: 'present' },
      { personId: w.users.teacher.id, status: 'leave' },
      { personId: w.users.school_leader.id, status: 'absent' },
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().attendanceCounts).toEqual({ present: 1, leave: 1, absent: 1, total: 3 });
    expect(saved.json().version).toBe(2);
    const badStatus = await c.school_director.put(`/api/activities/${a.id}/attendance`, [
      { personId: w.at.s1.id, status: 'late' },
    ]);
    expect(badStatus.statusCode).toBe(400);
    // A group's activity takes its attendance from the group's members only.
    const g = await record(c.group_leader, { kind: 'collective_prep', orgId: w.orgs.g1.id });
    const notMember = await c.group_leader.put(`/api/activities/${g.id}/attendance`, [
      { personId: w.at.g1b.id, status: 'present' },
    ]);
    expect(notMember.statusCode).toBe(400);
    const member = await c.group_leader.put(`/api/activities/${g.id}/attendance`, [
      { personId: w.at.g1.id, status: 'present' },
      { personId: w.users.group_leader.id, status: 'present' },
    ]);
    expect(member.statusCode, member.body).toBe(200);
  });

  it('marks the planned 四定 research lesson held when its activity is recorded', async () => {
    const { projectId, lessonId } = await projectWithLesson();
    const a = await record(c.host, { kind: 'research_lesson', projectId, lessonId, date: '2026-03-12' });
    expect(a).toMatchObject({ projectId, lessonId, projectTitle: '小学语文分层作业研究' });
    expect(await lessonRow(lessonId)).toMatchObject({ held_on: '2026-03-12', activity_id: a.id, version: 2 });
    const again = await c.school_director.post('/api/activities', {
      kind: 'research_lesson',
      title: '重复',
      date: '2026-03-13',
      orgId: w.orgs.s1.id,
      projectId,
      lessonId,
    });
    expect(again.statusCode).toBe(409);
    const moved = await c.host.patch(`/api/activities/${a.id}`, { version: a.version, date: '2026-03-14' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await lessonRow(lessonId)).held_on).toBe('2026-03-14');
    expect((await c.host.delete(`/api/activities/${a.id}`)).statusCode).toBe(200);
    expect(await lessonRow(lessonId)).toMatchObject({ held_on: null, activity_id: null });
    const wrongProject = await c.school_director.post('/api/activities', {
      kind: 'research_lesson',
      title: '无课题',
      date: '2026-03-13',
      orgId: w.orgs.s1.id,
      lessonId,
    });
    expect(wrongProject.statusCode).toBe(400);
  });

  it('keeps the 四个统一 on a 集体备课 and links a 评课议课 to the lesson it discusses', async () => {
    const prep = {
      progress: '第三单元',
      goals: '识字写字',
      homework: '分层作业',
      exams: '单元测',
      lessonPlans: '《荷花》',
    };
    const p = await record(c.group_leader, { kind: 'collective_prep', orgId: w.orgs.g1.id, prep });
    expect(p.prep).toEqual(prep);
    const wrongKind = await c.school_director.post('/api/activities', {
      kind: 'lecture',
      title: '讲座',
      date: '2026-03-11',
      orgId: w.orgs.s1.id,
      prep,
    });
    expect(wrongKind.statusCode).toBe(400);
    const lesson = await record(c.school_director, { kind: 'open_lesson' });
    const review = await record(c.school_director, { kind: 'lesson_review', reviewedActivityId: lesson.id });
    expect(review).toMatchObject({ reviewedActivityId: lesson.id, reviewedActivityTitle: lesson.title });
    const notALesson = await c.school_director.post('/api/activities', {
      kind: 'lesson_review',
      title: '评课',
      date: '2026-03-11',
      orgId: w.orgs.s1.id,
      reviewedActivityId: p.id,
    });
    expect(notALesson.statusCode).toBe(400);
    expect((await c.school_director.delete(`/api/activities/${lesson.id}`)).statusCode).toBe(409);
  });

  it('lets the school read, the director and the group leader record, and hides it from other schools', async () => {
    const a = await record(c.school_director, { title: '校级展示课', kind: 'demo_lesson' });
    const outsider = await c.outsider.get(`/api/activities/${a.id}`);
    expect(outsider.statusCode).toBe(404);
    const outsiderList = (await c.outsider.get('/api/activities?pageSize=200')).json();
    expect(outsiderList.items.map((x: { id: string }) => x.id)).not.toContain(a.id);
    const teacher = await c.teacher.get(`/api/activities/${a.id}`);
    expect(teacher.statusCode).toBe(200);
    expect(teacher.json().abilities).toEqual({ edit: false, delete: false, attendance: false });
    const teacherList = (await c.teacher.get(`/api/activities?orgId=${w.orgs.s1.id}&pageSize=200`)).json();
    expect(teacherList.items.map((x: { id: string }) => x.id)).toContain(a.id);
    expect((await c.research_admin.get(`/api/activities/${a.id}`)).statusCode).toBe(200);
    // Teachers read but do not record.
    const refused = await c.teacher.post('/api/activities', {
      kind: 'salon',
      title: '沙龙',
      date: '2026-03-11',
      orgId: w.orgs.s1.id,
    });
    expect(refused.statusCode).toBe(403);
    expect((await c.teacher.patch(`/api/activities/${a.id}`, { version: 1, title: '改' })).statusCode).toBe(403);
    expect((await c.teacher.put(`/api/activities/${a.id}/attendance`, [])).statusCode).toBe(403);
    expect((await c.teacher.delete(`/api/activities/${a.id}`)).statusCode).toBe(403);
    const otherSchool = await c.outsider.post('/api/activities', {
      kind: 'salon',
      title: '沙龙',
      date: '2026-03-11',
      orgId: w.orgs.s1.id,
    });
    expect(otherSchool.statusCode).toBe(404);
    // A group leader records for their own group, not for the school or another group.
    const own = await record(c.group_leader, { orgId: w.orgs.g1.id, kind: 'salon' });
    expect(own.abilities.edit).toBe(true);
    expect((await c.teacher.get(`/api/activities/${own.id}`)).statusCode).toBe(200);
    for (const orgId of [w.orgs.s1.id, w.orgs.g1b.id]) {
      const res = await c.group_leader.post('/api/activities', {
        kind: 'salon',
        title: '沙龙',
        date: '2026-03-11',
        orgId,
      });
      expect(res.statusCode, orgId).toBe(403);
    }
    expect((await c.group_leader.patch(`/api/activities/${a.id}`, { version: 1, title: '改' })).statusCode).toBe(403);
    // The school leader reads everything of the school but records nothing.
    expect((await c.school_leader.get(`/api/activities/${own.id}`)).json().abilities.edit).toBe(false);
  });

  it('answers 409 to an edit with a stale version', async () => {
    const a = await record(c.school_director);
    const first = await c.school_director.patch(`/api/activities/${a.id}`, { version: 1, title: '改名一' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, title: '改名一' });
    const stale = await c.school_director.patch(`/api/activities/${a.id}`, { version: 1, title: '改名二' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
  });

  it('filters the list and shows a month in the calendar', async () => {
    const a = await record(c.school_director, {
      kind: 'training',
      title: '四月培训',
      date: '2026-04-08',
      presenterId: host.id,
    });
    await record(c.school_director, { kind: 'training', title: '五月培训', date: '2026-05-08' });
    const april = (await c.teacher.get(`/api/activities?orgId=${w.orgs.s1.id}&from=2026-04-01&to=2026-04-30`)).json();
    expect(april.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(april).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const byPresenter = (await c.teacher.get(`/api/activities?presenterId=${host.id}`)).json();
    expect(byPresenter.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const cal = await c.teacher.get(`/api/activities/calendar?orgId=${w.orgs.s1.id}&from=2026-04-01&to=2026-04-30`);
    expect(cal.statusCode, cal.body).toBe(200);
    expect(cal.json().items).toEqual([
      expect.objectContaining({
        id: a.id,
        kind: 'training',
        title: '四月培训',
        date: '2026-04-08',
        presenterName: host.name,
      }),
    ]);
    const none = (
      await c.outsider.get(`/api/activities/calendar?orgId=${w.orgs.s1.id}&from=2026-04-01&to=2026-04-30`)
    ).json();
    expect(none.items).toEqual([]);
  });

  it("exports the term's list to .xlsx with attendance counts", async () => {
    const a = await record(c.school_director, {
      kind: 'lecture',
      title: '课题讲坛',
      date: '2026-06-02',
      startsAt: '2026-06-02T14:00:00+08:00',
      endsAt: '2026-06-02T15:00:00+08:00',
      presenterId: host.id,
      attendeeIds: [w.at.s1.id, w.users.teacher.id],
    });
    await c.school_director.put(`/api/activities/${a.id}/attendance`, [
      { personId: w.at.s1.id, status: 'present' },
      { personId: w.users.teacher.id, status: 'leave' },
    ]);
    await record(c.group_leader, { kind: 'salon', title: '组内沙龙', date: '2026-06-05', orgId: w.orgs.g1.id });
    await record(c.school_director, { kind: 'salon', title: '学期外', date: '2026-09-05' });
    const res = await c.teacher.get(`/api/activities/export.xlsx?orgId=${w.orgs.s1.id}&from=2026-06-01&to=2026-06-30`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual([
      '日期',
      '时间',
      '类型',
      '活动名称',
      '主题',
      '组织者',
      '地点',
      '主讲/执教',
      '关联课题',
      '出席',
      '请假',
      '缺席',
      '应到',
    ]);
    expect(rows.slice(1).map((r) => r[3])).toEqual(['课题讲坛', '组内沙龙']);
    expect(rows[1].slice(0, 3)).toEqual(['2026-06-02', '14:00–15:00', '讲座/讲坛']);
    expect(rows[1].slice(9)).toEqual(['1', '1', '0', '2']);
    expect((await c.outsider.get(`/api/activities/export.xlsx?orgId=${w.orgs.s1.id}`)).statusCode).toBe(404);
  });
});
