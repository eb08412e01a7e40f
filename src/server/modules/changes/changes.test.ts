import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { type ProjectOpts, projectFactory } from '../../../../test/project-factory.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

describe.each(DIALECTS)('project change requests (变更申请) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let host: { id: string; name: string };
  let member: { id: string; name: string };
  let newcomer: { id: string; name: string };
  const c: Record<string, Client> = {};
  let n = 0;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    host = await f.person('课题主持人', { org: w.orgs.s1, username: 'host', roles: [['teacher', w.orgs.s1]] });
    member = await f.person('课题成员', { org: w.orgs.s1, username: 'member', roles: [['teacher', w.orgs.s1]] });
    newcomer = await f.person('新成员', { org: w.orgs.s2 });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of ['host', 'member', 'outsider', 'teacher', 'school_director', 'research_admin', 'sysadmin']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  /** A district project of S1 managed by D1, hosted by `host` with `member`, running until 2027-06-30. */
  async function project(extra: Partial<ProjectOpts> = {}) {
    return projectFactory(t.database).project({
      title: `变更课题${++n}`,
      school: w.orgs.s1,
      hostId: host.id,
      stage: 'in_progress',
      manager: w.orgs.d1,
      members: [{ personId: member.id, role: 'core' }],
      startsOn: '2025-09-01',
      endsOn: '2027-06-30',
      ...extra,
    });
  }
  const changes = (id: string) => `/api/projects/${id}/changes`;
  async function ask(who: Client, projectId: string, body: Record<string, unknown>) {
    const res = await who.post(changes(projectId), { reason: '研究需要', ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const decide = (who: Client, projectId: string, changeId: string, body: Record<string, unknown>) =>
    who.post(`${changes(projectId)}/${changeId}/decision`, body);
  async function endorseAndApprove(projectId: string, changeId: string) {
    const endorsed = await decide(c.school_director, projectId, changeId, { decision: 'endorse' });
    expect(endorsed.statusCode, endorsed.body).toBe(200);
    expect(endorsed.json().status).toBe('pending_manager');
    const approved = await decide(c.research_admin, projectId, changeId, { decision: 'approve', opinion: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json();
  }

  it('requires authentication on every route', async () => {
    const mine = t.routes.filter((r) => r.url.includes('/changes'));
    expect(mine.length).toBe(5);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('extends the end date after the school endorses and the manager approves (延期)', async () => {
    const p = await project();
    const asked = await ask(c.host, p.id, { kind: 'dates', endsOn: '2027-12-31', attachmentNote: '申请表已盖章' });
    expect(asked).toMatchObject({
      kind: 'dates',
      status: 'pending_school',
      proposed: { endsOn: '2027-12-31' },
      previous: { endsOn: '2027-06-30' },
      attachmentNote: '申请表已盖章',
      requestedByName: '课题主持人',
      abilities: { endorse: false, approve: false, reject: false, withdraw: true },
    });
    const asDirector = (await c.school_director.get(`${changes(p.id)}/${asked.id}`)).json();
    expect(asDirector.abilities).toEqual({ endorse: true, approve: false, reject: true, withdraw: false });
    const early = await decide(c.research_admin, p.id, asked.id, { decision: 'approve' });
    expect(early.statusCode).toBe(409);

    const approved = await endorseAndApprove(p.id, asked.id);
    expect(approved).toMatchObject({ status: 'approved', schoolByName: '教科室主任', decidedByName: '区管理员' });
    const after = (await c.host.get(`/api/projects/${p.id}`)).json();
    expect(after).toMatchObject({ stage: 'in_progress', endsOn: '2027-12-31' });
    const history = (await c.host.get(`/api/projects/${p.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({ action: 'extend', fromStage: 'in_progress', toStage: 'in_progress' });
    expect(history.at(-1).reason).toBe('研究需要');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [p.id, asked.id])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'project.change.request',
        'project.change.endorse',
        'project.change.approve',
        'project.extend',
      ]),
    );
  });

  it('replaces the members and keeps the host as host (成员变更)', async () => {
    const p = await project();
    const asked = await ask(c.host, p.id, {
      kind: 'members',
      members: [
        { personId: host.id, role: 'host' },
        { personId: newcomer.id, role: 'host' },
      ],
    });
    expect(asked.proposed.members).toEqual([
      { personId: host.id, name: '课题主持人', role: 'host' },
      { personId: newcomer.id, name: '新成员', role: 'core' },
    ]);
    await endorseAndApprove(p.id, asked.id);
    const after = (await c.host.get(`/api/projects/${p.id}`)).json();
    expect(after.members.map((m: { personId: string; role: string }) => [m.personId, m.role])).toEqual([
      [host.id, 'host'],
      [newcomer.id, 'core'],
    ]);
    const done = (await c.host.get(`${changes(p.id)}/${asked.id}`)).json();
    expect(done.previous.members.map((m: { personId: string }) => m.personId)).toEqual([host.id, member.id]);
  });

  it('renames the project (名称变更)', async () => {
    const p = await project();
    const asked = await ask(c.host, p.id, { kind: 'title', title: '基于大单元的作业设计研究' });
    await endorseAndApprove(p.id, asked.id);
    expect((await c.host.get(`/api/projects/${p.id}`)).json().title).toBe('基于大单元的作业设计研究');
  });

  it('terminates the project on an approved 撤项 and closes its other pending requests', async () => {
    const p = await project();
    const other = await ask(c.host, p.id, { kind: 'title', title: '另一个名称' });
    // The school director asking on the host's behalf needs no second school step.
    const asked = await ask(c.school_director, p.id, { kind: 'terminate', reason: '主持人调离' });
    expect(asked).toMatchObject({ status: 'pending_manager', schoolByName: '教科室主任' });
    const res = await decide(c.research_admin, p.id, asked.id, { decision: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await c.host.get(`/api/projects/${p.id}`)).json().stage).toBe('terminated');
    const history = (await c.host.get(`/api/projects/${p.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({ action: 'terminate', toStage: 'terminated', reason: '主持人调离' });
    const closed = (await c.host.get(`${changes(p.id)}/${other.id}`)).json();
    expect(closed.status).toBe('rejected');
    const list = (await c.host.get(changes(p.id))).json();
    expect(list.abilities).toEqual({ request: false, pendingKinds: [] });
  });

  it('goes straight to the manager when the school manages the project itself', async () => {
    const p = await project({ level: 'school', manager: w.orgs.s1 });
    const asked = await ask(c.host, p.id, { kind: 'dates', endsOn: '2028-01-31' });
    expect(asked.status).toBe('pending_manager');
    const res = await decide(c.school_director, p.id, asked.id, { decision: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await c.host.get(`/api/projects/${p.id}`)).json().endsOn).toBe('2028-01-31');
  });

  it('needs an opinion to reject, and leaves the project as it was', async () => {
    const p = await project();
    const asked = await ask(c.host, p.id, { kind: 'title', title: '被否决的名称' });
    await decide(c.school_director, p.id, asked.id, { decision: 'endorse' });
    const bare = await decide(c.research_admin, p.id, asked.id, { decision: 'reject' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.fields[0].field).toBe('opinion');
    const rejected = await decide(c.research_admin, p.id, asked.id, { decision: 'reject', opinion: '名称不够聚焦' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', opinion: '名称不够聚焦' });
    expect((await c.host.get(`/api/projects/${p.id}`)).json().title).toBe(p.title);
    const again = await decide(c.research_admin, p.id, asked.id, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a request in a stage that cannot change (409)', async () => {
    for (const stage of ['submitted', 'conclusion_requested', 'concluded']) {
      const p = await project({ stage, holder: stage === 'submitted' ? w.orgs.s1 : undefined });
      const res = await c.host.post(changes(p.id), { kind: 'terminate', reason: '不做了' });
      expect(res.statusCode, stage).toBe(409);
    }
  });

  it('allows one pending request per kind, again after a withdrawal', async () => {
    const p = await project();
    const first = await ask(c.host, p.id, { kind: 'dates', endsOn: '2027-09-30' });
    const dup = await c.school_director.post(changes(p.id), { kind: 'dates', endsOn: '2027-10-31', reason: '再延' });
    expect(dup.statusCode).toBe(409);
    await ask(c.host, p.id, { kind: 'title', title: '并行的名称变更' });
    const list = (await c.host.get(changes(p.id))).json();
    expect(list.total).toBe(2);
    expect([...list.abilities.pendingKinds].sort()).toEqual(['dates', 'title']);
    const notMine = await c.school_director.post(`${changes(p.id)}/${first.id}/withdraw`, {});
    expect(notMine.statusCode).toBe(403);
    const withdrawn = await c.host.post(`${changes(p.id)}/${first.id}/withdraw`, {});
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    await ask(c.host, p.id, { kind: 'dates', endsOn: '2027-10-31' });
  });

  it('checks what a request asks for (400)', async () => {
    const p = await project();
    const cases = [
      { kind: 'dates', endsOn: '2027-01-01' },
      { kind: 'dates' },
      { kind: 'members' },
      { kind: 'members', members: [{ personId: 'nobody', role: 'member' }] },
      { kind: 'title', title: p.title },
      { kind: 'title', title: '缺理由', reason: '' },
    ];
    for (const body of cases) {
      const res = await c.host.post(changes(p.id), { reason: '理由', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('hides the requests from a teacher outside (404) and refuses another teacher of the school (403)', async () => {
    const p = await project();
    const asked = await ask(c.host, p.id, { kind: 'title', title: '权限测试名称' });
    expect((await c.outsider.get(changes(p.id))).statusCode).toBe(404);
    expect((await c.outsider.get(`${changes(p.id)}/${asked.id}`)).statusCode).toBe(404);
    expect((await c.outsider.post(changes(p.id), { kind: 'terminate', reason: 'x' })).statusCode).toBe(404);
    expect((await decide(c.outsider, p.id, asked.id, { decision: 'endorse' })).statusCode).toBe(404);

    const seen = await c.teacher.get(changes(p.id));
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.request).toBe(false);
    expect(seen.json().items[0].abilities).toEqual({ endorse: false, approve: false, reject: false, withdraw: false });
    expect((await c.teacher.post(changes(p.id), { kind: 'terminate', reason: 'x' })).statusCode).toBe(403);
    expect((await decide(c.teacher, p.id, asked.id, { decision: 'endorse' })).statusCode).toBe(403);
    // A member is not the host: members may see, not ask.
    expect((await c.member.post(changes(p.id), { kind: 'terminate', reason: 'x' })).statusCode).toBe(403);
    // The district approves, it does not endorse for the school.
    expect((await decide(c.research_admin, p.id, asked.id, { decision: 'endorse' })).statusCode).toBe(403);
    await decide(c.school_director, p.id, asked.id, { decision: 'endorse' });
    expect((await decide(c.school_director, p.id, asked.id, { decision: 'approve' })).statusCode).toBe(403);
    expect((await c.host.get(`${changes(p.id)}/unknown`)).statusCode).toBe(404);
  });
});
