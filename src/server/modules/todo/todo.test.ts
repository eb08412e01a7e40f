import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { today } from '../../calendar.js';
import { toJson } from '../../db/dialect.js';
import { previousMonth } from '../reports/reports.service.js';
import { DEFAULT_RUBRIC } from '../reviews/reviews.schema.js';

/**
 * 待我处理: the projects waiting for the caller's own step, exactly those on which the project page offers them
 * the step, and nobody else's.
 */
describe.each(DIALECTS)('the projects waiting for me (待我处理) on %s', (dialect) => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const id: Record<string, string> = {};
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let reviewer: { id: string };

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    reviewer = await f.person('初审教师', { org: w.orgs.s1, username: 'reviewer', roles: [['teacher', w.orgs.s1]] });
    const p = projectFactory(t.database);
    const { s1, s3, d1, d2 } = w.orgs;
    const at = async (key: string, o: Parameters<typeof p.project>[0]) => {
      id[key] = (await p.project(o)).id;
    };
    await at('draft', { title: '教师的草稿', school: s1, hostId: w.users.teacher.id, stage: 'draft', manager: d1 });
    await at('submitted', {
      title: '待学校推荐',
      school: s1,
      hostId: w.at.s1.id,
      stage: 'submitted',
      manager: d1,
      holder: s1,
    });
    await at('recommended', {
      title: '学校已推荐到区',
      school: s1,
      hostId: w.at.s1.id,
      stage: 'school_recommended',
      manager: d1,
    });
    await at('approved', { title: '已立项待开题', school: s1, hostId: w.at.s1.id, stage: 'approved', manager: d1 });
    await at('concluding', {
      title: '申请结题中',
      school: s1,
      hostId: w.at.s1.id,
      stage: 'conclusion_requested',
      manager: d1,
    });
    await at('running', { title: '研究中', school: s1, hostId: w.at.s1.id, stage: 'in_progress', manager: d1 });
    // The teacher's own running project, begun long ago: last month's report (月报) is theirs to write.
    await at('hosted', {
      title: '教师主持的在研课题',
      school: s1,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
      manager: d1,
      startsOn: '2025-09-01',
    });
    await at('elsewhere', {
      title: '二区的结题申请',
      school: s3,
      hostId: w.at.s3.id,
      stage: 'conclusion_requested',
      manager: d2,
    });
    for (const who of ['teacher', 'school_director', 'research_admin', 'sysadmin', 'expert', 'reviewer'])
      c[who] = await t.login(who, PASSWORD);
  }, 120_000);
  afterAll(async () => t?.close());

  const todo = async (who: string, query = '') => {
    const res = await c[who].get(`/api/todo${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: {
        link: string;
        kind: string;
        title: string;
        context: string;
        stage: string | null;
        month: string | null;
        due: string | null;
      }[];
      counts: Record<string, number>;
      total: number;
      truncated: boolean;
    };
  };
  /** The project a to-do item opens. */
  const projectOf = (link: string) => /^\/projects\/([^/?]+)/.exec(link)?.[1] ?? link;
  const kinds = (r: Awaited<ReturnType<typeof todo>>) =>
    Object.fromEntries(r.items.map((i) => [projectOf(i.link), i.kind]).sort(([a], [b]) => a.localeCompare(b)));
  const expected = (pairs: [string, string][]) =>
    Object.fromEntries(pairs.map(([key, kind]) => [id[key], kind]).sort(([a], [b]) => a.localeCompare(b)));

  const none = {
    ...{ submit: 0, recommend: 0, approve: 0, open: 0, conclude: 0 },
    ...{ report: 0, revise: 0, check: 0, score: 0, prereview: 0, assign: 0, decide: 0 },
  };
  const STEPS = ['submit', 'recommend', 'approve', 'open', 'conclude'];
  const month = previousMonth(today());

  it('gives each role the steps that are theirs', async () => {
    const teacher = await todo('teacher');
    expect(kinds(teacher)).toEqual(
      expected([
        ['draft', 'submit'],
        ['hosted', 'report'],
      ]),
    );
    expect(teacher.counts).toEqual({ ...none, submit: 1, report: 1 });
    expect(teacher.items.find((i) => projectOf(i.link) === id.draft)).toMatchObject({
      title: '教师的草稿',
      context: '一区第一小学',
      stage: 'draft',
      month: null,
      link: `/projects/${id.draft}`,
    });
    expect(teacher.items.find((i) => projectOf(i.link) === id.hosted)).toMatchObject({
      kind: 'report',
      month,
      stage: null,
      link: `/projects/${id.hosted}?tab=reports`,
    });

    const director = await todo('school_director');
    expect(kinds(director)).toEqual(
      expected([
        ['submitted', 'recommend'],
        ['approved', 'open'],
      ]),
    );
    expect(director.total).toBe(2);

    const office = await todo('research_admin');
    expect(kinds(office)).toEqual(
      expected([
        ['recommended', 'approve'],
        ['approved', 'open'],
        ['concluding', 'conclude'],
      ]),
    );
    expect(office.counts).toEqual({ ...none, approve: 1, open: 1, conclude: 1 });

    // A system administrator may act on every project, but none is waiting for them; an expert reviews elsewhere.
    expect((await todo('sysadmin')).total).toBe(0);
    expect((await todo('expert')).total).toBe(0);
  });

  it('matches the steps the project page offers', async () => {
    for (const who of ['teacher', 'school_director', 'research_admin']) {
      const listed = new Set(
        (await todo(who, '?limit=100')).items.filter((i) => STEPS.includes(i.kind)).map((i) => projectOf(i.link)),
      );
      for (const [key, projectId] of Object.entries(id)) {
        const res = await c[who].get(`/api/projects/${projectId}`);
        const actions: string[] = res.statusCode === 200 ? res.json().abilities.actions : [];
        const theirs = ['submit', 'recommend', 'send_to_review', 'approve', 'open', 'conclude'].some((a) =>
          actions.includes(a),
        );
        expect(listed.has(projectId), `${who} · ${key}`).toBe(theirs);
      }
    }
  });

  it('lists as many as asked and counts them all', async () => {
    const one = await todo('research_admin', '?limit=1');
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(3);
    expect((await todo('teacher', '?limit=0')).items).toHaveLength(0);
    expect(one.truncated).toBe(false);
    const bad = await c.research_admin.get('/api/todo?limit=abc');
    expect(bad.statusCode).toBe(400);
    expect((await t.anonymous.get('/api/todo')).statusCode).toBe(401);
  });

  it('moves a project from one desk to the next when its step is taken', async () => {
    const res = await c.school_director.post(`/api/projects/${id.submitted}/transitions`, { action: 'recommend' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await todo('school_director')).counts.recommend).toBe(0);
    const office = await todo('research_admin');
    expect(office.counts.approve).toBe(2);
    expect(office.items.find((i) => projectOf(i.link) === id.submitted)).toMatchObject({ kind: 'approve' });
  });

  it('follows a monthly report: unwritten, then to check, returned to its author, resubmitted', async () => {
    const reports = `/api/projects/${id.hosted}/reports`;
    const kindsOf = async (who: string) =>
      (await todo(who, '?limit=100')).items
        .filter((i) => projectOf(i.link) === id.hosted)
        .map((i) => [i.kind, i.month]);
    expect(await kindsOf('teacher')).toEqual([['report', month]]);
    expect(await kindsOf('school_director')).toEqual([]);

    const written = await c.teacher.post(reports, { kind: 'monthly', month, content: { done: '研究课一节' } });
    expect(written.statusCode, written.body).toBe(200);
    expect(await kindsOf('teacher')).toEqual([]);
    expect(await kindsOf('school_director')).toEqual([['check', month]]);
    // The office neither writes nor checks a school's monthly reports.
    expect(await kindsOf('research_admin')).toEqual([]);

    const report = written.json();
    const back = await c.school_director.post(`${reports}/${report.id}/check`, {
      decision: 'returned',
      reason: '缺少附件',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(await kindsOf('school_director')).toEqual([]);
    expect(await kindsOf('teacher')).toEqual([['revise', month]]);

    const again = await c.teacher.patch(`${reports}/${report.id}`, {
      version: back.json().version,
      content: { done: '研究课一节，附教案' },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await kindsOf('teacher')).toEqual([]);
    expect(await kindsOf('school_director')).toEqual([['check', month]]);
    expect((await todo('school_director')).counts.check).toBe(1);
  });

  it("lists an expert's open score sheets as the scoring page shows them, blind", async () => {
    const project = await projectFactory(t.database).project({
      title: '一区第一小学的整本书阅读研究',
      school: w.orgs.s1,
      hostId: w.at.s1.id,
      stage: 'in_review',
      manager: w.orgs.d1,
    });
    const now = new Date().toISOString();
    const round = { id: 'todo-round', closes: '2026-12-31T09:00:00.000Z' };
    const { db } = t.database;
    await db
      .insertInto('review_rounds')
      .values({
        id: round.id,
        org_id: w.orgs.d1.id,
        title: '立项评审（测试）',
        kind: 'application',
        blind: 1,
        experts_per_item: 1,
        rubric: toJson(DEFAULT_RUBRIC),
        status: 'open',
        closes_at: round.closes,
        version: 1,
        created_by: w.users.research_admin.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('review_round_projects')
      .values({ round_id: round.id, project_id: project.id, code: 'A-001' })
      .execute();
    await db.insertInto('review_round_experts').values({ round_id: round.id, expert_id: w.users.expert.id }).execute();
    await db
      .insertInto('review_assignments')
      .values({
        id: 'todo-assignment',
        round_id: round.id,
        project_id: project.id,
        expert_id: w.users.expert.id,
        scores: null,
        total: null,
        comment: null,
        submitted_at: null,
        version: 1,
        created_at: now,
      })
      .execute();

    const expert = await todo('expert');
    expect(expert.counts).toEqual({ ...none, score: 1 });
    expect(expert.items).toEqual([
      expect.objectContaining({
        kind: 'score',
        context: '立项评审（测试）',
        due: round.closes,
        link: `/reviews/${round.id}/assignments/todo-assignment`,
      }),
    ]);
    // Blind: the school's name is blanked in the title, as on the scoring page.
    expect(expert.items[0].title).toBe('A-001 ***的整本书阅读研究');
    expect(JSON.stringify(expert)).not.toContain('一区第一小学');
    // The office that runs the round has no sheet of its own to fill in.
    expect((await todo('research_admin')).counts.score).toBe(0);

    const scores = Object.fromEntries(DEFAULT_RUBRIC.map((k) => [k.key, 80]));
    const scored = await c.expert.post(`/api/reviews/${round.id}/scores`, { assignmentId: 'todo-assignment', scores });
    expect(scored.statusCode, scored.body).toBe(200);
    expect((await todo('expert')).total).toBe(0);
  });

  it("follows a work's school pre-review: to assign, to score by its reviewer, to decide", async () => {
    const ok = async (res: Promise<{ statusCode: number; body: string; json: () => { id: string } }>) => {
      const r = await res;
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const work = await ok(c.teacher.post('/api/works', { kind: 'paper', title: '整本书阅读的课型研究' }));
    const comps = (await c.teacher.get('/api/competitions?q=行知杯')).json();
    const entry = await ok(
      c.teacher.post(`/api/works/${work.id}/entries`, {
        competitionId: comps.items[0].id,
        year: 2026,
        enteredOn: '2026-10-10',
      }),
    );
    const kindsOf = async (who: string) =>
      (await todo(who, '?limit=100')).items.filter((i) => i.title === '整本书阅读的课型研究').map((i) => i.kind);
    expect(await kindsOf('school_director')).toEqual(['assign']);
    expect(await kindsOf('reviewer')).toEqual([]);
    expect(await kindsOf('teacher')).toEqual([]);

    const base = `/api/works/${work.id}/entries/${entry.id}/prereview`;
    await ok(c.school_director.post(`${base}/assignments`, { reviewerIds: [reviewer.id] }));
    expect(await kindsOf('reviewer')).toEqual(['prereview']);
    // While its reviewer scores, the entry waits on them, not on the school.
    expect(await kindsOf('school_director')).toEqual([]);
    const item = (await todo('reviewer')).items[0];
    expect(item).toMatchObject({ context: '行知杯', link: '/works/prereview', stage: null });

    await ok(
      c.reviewer.post(`${base}/scores`, {
        scores: { topic: 20, content: 30, method: 15, writing: 15 },
        opinion: 'recommend',
      }),
    );
    expect(await kindsOf('reviewer')).toEqual([]);
    expect(await kindsOf('school_director')).toEqual(['decide']);
    await ok(c.school_director.post(`${base}/decision`, { decision: 'recommend' }));
    expect(await kindsOf('school_director')).toEqual([]);
  });
});
