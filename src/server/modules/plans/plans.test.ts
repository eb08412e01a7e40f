import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { docxXml } from '../../../../test/docx.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso } from '../../db/dialect.js';
import { addTerm, type Term } from './fixtures.js';
import { lastDayOf, monthlyReportDue, monthsBetween, shiftDate, shiftMonth } from './months.js';

describe('month arithmetic', () => {
  it('walks months across the year end and keeps days inside short months', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -6)).toBe('2026-07');
    expect(monthsBetween('2026-09-01', '2027-01-31')).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(shiftDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(monthlyReportDue('2026-12')).toBe('2027-01-05');
  });
});

describe.each(DIALECTS)('semester plans on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let director: Client;
  let leader: Client;
  let teacher: Client;
  let groupLeader: Client;
  let admin: Client;
  let expert: Client;
  let outsider: Client;
  let term: Term;
  let previous: Term;
  let planId: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    await f.person('外校教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    director = await t.login('school_director', PASSWORD);
    leader = await t.login('school_leader', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
    groupLeader = await t.login('group_leader', PASSWORD);
    admin = await t.login('research_admin', PASSWORD);
    expert = await t.login('expert', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
    previous = await addTerm(t, 2025, 2, '2026-02-01', '2026-07-31');
    term = await addTerm(t, 2026, 1, '2026-09-01', '2027-01-31');
  });
  afterAll(async () => t?.close());

  it('lets the school director make one plan per org and term, and refuses others', async () => {
    expect((await teacher.post('/api/plans', { orgId: w.orgs.s1.id, termId: term.id })).statusCode).toBe(403);
    expect((await director.post('/api/plans', { orgId: w.orgs.s2.id, termId: term.id })).statusCode).toBe(404);
    expect((await expert.post('/api/plans', { orgId: w.orgs.s1.id, termId: term.id })).statusCode).toBe(404);
    expect((await director.post('/api/plans', { orgId: w.orgs.s1.id, termId: 'nope' })).statusCode).toBe(404);
    const res = await director.post('/api/plans', { orgId: w.orgs.s1.id, termId: term.id, goals: '以课题为抓手。' });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    planId = plan.id;
    expect(plan.title).toBe(`一区第一小学${term.name}教科研工作计划`);
    expect(plan.months).toEqual(monthsBetween(term.startsOn, term.endsOn));
    expect(plan.abilities).toEqual({ update: true, delete: true, manageItems: true });
    expect((await director.post('/api/plans', { orgId: w.orgs.s1.id, termId: term.id })).statusCode).toBe(409);
    // The district office may keep a school's plan too.
    expect((await admin.patch(`/api/plans/${planId}`, { version: 1, title: '实验计划' })).statusCode).toBe(200);
  });

  it('shows the plan to the school and its staff read-only, and to nobody outside', async () => {
    for (const c of [leader, teacher, groupLeader]) {
      const res = await c.get(`/api/plans/${planId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().abilities).toEqual({ update: false, delete: false, manageItems: false });
    }
    expect((await leader.patch(`/api/plans/${planId}`, { version: 2, title: '改' })).statusCode).toBe(403);
    expect(
      (await teacher.post(`/api/plans/${planId}/items`, { title: 'x', month: term.startsOn.slice(0, 7) })).statusCode,
    ).toBe(403);
    for (const c of [outsider, expert]) {
      expect((await c.get(`/api/plans/${planId}`)).statusCode).toBe(404);
      expect((await c.get(`/api/plans/${planId}/export.docx`)).statusCode).toBe(404);
    }
    expect((await outsider.get('/api/plans')).json().total).toBe(0);
    expect((await teacher.get(`/api/plans?orgId=${w.orgs.s1.id}&termId=${term.id}`)).json().items[0].id).toBe(planId);
  });

  it('keeps monthly items with owner, due date and done state', async () => {
    const first = term.startsOn.slice(0, 7);
    const due = `${shiftMonth(first, 1)}-20`;
    const a = await director.post(`/api/plans/${planId}/items`, {
      title: '课题研究月查（召开主持人会议交流）',
      dueOn: due,
      ownerId: w.users.teacher.id,
    });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ month: shiftMonth(first, 1), ownerName: '普通教师', done: false, sort: 0 });
    const b = await director.post(`/api/plans/${planId}/items`, {
      title: '组织上报运河杯论文',
      month: first,
      ownerText: '教科室',
    });
    expect(b.json()).toMatchObject({ month: first, ownerText: '教科室', dueOn: null });
    const outside = await director.post(`/api/plans/${planId}/items`, { title: 'x', month: shiftMonth(first, -1) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('不在本学期内');
    const stranger = await director.post(`/api/plans/${planId}/items`, {
      title: 'x',
      month: first,
      ownerId: w.at.s3.id,
    });
    expect(stranger.statusCode).toBe(400);
    expect((await director.post(`/api/plans/${planId}/items`, { title: 'x' })).statusCode).toBe(400);

    const done = await director.patch(`/api/plans/${planId}/items/${b.json().id}`, { version: 1, done: true });
    expect(done.json()).toMatchObject({ done: true, version: 2 });
    expect(done.json().doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stale = await director.patch(`/api/plans/${planId}/items/${b.json().id}`, { version: 1, done: false });
    expect(stale.statusCode).toBe(409);
    const undone = await director.patch(`/api/plans/${planId}/items/${b.json().id}`, { version: 2, done: false });
    expect(undone.json()).toMatchObject({ done: false, doneOn: null });
    await director.patch(`/api/plans/${planId}/items/${b.json().id}`, { version: 3, done: true });

    const plan = (await teacher.get(`/api/plans/${planId}`)).json();
    expect(plan.items.map((i: { title: string }) => i.title)).toEqual([
      '组织上报运河杯论文',
      '课题研究月查（召开主持人会议交流）',
    ]);
    expect(plan.progress).toEqual({ total: 2, done: 1 });
    const list = (await director.get(`/api/plans?termId=${term.id}`)).json();
    expect(list.items[0].progress).toEqual({ total: 2, done: 1 });
    expect((await teacher.get(`/api/plans/${planId}/items`)).json().total).toBe(2);

    const notes = await t.database.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('person_id', '=', w.users.teacher.id)
      .execute();
    expect(notes).toEqual([{ kind: 'plan_item_assigned', link: `/plans/${planId}` }]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'plan_item')
      .execute();
    expect(audit.map((x) => x.action)).toContain('plan.item.update');

    const extra = await director.post(`/api/plans/${planId}/items`, { title: '临时事项', month: first });
    expect((await teacher.delete(`/api/plans/${planId}/items/${extra.json().id}`)).statusCode).toBe(403);
    expect((await director.delete(`/api/plans/${planId}/items/${extra.json().id}`)).statusCode).toBe(200);
    expect((await director.get(`/api/plans/${planId}/items/${extra.json().id}`)).statusCode).toBe(404);
  });

  it('copies last term’s arrangement into a new plan, moved by whole months and not done', async () => {
    const old = await director.post('/api/plans', { orgId: w.orgs.s2.id, termId: previous.id });
    expect(old.statusCode).toBe(404);
    // With no plan last term there is nothing to copy: refused, and no plan made.
    const nothing = await admin.post('/api/plans', { orgId: w.orgs.s2.id, termId: term.id, copyFromPrevious: true });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.message).toBe('上学期没有可复制的月度安排，请直接新建工作计划');
    expect((await admin.get(`/api/plans?orgId=${w.orgs.s2.id}&termId=${term.id}`)).json().items).toEqual([]);
    const prev = (await admin.post('/api/plans', { orgId: w.orgs.s2.id, termId: previous.id })).json();
    const firstPrev = previous.startsOn.slice(0, 7);
    await admin.post(`/api/plans/${prev.id}/items`, {
      title: '召开课题组长会议',
      dueOn: `${firstPrev}-15`,
      done: true,
    });
    const next = await admin.post('/api/plans', { orgId: w.orgs.s2.id, termId: term.id, copyFromPrevious: true });
    expect(next.statusCode).toBe(200);
    const first = term.startsOn.slice(0, 7);
    expect(next.json().items).toMatchObject([
      { title: '召开课题组长会议', month: first, dueOn: `${first}-15`, done: false },
    ]);
  });

  it('puts plan items and the deadlines of calls, monthly reports and competitions on the calendar', async () => {
    const db = t.database.db;
    const now = nowIso();
    const first = term.startsOn.slice(0, 7);
    const second = shiftMonth(first, 1);
    await db
      .insertInto('calls')
      .values({
        id: newId(),
        org_id: w.orgs.d1.id,
        title: '一区2026年度课题申报',
        plan_period: null,
        guide: '[]',
        levels: '["district"]',
        kinds: '[]',
        opens_at: new Date(`${first}-01T00:00:00+08:00`).toISOString(),
        closes_at: new Date(`${second}-10T17:00:00+08:00`).toISOString(),
        number_format: '',
        description: null,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const competitionId = newId();
    await db
      .insertInto('competitions')
      .values({
        id: competitionId,
        org_id: null,
        name: '师陶杯',
        level: 'provincial',
        organiser: '省陶行知研究会',
        description: '',
        work_kinds: '[]',
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('competition_editions')
      .values({
        id: newId(),
        competition_id: competitionId,
        year: Number(first.slice(0, 4)),
        deadline: `${second}-25`,
        title: '第十届师陶杯论文评比',
        org_id: null,
        version: 1,
        created_at: now,
      })
      .execute();
    const p = projectFactory(t.database);
    const running = await p.project({
      title: '整本书阅读研究',
      school: w.orgs.s1,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
      startsOn: term.startsOn,
    });
    await p.project({ title: '外区课题', school: w.orgs.s3, hostId: w.at.s3.id, stage: 'in_progress' });
    await db
      .insertInto('project_reports')
      .values({
        id: newId(),
        project_id: running.id,
        kind: 'monthly',
        month: first,
        content: '{}',
        status: 'submitted',
        opinion: null,
        grade: null,
        return_reason: null,
        author_id: w.users.teacher.id,
        checked_by: null,
        checked_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const res = await teacher.get(`/api/calendar?orgId=${w.orgs.s1.id}&from=${term.startsOn}&to=${term.endsOn}`);
    expect(res.statusCode).toBe(200);
    const items: {
      kind: string;
      title: string;
      date: string | null;
      month: string;
      detail: string | null;
      done: boolean | null;
    }[] = res.json().items;
    const byKind = (k: string) => items.filter((i) => i.kind === k);
    expect(byKind('call')).toMatchObject([{ title: '一区2026年度课题申报申报截止', date: `${second}-10` }]);
    expect(byKind('competition')).toMatchObject([{ title: '第十届师陶杯论文评比报送截止', date: `${second}-25` }]);
    expect(byKind('plan_item').map((i) => i.title)).toContain('课题研究月查（召开主持人会议交流）');
    const reports = byKind('monthly_report');
    expect(reports[0]).toMatchObject({ date: monthlyReportDue(first), detail: '在研课题 1 项，已交 1 项', done: true });
    expect(reports[1]).toMatchObject({
      date: monthlyReportDue(second),
      detail: '在研课题 1 项，已交 0 项',
      done: false,
    });
    const dates = items.map((i) => i.date ?? `${i.month}-99`);
    expect([...dates].sort()).toEqual(dates);

    expect(
      (await outsider.get(`/api/calendar?orgId=${w.orgs.s1.id}&from=${term.startsOn}&to=${term.endsOn}`)).statusCode,
    ).toBe(404);
    expect(
      (await teacher.get(`/api/calendar?orgId=${w.orgs.s1.id}&from=${term.endsOn}&to=${term.startsOn}`)).statusCode,
    ).toBe(400);
  });

  it('exports the plan as Word with months as headings and numbered items', async () => {
    const res = await teacher.get(`/api/plans/${planId}/export.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = await docxXml(res.rawPayload);
    const first = Number(term.startsOn.slice(5, 7));
    expect(text).toContain('实验计划');
    expect(text).toContain('二、月度工作安排');
    expect(text).toContain(`${first}月份`);
    expect(text).toContain('1. 组织上报运河杯论文');
    expect(text).toContain('（负责人：教科室）【已完成】');
    expect(text).toContain('负责人：普通教师；完成时限：');
    expect(text).toContain('月报截止');
  });

  it('deletes a plan with its items for the office only', async () => {
    const plan = (await admin.post('/api/plans', { orgId: w.orgs.d1.id, termId: term.id })).json();
    await admin.post(`/api/plans/${plan.id}/items`, { title: '区教科研工作年检', month: term.startsOn.slice(0, 7) });
    expect((await director.delete(`/api/plans/${plan.id}`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/plans/${plan.id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/plans/${plan.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
  });
});
