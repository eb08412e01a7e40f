import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
interface Assignment {
  id: string;
  projectId: string;
  expertId: string;
  expertName: string;
  code: string;
  submitted: boolean;
  total: number | null;
  version: number;
}

/**
 * The review world: a district office (research_admin on D1) reviews district-level projects of
 * S1/S2. Experts A, B, C, D, M come from D2/S3 (no institutional conflict); D has a declared
 * conflict with P1's host, C with school S2, M is a member of P2; E (home D1) and F (home S1)
 * conflict with every project by district or school.
 */
describe.each(DIALECTS)('expert review on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let admin: Client;
  const people: Record<string, { id: string; name: string }> = {};
  const projects: Record<string, { id: string; title: string }> = {};
  const experts: Record<string, Client> = {};
  let round1 = '';

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const pf = projectFactory(t.database);
    w = await f.world();
    const { d1, d2, s1, s2, s3 } = w.orgs;
    people.hostA = await f.person('王立新', { org: s1 });
    people.hostB = await f.person('赵晓燕', { org: s2 });
    people.hostC = await f.person('陈思远', { org: s1 });
    people.hostD = await f.person('林海涛', { org: s2 });
    people.memberX = await f.person('李明华', { org: s1 });
    const expert = (name: string, username: string, org = s3, grantOn = d2) =>
      f.person(name, { org, username, roles: [['expert', grantOn]] });
    people.A = await expert('钱学思', 'exp_a');
    people.B = await expert('孙启明', 'exp_b', d2);
    people.C = await expert('周文博', 'exp_c');
    people.D = await expert('吴建国', 'exp_d', d2);
    people.M = await expert('郑美玲', 'exp_m');
    people.F = await expert('冯晓东', 'exp_f', s1, s1);
    people.E = w.users.expert;
    people.Z = await expert('何志远', 'exp_z');
    await f.person('二区管理员', { org: d2, username: 'admin_d2', roles: [['research_admin', d2]] });

    const base = { manager: d1, stage: 'in_review' };
    projects.P1 = await pf.project({
      ...base,
      title: '一区第一小学语文作业分层设计研究',
      school: s1,
      hostId: people.hostA.id,
      subject: '语文',
      members: [{ personId: people.memberX.id, role: 'core' }],
      sections: {
        significance: '王立新老师在一区第一小学长期从事作业研究，李明华参与了前期调查。',
        goals: '建立分层作业体系',
        methods: '行动研究',
        steps: '三个阶段',
      },
      expectedOutcomes: [{ kind: 'paper', count: 2 }],
    });
    projects.P2 = await pf.project({
      ...base,
      title: '小学数学说理课堂研究',
      school: s2,
      hostId: people.hostB.id,
      members: [{ personId: people.M.id }],
    });
    projects.P3 = await pf.project({ ...base, title: '整本书阅读教学研究', school: s1, hostId: people.hostC.id });
    projects.P4 = await pf.project({ ...base, title: '跨学科主题学习研究', school: s2, hostId: people.hostD.id });
    projects.P5 = await pf.project({
      ...base,
      stage: 'approved',
      title: '已立项课题',
      school: s1,
      hostId: people.hostC.id,
    });
    projects.P6 = await pf.project({
      manager: d2,
      stage: 'in_review',
      title: '二区课题',
      school: s3,
      hostId: w.at.s3.id,
    });
    projects.P7 = await pf.project({
      ...base,
      stage: 'in_progress',
      title: '研究中的课题',
      school: s2,
      hostId: people.hostB.id,
    });
    await pf.file(projects.P1.id, '申报书', '王立新-申报书.docx');
    await pf.file(projects.P1.id, '课堂实录', '一区第一小学课堂实录.mp4');
    await pf.file(projects.P1.id, '申报书', '附件二.PDF');

    admin = await t.login('research_admin', PASSWORD);
    for (const [key, username] of Object.entries({
      A: 'exp_a',
      B: 'exp_b',
      C: 'exp_c',
      D: 'exp_d',
      M: 'exp_m',
      F: 'exp_f',
      E: 'expert',
    })) {
      experts[key] = await t.login(username, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  const roundBody = (over: Record<string, unknown> = {}) => ({
    title: '2026年度区级课题立项评审',
    kind: 'application',
    projectIds: ['P1', 'P2', 'P3', 'P4'].map((k) => projects[k].id),
    expertIds: ['A', 'B', 'C', 'D', 'M', 'E', 'F'].map((k) => people[k].id),
    expertsPerItem: 2,
    blind: true,
    ...over,
  });
  const keyOfPerson = (id: string) => Object.entries(people).find(([, p]) => p.id === id)?.[0] ?? id;
  const keyOfProject = (id: string) => Object.entries(projects).find(([, p]) => p.id === id)?.[0] ?? id;
  const managerAssignments = async (roundId: string): Promise<Assignment[]> =>
    (await admin.get(`/api/reviews/${roundId}/assignments`)).json().items;

  it('requires authentication', async () => {
    expect((await t.anonymous.get('/api/reviews')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/reviews', roundBody())).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/reviews/x/results')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/reviews/conflicts', {})).statusCode).toBe(401);
  });

  it('creates a blind round with the default rubric and anonymous codes, audited', async () => {
    const res = await admin.post('/api/reviews', roundBody());
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    round1 = r.id;
    expect(r).toMatchObject({
      version: 1,
      kind: 'application',
      blind: true,
      expertsPerItem: 2,
      orgId: w.orgs.d1.id,
      status: 'open',
      projectCount: 4,
      expertCount: 7,
      abilities: { update: true, assign: true, results: true, score: false },
    });
    expect(r.rubric).toEqual([
      { key: 'value', label: '选题价值', weight: 30 },
      { key: 'design', label: '研究设计', weight: 30 },
      { key: 'feasibility', label: '可行性', weight: 20 },
      { key: 'outcomes', label: '预期成果', weight: 20 },
    ]);
    expect(r.projects.map((p: { code: string }) => p.code)).toEqual(['A-001', 'A-002', 'A-003', 'A-004']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.id).execute();
    expect(audit.map((a) => a.action)).toContain('review.create');
  });

  it('refuses a rubric whose weights do not sum to 100, and experts without the expert role', async () => {
    const rubric = [
      { key: 'value', label: '选题价值', weight: 50 },
      { key: 'design', label: '研究设计', weight: 30 },
    ];
    const bad = await admin.post('/api/reviews', roundBody({ rubric }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/100/);
    const custom = await admin.post(
      '/api/reviews',
      roundBody({ rubric: [...rubric, { key: 'outcomes', label: '预期成果', weight: 20 }], blind: false }),
    );
    expect(custom.statusCode).toBe(200);
    expect(custom.json().rubric).toHaveLength(3);
    const notExpert = await admin.post('/api/reviews', roundBody({ expertIds: [people.A.id, w.at.s3.id] }));
    expect(notExpert.statusCode).toBe(400);
  });

  it('refuses projects in the wrong stage (409 with the reason) and out of scope (404)', async () => {
    const wrong = await admin.post('/api/reviews', roundBody({ projectIds: [projects.P1.id, projects.P5.id] }));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toMatch(/已立项/);
    const midWrong = await admin.post('/api/reviews', roundBody({ kind: 'midterm', projectIds: [projects.P1.id] }));
    expect(midWrong.statusCode).toBe(409);
    const mid = await admin.post('/api/reviews', roundBody({ kind: 'midterm', projectIds: [projects.P7.id] }));
    expect(mid.statusCode).toBe(200);
    expect(mid.json().projects[0].code).toBe('M-001');
    const outside = await admin.post('/api/reviews', roundBody({ projectIds: [projects.P1.id, projects.P6.id] }));
    expect(outside.statusCode).toBe(404);
    const teacher = await t.login('teacher', PASSWORD);
    expect((await teacher.post('/api/reviews', roundBody())).statusCode).toBe(404);
    const director = await t.login('school_director', PASSWORD);
    expect((await director.post('/api/reviews', roundBody({ projectIds: [projects.P1.id] }))).statusCode).toBe(403);
  });

  it('records typed conflicts for the experts of a managed round, not for experts out of reach', async () => {
    const d = await admin.post('/api/reviews/conflicts', {
      expertId: people.D.id,
      personId: people.hostA.id,
      kind: 'relative',
      note: '亲属',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ expertId: people.D.id, personId: people.hostA.id, kind: 'relative' });
    const c = await admin.post('/api/reviews/conflicts', {
      expertId: people.C.id,
      orgId: w.orgs.s2.id,
      kind: 'colleague',
    });
    expect(c.statusCode).toBe(200);
    const both = await admin.post('/api/reviews/conflicts', {
      expertId: people.C.id,
      orgId: w.orgs.s2.id,
      personId: people.hostB.id,
      kind: 'other',
    });
    expect(both.statusCode).toBe(400);
    const outOfReach = await admin.post('/api/reviews/conflicts', {
      expertId: people.Z.id,
      personId: people.hostA.id,
      kind: 'other',
    });
    expect(outOfReach.statusCode).toBe(404);
    const list = (await admin.get(`/api/reviews/conflicts?expertId=${people.C.id}`)).json();
    expect(list.items.map((x: { orgId: string }) => x.orgId)).toEqual([w.orgs.s2.id]);
    // An expert declares their own conflict and may withdraw it.
    const own = await experts.A.post('/api/reviews/conflicts', {
      expertId: people.A.id,
      personId: people.hostD.id,
      kind: 'coauthor',
    });
    expect(own.statusCode).toBe(200);
    expect((await experts.A.get('/api/reviews/conflicts')).json().total).toBe(1);
    expect((await experts.B.get(`/api/reviews/conflicts?expertId=${people.A.id}`)).statusCode).toBe(404);
    expect((await experts.A.delete(`/api/reviews/conflicts/${own.json().id}`)).statusCode).toBe(200);
    expect((await experts.A.delete(`/api/reviews/conflicts/${d.json().id}`)).statusCode).toBe(404);
  });

  it('assigns automatically: each project gets its experts, balanced and free of conflicts', async () => {
    const res = await admin.post(`/api/reviews/${round1}/assignments`, { auto: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().skipped).toEqual([]);
    const all = await managerAssignments(round1);
    expect(all).toHaveLength(8);
    const pairs = all.map((a) => `${keyOfProject(a.projectId)}:${keyOfPerson(a.expertId)}`);
    // own school (F on S1), own district (E, F), member (M on P2), typed person (D on P1), typed org (C on S2)
    const forbidden = ['P1:F', 'P3:F', 'P2:F', 'P4:F', 'P1:E', 'P2:E', 'P3:E', 'P4:E', 'P2:M', 'P1:D', 'P2:C', 'P4:C'];
    expect(pairs.filter((p) => forbidden.includes(p))).toEqual([]);
    for (const p of ['P1', 'P2', 'P3', 'P4']) expect(pairs.filter((x) => x.startsWith(`${p}:`))).toHaveLength(2);
    const load = ['A', 'B', 'C', 'D', 'M'].map((e) => pairs.filter((x) => x.endsWith(`:${e}`)).length);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
    expect(all.every((a) => a.expertName && a.code.startsWith('A-') && a.submitted === false && a.total === null)).toBe(
      true,
    );
    // Running it again changes nothing: every project is full.
    const again = await admin.post(`/api/reviews/${round1}/assignments`, { auto: true });
    expect(again.json().items).toEqual([]);
  });

  it('refuses a manual assignment that breaks a conflict rule, with the reason', async () => {
    const assign = (p: string, e: string) =>
      admin.post(`/api/reviews/${round1}/assignments`, { projectId: projects[p].id, expertId: people[e].id });
    const cases: [string, string, RegExp][] = [
      ['P1', 'F', /同属一所学校/],
      ['P2', 'E', /同属一个区县/],
      ['P2', 'F', /同属一个区县/],
      ['P2', 'M', /主持人或成员/],
      ['P1', 'D', /回避关系/],
      ['P4', 'C', /所在单位/],
    ];
    for (const [p, e, reason] of cases) {
      const res = await assign(p, e);
      expect(res.statusCode, `${p}:${e}`).toBe(409);
      expect(res.json().error.message).toMatch(reason);
    }
    const all = await managerAssignments(round1);
    const free = ['A', 'B', 'C', 'D', 'M'].find(
      (e) => !all.some((a) => a.projectId === projects.P3.id && a.expertId === people[e].id),
    );
    if (!free) throw new Error('no free expert for P3');
    const ok = await assign('P3', free);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ roundId: round1, projectId: projects.P3.id, expertId: people[free].id });
    expect((await assign('P3', free)).statusCode).toBe(409);
    expect((await admin.delete(`/api/reviews/${round1}/assignments/${ok.json().id}`)).statusCode).toBe(200);
    expect(await managerAssignments(round1)).toHaveLength(8);
  });

  it('reports the projects automatic assignment cannot fill', async () => {
    const r = await admin.post(
      '/api/reviews',
      roundBody({ projectIds: [projects.P1.id, projects.P2.id], expertIds: [people.A.id, people.E.id, people.F.id] }),
    );
    const res = await admin.post(`/api/reviews/${r.json().id}/assignments`, { auto: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(2);
    expect(res.json().skipped).toHaveLength(2);
    expect(res.json().skipped[0]).toMatchObject({ missing: 1 });
    expect(res.json().skipped[0].reason).toMatch(/回避/);
  });

  /** The expert assigned to P1 in round 1 (and their assignment). */
  const p1Reviewer = async () => {
    const a = (await managerAssignments(round1)).find((x) => x.projectId === projects.P1.id);
    if (!a) throw new Error('P1 has no reviewer');
    return { a, client: experts[keyOfPerson(a.expertId)] };
  };

  it('an expert sees only their own assignments', async () => {
    for (const e of ['A', 'B', 'C', 'D', 'M']) {
      const res = await experts[e].get(`/api/reviews/${round1}/assignments`);
      expect(res.statusCode).toBe(200);
      const items: Assignment[] = res.json().items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((a) => a.expertId === people[e].id)).toBe(true);
    }
    const f = await experts.F.get(`/api/reviews/${round1}/assignments`);
    expect(f.json().items).toEqual([]);
    const list = (await experts.A.get('/api/reviews')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(round1);
    expect(list.items.find((r: { id: string }) => r.id === round1).abilities).toMatchObject({
      score: true,
      results: false,
    });
  });

  it('a blind expert never sees the host, members, school or original file names', async () => {
    const { a, client } = await p1Reviewer();
    const secrets = [
      '王立新',
      '李明华',
      '一区第一小学',
      '王立新-申报书.docx',
      '课堂实录.mp4',
      '附件二',
      people.hostA.id,
      people.memberX.id,
      w.orgs.s1.id,
    ];
    const view = await client.get(`/api/reviews/${round1}/assignments/${a.id}/project`);
    expect(view.statusCode, view.body).toBe(200);
    const bodies = [
      view.body,
      (await client.get(`/api/reviews/${round1}/assignments`)).body,
      (await client.get(`/api/reviews/${round1}`)).body,
      (await client.get('/api/reviews')).body,
    ];
    for (const body of bodies) for (const s of secrets) expect(body.includes(s), `${s} leaked`).toBe(false);
    const p = view.json();
    expect(p).not.toHaveProperty('hostId');
    expect(p).not.toHaveProperty('hostName');
    expect(p).not.toHaveProperty('members');
    expect(p).not.toHaveProperty('schoolName');
    expect(p.title).toBe('***语文作业分层设计研究');
    expect(p.sections.significance).toMatch(/\*\*\*老师在\*\*\*长期从事/);
    // Files created in the same instant may come in either order: check the pattern, not the pairing.
    const names: string[] = p.files.map((x: { name: string }) => x.name);
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(new RegExp(`^${a.code}-(申报书-[12]\\.(docx|pdf)|课堂实录-1\\.mp4)$`));
    expect(names.map((n) => n.split('.').pop()).sort()).toEqual(['docx', 'mp4', 'pdf']);
    expect(
      names
        .filter((n) => n.includes('申报书'))
        .map((n) => n.split('-')[3][0])
        .sort(),
    ).toEqual(['1', '2']);
    // Another expert of the round may not open it; a stranger does not see it exists.
    const other = ['A', 'B', 'C', 'D', 'M'].find((e) => people[e].id !== a.expertId) ?? 'A';
    expect((await experts[other].get(`/api/reviews/${round1}/assignments/${a.id}/project`)).statusCode).toBe(403);
    const teacher = await t.login('teacher', PASSWORD);
    expect((await teacher.get(`/api/reviews/${round1}/assignments/${a.id}/project`)).statusCode).toBe(404);
  });

  it('a non-blind round shows the host, members, school and file names', async () => {
    const r = await admin.post(
      '/api/reviews',
      roundBody({ blind: false, projectIds: [projects.P1.id], expertIds: [people.A.id], expertsPerItem: 1 }),
    );
    const [a] = (await admin.post(`/api/reviews/${r.json().id}/assignments`, { auto: true })).json().items;
    const view = (await experts.A.get(`/api/reviews/${r.json().id}/assignments/${a.id}/project`)).json();
    expect(view).toMatchObject({
      blind: false,
      hostName: '王立新',
      schoolName: '一区第一小学',
      members: [
        { name: '王立新', role: 'host' },
        { name: '李明华', role: 'core' },
      ],
      title: '一区第一小学语文作业分层设计研究',
    });
    expect(view.files.map((x: { name: string }) => x.name)).toContain('王立新-申报书.docx');
  });

  it('validates scores: only the assigned expert, every criterion, 0..100; re-scoring overwrites', async () => {
    const { a, client } = await p1Reviewer();
    const url = `/api/reviews/${round1}/scores`;
    const full = { value: 100, design: 80, feasibility: 50, outcomes: 60 };
    const missing = await client.post(url, { assignmentId: a.id, scores: { value: 90 }, comment: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/研究设计/);
    expect((await client.post(url, { assignmentId: a.id, scores: { ...full, value: 101 } })).statusCode).toBe(400);
    expect((await client.post(url, { assignmentId: a.id, scores: { ...full, extra: 1 } })).statusCode).toBe(400);
    const other = ['A', 'B', 'C', 'D', 'M'].find((e) => people[e].id !== a.expertId) ?? 'A';
    expect((await experts[other].post(url, { assignmentId: a.id, scores: full })).statusCode).toBe(403);
    expect((await admin.post(url, { assignmentId: a.id, scores: full })).statusCode).toBe(403);
    const teacher = await t.login('teacher', PASSWORD);
    expect((await teacher.post(url, { assignmentId: a.id, scores: full })).statusCode).toBe(404);
    const ok = await client.post(url, { assignmentId: a.id, scores: full, comment: '选题有价值' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ submitted: true, total: 76, comment: '选题有价值', version: 2 });
    const again = await client.post(url, { assignmentId: a.id, scores: { ...full, value: 90 }, comment: '复评' });
    expect(again.json()).toMatchObject({ total: 73, comment: '复评', version: 3 });
    for (const s of ['王立新', '一区第一小学']) expect(again.body.includes(s)).toBe(false);
    // A scored assignment can no longer be withdrawn; a closed round takes no scores.
    expect((await admin.delete(`/api/reviews/${round1}/assignments/${a.id}`)).statusCode).toBe(409);
    const closed = await admin.patch(`/api/reviews/${round1}`, { version: 1, status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', version: 2 });
    expect((await client.post(url, { assignmentId: a.id, scores: full })).statusCode).toBe(409);
    expect((await admin.patch(`/api/reviews/${round1}`, { version: 1, status: 'open' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/reviews/${round1}`, { version: 2, status: 'open' })).statusCode).toBe(200);
    expect((await client.patch(`/api/reviews/${round1}`, { version: 3, title: '改名' })).statusCode).toBe(403);
  });

  it('ranks results by mean with trimmed mean and spread, for the managing side only', async () => {
    const r = await admin.post(
      '/api/reviews',
      roundBody({
        projectIds: [projects.P1.id, projects.P3.id],
        expertIds: [people.A.id, people.B.id, people.C.id],
        expertsPerItem: 3,
      }),
    );
    const id = r.json().id;
    const created = (await admin.post(`/api/reviews/${id}/assignments`, { auto: true })).json();
    expect(created.items).toHaveLength(6);
    const totals: Record<string, Record<string, number>> = { P1: { A: 80, B: 90, C: 70 }, P3: { A: 95, B: 90, C: 88 } };
    for (const a of created.items as Assignment[]) {
      const v = totals[keyOfProject(a.projectId)][keyOfPerson(a.expertId)];
      const res = await experts[keyOfPerson(a.expertId)].post(`/api/reviews/${id}/scores`, {
        assignmentId: a.id,
        scores: { value: v, design: v, feasibility: v, outcomes: v },
        comment: '',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await admin.get(`/api/reviews/${id}/results`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((x: { projectId: string }) => keyOfProject(x.projectId))).toEqual(['P3', 'P1']);
    expect(items[0]).toMatchObject({
      mean: 91,
      trimmedMean: 90,
      spread: 7,
      count: 3,
      rank: 1,
      title: '整本书阅读教学研究',
    });
    expect(items[1]).toMatchObject({ mean: 80, trimmedMean: 80, spread: 20, count: 3, rank: 2 });
    expect(items[1].byCriterion).toEqual({ value: 80, design: 80, feasibility: 80, outcomes: 80 });
    expect(res.body.includes('王立新')).toBe(false);
    expect((await experts.A.get(`/api/reviews/${id}/results`)).statusCode).toBe(404);
  });

  it('a teacher or an out-of-scope admin gets 404 for everything of a round', async () => {
    const teacher = await t.login('teacher', PASSWORD);
    const other = await t.login('admin_d2', PASSWORD);
    for (const c of [teacher, other]) {
      expect((await c.get(`/api/reviews/${round1}`)).statusCode).toBe(404);
      expect((await c.get(`/api/reviews/${round1}/assignments`)).statusCode).toBe(404);
      expect((await c.get(`/api/reviews/${round1}/results`)).statusCode).toBe(404);
      expect((await c.post(`/api/reviews/${round1}/assignments`, { auto: true })).statusCode).toBe(404);
      expect((await c.patch(`/api/reviews/${round1}`, { version: 3, title: 'x' })).statusCode).toBe(404);
      expect((await c.get('/api/reviews')).json().items).toEqual([]);
    }
    const sys = await t.login('sysadmin', PASSWORD);
    expect((await sys.get(`/api/reviews/${round1}`)).statusCode).toBe(200);
  });
});
