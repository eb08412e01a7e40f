import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { type ProjectOpts, projectFactory } from '../../../../test/project-factory.js';
import { today } from '../../calendar.js';
import { monthEnd, previousMonth } from './reports.service.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

describe('report months (pure)', () => {
  it('knows the previous month and the last day of a month', () => {
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-10-01')).toBe('2026-09');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-04')).toBe('2026-04-30');
  });
});

describe.each(DIALECTS)('project reports and research lessons on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let host: { id: string };
  let member: { id: string };
  let outsider: { id: string };
  const c: Record<string, Client> = {};
  let n = 0;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    host = await f.person('课题主持人', { org: w.orgs.s1, username: 'host', roles: [['teacher', w.orgs.s1]] });
    member = await f.person('课题成员', { org: w.orgs.s1, username: 'member', roles: [['teacher', w.orgs.s1]] });
    outsider = await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of [
      'host',
      'member',
      'outsider',
      'teacher',
      'school_director',
      'research_admin',
      'expert',
      'sysadmin',
    ]) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  /** A district project of S1 managed by D1, hosted by `host` with `member`. */
  async function project(extra: Partial<ProjectOpts> = {}) {
    return projectFactory(t.database).project({
      title: `课题${++n}`,
      school: w.orgs.s1,
      hostId: host.id,
      stage: 'in_progress',
      manager: w.orgs.d1,
      members: [{ personId: member.id }],
      ...extra,
    });
  }
  const monthly = (month: string) => ({
    kind: 'monthly',
    month,
    content: { done: '开展研究课一节', next: '整理课堂实录' },
  });

  it('requires authentication on every route', async () => {
    const mine = t.routes.filter((r) =>
      /\/api\/(reports\/|projects\/:id\/(reports|lessons|outputs|conclusion)|conclusion-rules)/.test(r.url),
    );
    expect(mine.length).toBeGreaterThanOrEqual(15);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const res = await t.anonymous.raw({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('walks a monthly report: submitted → returned with a reason → edited → checked', async () => {
    const p = await project();
    const created = await c.member.post(`/api/projects/${p.id}/reports`, monthly('2026-03'));
    expect(created.statusCode, created.body).toBe(200);
    const r = created.json();
    expect(r).toMatchObject({
      kind: 'monthly',
      month: '2026-03',
      status: 'submitted',
      authorId: member.id,
      authorName: '课题成员',
      version: 1,
    });
    expect(r.content).toMatchObject({ done: '开展研究课一节', next: '整理课堂实录' });
    expect(r.abilities).toMatchObject({ edit: true, check: false });
    expect((await c.school_director.get(`/api/projects/${p.id}/reports/${r.id}`)).json().abilities).toMatchObject({
      edit: false,
      check: true,
    });

    const noReason = await c.school_director.post(`/api/projects/${p.id}/reports/${r.id}/check`, {
      decision: 'returned',
    });
    expect(noReason.statusCode).toBe(400);
    const returned = await c.school_director.post(`/api/projects/${p.id}/reports/${r.id}/check`, {
      decision: 'returned',
      reason: '缺少过程性资料',
    });
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnReason: '缺少过程性资料',
      checkedBy: w.users.school_director.id,
    });
    expect(
      (await c.school_director.post(`/api/projects/${p.id}/reports/${r.id}/check`, { decision: 'checked' })).statusCode,
    ).toBe(409);

    const notAuthor = await c.host.patch(`/api/projects/${p.id}/reports/${r.id}`, {
      version: 2,
      content: { done: '改' },
    });
    expect(notAuthor.statusCode).toBe(403);
    const edited = await c.member.patch(`/api/projects/${p.id}/reports/${r.id}`, {
      version: returned.json().version,
      content: { done: '开展研究课一节，附课堂实录', next: '整理', materials: '教案、照片' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'submitted', returnReason: null, version: 3 });
    expect(edited.json().content.materials).toBe('教案、照片');
    const stale = await c.member.patch(`/api/projects/${p.id}/reports/${r.id}`, {
      version: 2,
      content: { done: '旧' },
    });
    expect(stale.statusCode).toBe(409);

    const checked = await c.school_director.post(`/api/projects/${p.id}/reports/${r.id}/check`, {
      decision: 'checked',
    });
    expect(checked.json()).toMatchObject({ status: 'checked', checkedBy: w.users.school_director.id });
    expect(checked.json().checkedAt).toBeTruthy();
    expect(
      (await c.member.patch(`/api/projects/${p.id}/reports/${r.id}`, { version: 4, content: { done: '再改' } }))
        .statusCode,
    ).toBe(409);

    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      ['project.report.check', 'project.report.create', 'project.report.resubmit', 'project.report.return'].sort(),
    );
  });

  it('allows one monthly report per project per month and requires the month', async () => {
    const p = await project();
    expect((await c.host.post(`/api/projects/${p.id}/reports`, monthly('2026-04'))).statusCode).toBe(200);
    const again = await c.member.post(`/api/projects/${p.id}/reports`, monthly('2026-04'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect((await c.member.post(`/api/projects/${p.id}/reports`, monthly('2026-05'))).statusCode).toBe(200);
    const noMonth = await c.member.post(`/api/projects/${p.id}/reports`, {
      kind: 'monthly',
      content: { done: '做了' },
    });
    expect(noMonth.statusCode).toBe(400);
    expect((await c.member.post(`/api/projects/${p.id}/reports`, monthly('2026-13'))).statusCode).toBe(400);
    const list = (await c.teacher.get(`/api/projects/${p.id}/reports?kind=monthly`)).json();
    expect(list.items.map((r: { month: string }) => r.month)).toEqual(['2026-05', '2026-04']);
    expect(list.total).toBe(2);
  });

  it('accepts reports only while the project runs (conclusion reports also once conclusion is requested)', async () => {
    for (const stage of ['draft', 'submitted', 'concluded', 'terminated']) {
      const p = await project({ stage });
      const res = await c.host.post(`/api/projects/${p.id}/reports`, monthly('2026-03'));
      expect(res.statusCode, stage).toBe(409);
    }
    const requested = await project({ stage: 'conclusion_requested' });
    expect((await c.host.post(`/api/projects/${requested.id}/reports`, monthly('2026-03'))).statusCode).toBe(409);
    const conclusion = { kind: 'conclusion', content: { done: '结题报告正文', next: '' } };
    expect((await c.host.post(`/api/projects/${requested.id}/reports`, conclusion)).statusCode).toBe(200);
    const approved = await project({ stage: 'approved' });
    expect(
      (await c.host.post(`/api/projects/${approved.id}/reports`, { kind: 'opening', content: { done: '开题报告' } }))
        .statusCode,
    ).toBe(200);
  });

  it('lets the research team write monthly reports and the host or school the others', async () => {
    const p = await project();
    const opening = { kind: 'opening', content: { done: '开题论证', next: '' } };
    expect((await c.school_director.post(`/api/projects/${p.id}/reports`, monthly('2026-03'))).statusCode).toBe(403);
    expect((await c.member.post(`/api/projects/${p.id}/reports`, opening)).statusCode).toBe(403);
    expect((await c.teacher.post(`/api/projects/${p.id}/reports`, monthly('2026-03'))).statusCode).toBe(403);
    expect((await c.outsider.post(`/api/projects/${p.id}/reports`, monthly('2026-03'))).statusCode).toBe(404);
    expect((await c.school_director.post(`/api/projects/${p.id}/reports`, opening)).statusCode).toBe(200);
  });

  it('lets only the school director of the project check a monthly report', async () => {
    const p = await project();
    const r = (await c.member.post(`/api/projects/${p.id}/reports`, monthly('2026-06'))).json();
    const url = `/api/projects/${p.id}/reports/${r.id}/check`;
    expect((await c.teacher.post(url, { decision: 'checked' })).statusCode).toBe(403);
    expect((await c.host.post(url, { decision: 'checked' })).statusCode).toBe(403);
    expect((await c.outsider.post(url, { decision: 'checked' })).statusCode).toBe(404);
    expect((await c.expert.post(url, { decision: 'checked' })).statusCode).toBe(404);
    expect((await c.school_director.post(url, { decision: 'checked' })).statusCode).toBe(200);
    const opening = (
      await c.host.post(`/api/projects/${p.id}/reports`, { kind: 'opening', content: { done: '开题' } })
    ).json();
    expect(
      (await c.school_director.post(`/api/projects/${p.id}/reports/${opening.id}/check`, { decision: 'checked' }))
        .statusCode,
    ).toBe(409);
    expect((await c.school_director.get(`/api/projects/${p.id}/reports/nope`)).statusCode).toBe(404);
  });

  it('records the managing office’s expert opinion on opening and mid-term reports', async () => {
    const p = await project();
    const midterm = (
      await c.host.post(`/api/projects/${p.id}/reports`, { kind: 'midterm', content: { done: '中期汇报' } })
    ).json();
    const url = `/api/projects/${p.id}/reports/${midterm.id}/opinion`;
    expect((await c.school_director.post(url, { opinion: '同意', grade: 'good' })).statusCode).toBe(403);
    expect((await c.research_admin.post(url, { opinion: '同意', grade: 'great' })).statusCode).toBe(400);
    const ok = await c.research_admin.post(url, { opinion: '研究扎实，同意通过中期', grade: 'good' });
    expect(ok.json()).toMatchObject({ opinion: '研究扎实，同意通过中期', grade: 'good', abilities: { opinion: true } });
    const m = (await c.member.post(`/api/projects/${p.id}/reports`, monthly('2026-07'))).json();
    expect(
      (await c.research_admin.post(`/api/projects/${p.id}/reports/${m.id}/opinion`, { opinion: '好', grade: 'pass' }))
        .statusCode,
    ).toBe(409);
  });

  it('lists running projects in the caller’s scope that miss a monthly report for a month', async () => {
    const month = '2025-11';
    const reported = await project({ title: '已交月报', number: 'YQ-1' });
    const missing = await project({ title: '缺交月报', number: 'YQ-2' });
    const later = await project({ title: '尚未开始', stage: 'approved', startsOn: '2025-12-01' });
    const started = await project({ title: '已开始', stage: 'approved', startsOn: '2025-11-30' });
    const draft = await project({ title: '草稿', stage: 'draft' });
    const s2 = await projectFactory(t.database).project({
      title: '二小课题',
      school: w.orgs.s2,
      hostId: w.at.s2.id,
      stage: 'midterm_passed',
      manager: w.orgs.d1,
    });
    const s3 = await projectFactory(t.database).project({
      title: '二区课题',
      school: w.orgs.s3,
      hostId: outsider.id,
      stage: 'in_progress',
      manager: w.orgs.d2,
    });
    expect((await c.member.post(`/api/projects/${reported.id}/reports`, monthly(month))).statusCode).toBe(200);
    const ours = [reported, missing, later, started, draft, s2, s3].map((p) => p.id);
    const ids = async (cl: Client, query = '') => {
      const res = await cl.get(`/api/reports/overdue?month=${month}&pageSize=200${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { projectId: string }[])
        .map((i) => i.projectId)
        .filter((id) => ours.includes(id))
        .sort();
    };
    expect(await ids(c.school_director)).toEqual([missing.id, started.id].sort());
    expect(await ids(c.research_admin)).toEqual([missing.id, started.id, s2.id].sort());
    expect(await ids(c.research_admin, `&orgId=${w.orgs.s2.id}`)).toEqual([s2.id]);
    expect(await ids(c.sysadmin)).toEqual([missing.id, started.id, s2.id, s3.id].sort());
    expect(await ids(c.host)).toEqual([missing.id, started.id].sort());
    expect(await ids(c.teacher)).toEqual([]);
    expect((await c.school_director.get(`/api/reports/overdue?orgId=${w.orgs.s3.id}`)).statusCode).toBe(404);
    const item = (await c.school_director.get(`/api/reports/overdue?month=${month}&pageSize=200`))
      .json()
      .items.find((i: { projectId: string }) => i.projectId === missing.id);
    expect(item).toMatchObject({
      title: '缺交月报',
      number: 'YQ-2',
      hostId: host.id,
      hostName: '课题主持人',
      schoolId: w.orgs.s1.id,
      schoolName: '一区第一小学',
      month,
    });
    const byDefault = (await c.school_director.get('/api/reports/overdue')).json();
    expect(byDefault.month).toBe(previousMonth(today()));
  });

  it('plans research lessons with the 四定 and records them as held', async () => {
    const p = await project();
    const base = { plannedOn: '2026-04-10', content: '整本书阅读导读课', form: 'research_lesson' };
    const notOnProject = await c.host.post(`/api/projects/${p.id}/lessons`, { ...base, teacherId: w.users.teacher.id });
    expect(notOnProject.statusCode).toBe(400);
    expect(
      (await c.host.post(`/api/projects/${p.id}/lessons`, { ...base, teacherId: member.id, form: 'karaoke' }))
        .statusCode,
    ).toBe(400);
    expect((await c.teacher.post(`/api/projects/${p.id}/lessons`, { ...base, teacherId: member.id })).statusCode).toBe(
      403,
    );
    const created = await c.host.post(`/api/projects/${p.id}/lessons`, { ...base, teacherId: member.id });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      teacherId: member.id,
      teacherName: '课题成员',
      form: 'research_lesson',
      heldOn: null,
      version: 1,
    });
    const lesson = created.json();
    const held = await c.school_director.patch(`/api/projects/${p.id}/lessons/${lesson.id}`, {
      version: 1,
      heldOn: '2026-04-11',
      activityId: 'activity-1',
    });
    expect(held.json()).toMatchObject({ heldOn: '2026-04-11', activityId: 'activity-1', version: 2 });
    expect(
      (await c.host.patch(`/api/projects/${p.id}/lessons/${lesson.id}`, { version: 1, form: 'open_lesson' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await c.host.patch(`/api/projects/${p.id}/lessons/${lesson.id}`, { version: 2, teacherId: outsider.id }))
        .statusCode,
    ).toBe(400);
    const list = (await c.teacher.get(`/api/projects/${p.id}/lessons`)).json();
    expect(list.items.map((l: { id: string }) => l.id)).toEqual([lesson.id]);
    expect(list.items[0].abilities.edit).toBe(false);
    const closed = await project({ stage: 'concluded' });
    expect((await c.host.post(`/api/projects/${closed.id}/lessons`, { ...base, teacherId: host.id })).statusCode).toBe(
      409,
    );
  });
});
