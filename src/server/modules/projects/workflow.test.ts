import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { newId, nowIso } from '../../db/dialect.js';
import { ACTIONS, STAGES, type Stage } from './projects.workflow.js';

/**
 * Walks every (stage, action, role) through the API for a city-issued call
 * (school 一区第一小学 → district 一区 → city 测试市, the city approves).
 * The expectations are written from the domain, by hand: who may do what at each stage.
 */
const ROLES = ['host', 'director', 'leader', 'district', 'city', 'otherDistrict'] as const;
type Role = (typeof ROLES)[number];

const EXPECTED: Record<Stage, Partial<Record<Role, string[]>>> = {
  draft: { host: ['submit'] },
  submitted: { host: ['recall'], director: ['return', 'recommend'] },
  school_recommended: { district: ['return', 'recommend'] },
  district_recommended: { city: ['return', 'send_to_review', 'approve', 'reject'] },
  in_review: { city: ['return', 'approve', 'reject'] },
  approved: { director: ['open'], city: ['open', 'extend', 'terminate'] },
  rejected: {},
  in_progress: {
    host: ['request_conclusion'],
    director: ['request_conclusion'],
    city: ['pass_midterm', 'extend', 'terminate'],
  },
  midterm_passed: { host: ['request_conclusion'], director: ['request_conclusion'], city: ['extend', 'terminate'] },
  conclusion_requested: { city: ['return', 'conclude', 'fail', 'terminate'] },
  concluded: {},
  not_passed: {},
  terminated: {},
};

describe.each(DIALECTS)('the stage machine, walked on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  const clients = {} as Record<Role, Client>;
  const projectId = newId();

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    await f.person('市规划办', { org: w.orgs.city, username: 'cityadmin', roles: [['research_admin', w.orgs.city]] });
    await f.person('二区管理员', { org: w.orgs.d2, username: 'd2admin', roles: [['research_admin', w.orgs.d2]] });
    const now = nowIso();
    const callId = newId();
    await t.database.db
      .insertInto('calls')
      .values({
        id: callId,
        org_id: w.orgs.city.id,
        title: '市级课题申报',
        plan_period: '十五五',
        guide: '[]',
        levels: '["city"]',
        kinds: '[]',
        opens_at: '2000-01-01T00:00:00.000Z',
        closes_at: '2999-01-01T00:00:00.000Z',
        number_format: '{year}-SJ-{seq:3}',
        description: null,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.database.db
      .insertInto('projects')
      .values({
        id: projectId,
        call_id: callId,
        title: '走班制下初中数学分层教学的实践研究',
        level: 'city',
        kind: 'general',
        subject: '数学',
        plan_period: '十五五',
        org_id: w.orgs.s1.id,
        host_id: w.users.teacher.id,
        stage: 'draft',
        holder_org_id: w.orgs.s1.id,
        manager_org_id: w.orgs.city.id,
        number: null,
        rank: null,
        starts_on: null,
        ends_on: '2028-06-30',
        grade: null,
        sections: JSON.stringify({ significance: 'a', goals: 'b', methods: 'c', steps: 'd' }),
        expected_outcomes: '[]',
        historic: 0,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.database.db
      .insertInto('project_members')
      .values({ project_id: projectId, person_id: w.users.teacher.id, role: 'host', sort: 0 })
      .execute();
    clients.host = await t.login('teacher', PASSWORD);
    clients.director = await t.login('school_director', PASSWORD);
    clients.leader = await t.login('school_leader', PASSWORD);
    clients.district = await t.login('research_admin', PASSWORD);
    clients.city = await t.login('cityadmin', PASSWORD);
    clients.otherDistrict = await t.login('d2admin', PASSWORD);
  });
  afterAll(async () => t?.close());

  const holderFor = (stage: Stage) =>
    stage === 'draft' || stage === 'submitted'
      ? w.orgs.s1.id
      : stage === 'school_recommended'
        ? w.orgs.d1.id
        : w.orgs.city.id;

  async function putAt(stage: Stage) {
    const row = await t.database.db
      .selectFrom('projects')
      .select('version')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('projects')
      .set({
        stage,
        holder_org_id: holderFor(stage),
        version: row.version + 1,
        ends_on: '2028-06-30',
        grade: stage === 'concluded' ? 'good' : null,
        number: ['draft', 'submitted', 'school_recommended', 'district_recommended', 'in_review', 'rejected'].includes(
          stage,
        )
          ? null
          : `T-${stage}`,
      })
      .where('id', '=', projectId)
      .execute();
    // 'return' goes back to where the project came from: give it that history.
    await t.database.db.deleteFrom('project_transitions').where('project_id', '=', projectId).execute();
    const prev: Partial<Record<Stage, Stage>> = {
      submitted: 'draft',
      school_recommended: 'submitted',
      district_recommended: 'school_recommended',
      in_review: 'district_recommended',
      conclusion_requested: 'in_progress',
    };
    const from = prev[stage];
    if (from) {
      await t.database.db
        .insertInto('project_transitions')
        .values({
          id: newId(),
          project_id: projectId,
          action: 'seed',
          from_stage: from,
          to_stage: stage,
          actor_id: null,
          at: nowIso(),
          reason: null,
          details: null,
        })
        .execute();
    }
  }

  for (const stage of STAGES) {
    it(`at ${stage}: only the expected roles may take each action`, async () => {
      const got: Partial<Record<Role, string[]>> = {};
      for (const role of ROLES) {
        for (const action of ACTIONS) {
          await putAt(stage);
          const res = await clients[role].post(`/api/projects/${projectId}/transitions`, {
            action,
            reason: '理由',
            grade: 'good',
            until: '2099-01-01',
          });
          if (res.statusCode === 200) got[role] = [...(got[role] ?? []), action];
          else expect([403, 404, 409], `${role} ${action} at ${stage}: ${res.body}`).toContain(res.statusCode);
        }
      }
      expect(got).toEqual(EXPECTED[stage]);
    });
  }

  it('offers in abilities.actions exactly the actions the API accepts', async () => {
    await putAt('submitted');
    const asDirector = (await clients.director.get(`/api/projects/${projectId}`)).json();
    expect(asDirector.abilities.actions.sort()).toEqual(['recommend', 'return']);
    await putAt('in_progress');
    const asCity = (await clients.city.get(`/api/projects/${projectId}`)).json();
    expect(asCity.abilities.actions.sort()).toEqual(['extend', 'pass_midterm', 'terminate']);
  });

  it('hides a draft from everyone but its author side, and an application from offices it has not reached', async () => {
    await putAt('draft');
    expect((await clients.leader.get(`/api/projects/${projectId}`)).statusCode).toBe(404);
    expect((await clients.district.get(`/api/projects/${projectId}`)).statusCode).toBe(404);
    await putAt('school_recommended');
    expect((await clients.district.get(`/api/projects/${projectId}`)).statusCode).toBe(200);
    expect((await clients.city.get(`/api/projects/${projectId}`)).statusCode).toBe(404);
    await putAt('district_recommended');
    expect((await clients.city.get(`/api/projects/${projectId}`)).statusCode).toBe(200);
    expect((await clients.otherDistrict.get(`/api/projects/${projectId}`)).statusCode).toBe(404);
    const cityList = (await clients.city.get('/api/projects')).json().items.map((p: { id: string }) => p.id);
    expect(cityList).toEqual([projectId]);
    expect((await clients.otherDistrict.get('/api/projects')).json().total).toBe(0);
  });
});
