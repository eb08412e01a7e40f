import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { today } from '../../calendar.js';

const SECTIONS = {
  significance: '落实双减，提升作业质量。',
  goals: '构建分层作业体系。',
  methods: '行动研究法、调查法。',
  steps: '准备、实施、总结三个阶段。',
};

describe.each(DIALECTS)('projects on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let district: Client;
  let director: Client;
  let teacher: Client;
  let callId: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    district = await t.login('research_admin', PASSWORD);
    director = await t.login('school_director', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
    const y = Number(today().slice(0, 4));
    const call = await district.post('/api/calls', {
      title: `${y}年度区教育科学规划课题申报`,
      orgId: w.orgs.d1.id,
      levels: ['district'],
      opensOn: `${y - 1}-01-01`,
      closesOn: `${y + 1}-12-31`,
      quotas: [{ orgId: w.orgs.s1.id, count: 1 }],
      kinds: [{ kind: 'youth', bornOnOrAfter: '1990-01-01' }],
      numberFormat: '{year}-QJ-{seq:3}',
    });
    expect(call.statusCode, call.body).toBe(200);
    callId = call.json().id;
  });
  afterAll(async () => t?.close());

  const apply = async (c: Client, hostId: string, extra: Record<string, unknown> = {}) => {
    const res = await c.post('/api/projects', {
      title: '小学数学分层作业设计的实践研究',
      callId,
      level: 'district',
      kind: 'general',
      orgId: w.orgs.s1.id,
      hostId,
      members: [],
      expectedOutcomes: [{ kind: 'paper', count: 2 }],
      sections: SECTIONS,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const act = (c: Client, id: string, action: string, extra: Record<string, unknown> = {}) =>
    c.post(`/api/projects/${id}/transitions`, { action, ...extra });

  it('creates a draft application with version 1 and no number', async () => {
    const p = await apply(teacher, w.users.teacher.id, { members: [{ personId: w.at.g1b.id, role: 'core' }] });
    expect(p).toMatchObject({
      stage: 'draft',
      version: 1,
      number: null,
      hostId: w.users.teacher.id,
      level: 'district',
      orgId: w.orgs.s1.id,
    });
    expect(p.members.map((m: { role: string }) => m.role)).toEqual(['host', 'core']);
    expect(p.abilities.actions).toEqual(['submit']);
    expect((await district.get(`/api/projects/${p.id}`)).statusCode).toBe(404);
  });

  it('walks the whole life: submit → recommend → approve (numbered) → open → midterm → conclusion', async () => {
    const mine = ((await teacher.get('/api/projects')).json().items as { id: string; title: string }[])[0];
    expect((await act(teacher, mine.id, 'submit')).json().stage).toBe('submitted');
    const routeAnswer = (await teacher.get(`/api/projects/${mine.id}/route`)).json();
    expect(routeAnswer.warnings).toEqual([]);
    const route = routeAnswer.items;
    expect(
      route.map((r: { orgName: string; step: string; state: string }) => `${r.orgName}:${r.step}:${r.state}`),
    ).toEqual(['一区第一小学:recommend:current', '一区:approve:pending']);
    expect((await act(director, mine.id, 'recommend')).json()).toMatchObject({
      stage: 'school_recommended',
      holderOrgId: w.orgs.d1.id,
    });
    const approved = (await act(district, mine.id, 'approve')).json();
    expect(approved.stage).toBe('approved');
    expect(approved.number).toBe(`${today().slice(0, 4)}-QJ-001`);
    expect((await act(director, mine.id, 'open')).json().stage).toBe('in_progress');
    const another = await teacher.post('/api/projects', {
      title: '再申报一项区级课题',
      level: 'district',
      kind: 'general',
      orgId: w.orgs.s1.id,
      hostId: w.users.teacher.id,
      sections: SECTIONS,
    });
    const warned = (await teacher.get(`/api/projects/${another.json().id}/route`)).json().warnings;
    expect(warned).toEqual([`主持人还有一项同级别课题尚未结题：「${mine.title}」`]);
    expect((await teacher.delete(`/api/projects/${another.json().id}`)).statusCode).toBe(200);
    expect((await act(district, mine.id, 'pass_midterm')).json().stage).toBe('midterm_passed');
    expect((await act(district, mine.id, 'extend', { until: '2099-06-30' })).json().endsOn).toBe('2099-06-30');
    const refused = await act(teacher, mine.id, 'request_conclusion');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/结题条件未满足/);
    const paper = await teacher.post(`/api/projects/${mine.id}/outputs`, {
      kind: 'publication',
      title: '分层作业的设计与实施',
      level: 'district',
      journal: '区教育研究',
      charCount: 4200,
      onDate: '2026-05-01',
    });
    expect(paper.statusCode, paper.body).toBe(200);
    expect((await act(teacher, mine.id, 'request_conclusion')).json().stage).toBe('conclusion_requested');
    expect((await act(district, mine.id, 'conclude')).statusCode).toBe(400);
    const done = (await act(district, mine.id, 'conclude', { grade: 'excellent' })).json();
    expect(done).toMatchObject({ stage: 'concluded', grade: 'excellent' });
    const history = (await teacher.get(`/api/projects/${mine.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'recommend',
      'approve',
      'open',
      'pass_midterm',
      'extend',
      'request_conclusion',
      'conclude',
    ]);
    expect(history[0]).toMatchObject({ fromStage: 'draft', toStage: 'submitted', actorName: '普通教师' });
  });

  it('answers 409 with the reason when an action does not fit the stage', async () => {
    const p = await apply(director, w.at.s1.id, { title: '另一个课题' });
    const res = await act(director, p.id, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/草稿.*不能执行「立项」/);
  });

  it('refuses a recommendation beyond the school quota', async () => {
    const other = (await director.get('/api/projects?q=另一个课题')).json().items[0];
    expect((await act(director, other.id, 'submit')).statusCode).toBe(403);
    const host = await t.login('teacher', PASSWORD);
    void host;
    await t.database.db
      .updateTable('projects')
      .set({ host_id: w.users.teacher.id })
      .where('id', '=', other.id)
      .execute();
    await t.database.db.updateTable('projects').set({ call_id: null }).where('id', '=', other.id).execute();
    await t.database.db
      .updateTable('project_members')
      .set({ person_id: w.users.teacher.id })
      .where('project_id', '=', other.id)
      .where('role', '=', 'host')
      .execute();
    const third = await apply(director, w.users.school_leader.id, { title: '第三个课题' });
    const leader = await t.login('school_leader', PASSWORD);
    expect((await act(leader, third.id, 'submit')).statusCode).toBe(200);
    const refused = await act(director, third.id, 'recommend');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/名额已用完（1\/1）/);
  });

  it('returns for revision with a reason, one step back, and the applicant can recall before review', async () => {
    const leader = await t.login('school_leader', PASSWORD);
    const p = (await leader.get('/api/projects?q=第三个课题')).json().items[0];
    expect((await act(director, p.id, 'return')).statusCode).toBe(400);
    const back = await act(director, p.id, 'return', { reason: '研究目标过大，请聚焦' });
    expect(back.json().stage).toBe('draft');
    expect((await act(leader, p.id, 'submit')).json().stage).toBe('submitted');
    expect((await act(leader, p.id, 'recall')).json().stage).toBe('draft');
    const history = (await leader.get(`/api/projects/${p.id}/history`)).json().items;
    expect(history.find((h: { action: string }) => h.action === 'return').reason).toBe('研究目标过大，请聚焦');
  });

  it('refuses a submission whose host fails the kind eligibility, with the reason', async () => {
    const leader = await t.login('school_leader', PASSWORD);
    const p = (await leader.get('/api/projects?q=第三个课题')).json().items[0];
    const patched = await leader.patch(`/api/projects/${p.id}`, { version: p.version, kind: 'youth' });
    expect(patched.statusCode, patched.body).toBe(200);
    await t.database.db
      .updateTable('people')
      .set({ birth_date: '1985-03-01' })
      .where('id', '=', w.users.school_leader.id)
      .execute();
    const res = await act(leader, p.id, 'submit');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/1990-01-01 及以后出生.*1985-03-01/);
  });

  it('refuses a submission after the call closed', async () => {
    await t.database.db
      .updateTable('calls')
      .set({ closes_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', callId)
      .execute();
    const leader = await t.login('school_leader', PASSWORD);
    const p = (await leader.get('/api/projects?q=第三个课题')).json().items[0];
    await leader.patch(`/api/projects/${p.id}`, { version: p.version, kind: 'general' });
    const res = await act(leader, p.id, 'submit');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/申报已截止/);
  });

  it('refuses a second application of the same host to the same call', async () => {
    const res = await teacher.post('/api/projects', {
      title: '重复申报',
      callId,
      level: 'district',
      kind: 'general',
      orgId: w.orgs.s1.id,
      hostId: w.users.teacher.id,
      sections: SECTIONS,
    });
    expect(res.statusCode).toBe(409);
  });

  it('lists with counts per stage and filters', async () => {
    const list = (await director.get('/api/projects')).json();
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.countsByStage.concluded).toBe(1);
    expect((await director.get('/api/projects?stage=concluded')).json().items).toHaveLength(1);
    // the total is the stage counts' sum, or the chosen stage's count
    const all = (await director.get('/api/projects?pageSize=200')).json();
    expect(all.items).toHaveLength(list.total);
    const counted = Object.values(list.countsByStage as Record<string, number>).reduce((a, n) => a + n, 0);
    expect(counted).toBe(list.total);
    const concluded = (await director.get('/api/projects?stage=concluded&page=5')).json();
    expect(concluded).toMatchObject({ items: [], total: 1, countsByStage: list.countsByStage });
    expect((await t.login('school_director', PASSWORD)).csrf).toBeTruthy();
  });
});
