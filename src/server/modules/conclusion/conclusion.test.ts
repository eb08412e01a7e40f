import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { type ProjectOpts, projectFactory } from '../../../../test/project-factory.js';
import { conclusionCheck } from './conclusion.service.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

describe.each(DIALECTS)('project outputs and conclusion rules on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let host: { id: string };
  let member: { id: string };
  const c: Record<string, Client> = {};
  let n = 0;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    host = await f.person('课题主持人', { org: w.orgs.s1, username: 'host', roles: [['teacher', w.orgs.s1]] });
    member = await f.person('课题成员', { org: w.orgs.s1, username: 'member', roles: [['teacher', w.orgs.s1]] });
    await f.person('外区教师', { org: w.orgs.s3, username: 'outsider', roles: [['teacher', w.orgs.s3]] });
    for (const u of ['host', 'member', 'outsider', 'teacher', 'school_director', 'research_admin', 'sysadmin']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

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
  const output = async (cl: Client, projectId: string, body: Record<string, unknown>) => {
    const res = await cl.post(`/api/projects/${projectId}/outputs`, { title: `成果${++n}`, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('records outputs by the host, members and the school director while the project is not concluded', async () => {
    const p = await project();
    const paper = await output(c.member, p.id, {
      kind: 'publication',
      level: 'provincial',
      journal: '江苏教育',
      charCount: 3600,
      onDate: '2026-03-01',
      authorIds: [member.id, host.id],
    });
    expect(paper).toMatchObject({
      kind: 'publication',
      level: 'provincial',
      charCount: 3600,
      journal: '江苏教育',
      abilities: { delete: true },
    });
    expect(paper.authors.map((a: { name: string }) => a.name)).toEqual(['课题成员', '课题主持人']);
    await output(c.school_director, p.id, { kind: 'award', level: 'city', result: 'second' });
    expect((await c.teacher.post(`/api/projects/${p.id}/outputs`, { kind: 'paper', title: '无权' })).statusCode).toBe(
      403,
    );
    expect((await c.outsider.post(`/api/projects/${p.id}/outputs`, { kind: 'paper', title: '无权' })).statusCode).toBe(
      404,
    );
    expect(
      (await c.host.post(`/api/projects/${p.id}/outputs`, { kind: 'paper', title: '坏作者', authorIds: ['nobody'] }))
        .statusCode,
    ).toBe(400);
    expect((await c.host.post(`/api/projects/${p.id}/outputs`, { kind: 'poem', title: '坏类型' })).statusCode).toBe(
      400,
    );
    const list = (await c.teacher.get(`/api/projects/${p.id}/outputs`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0].abilities.delete).toBe(false);
    const edited = await c.host.patch(`/api/projects/${p.id}/outputs/${paper.id}`, {
      version: 1,
      charCount: 4200,
      journal: null,
    });
    expect(edited.json()).toMatchObject({ charCount: 4200, journal: null, version: 2, level: 'provincial' });
    expect(
      (await c.host.patch(`/api/projects/${p.id}/outputs/${paper.id}`, { version: 1, title: '旧' })).statusCode,
    ).toBe(409);
    expect(
      (await c.teacher.patch(`/api/projects/${p.id}/outputs/${paper.id}`, { version: 2, title: '无权' })).statusCode,
    ).toBe(403);
    expect((await c.teacher.get(`/api/projects/${p.id}/outputs/${paper.id}`)).json().title).toBe(paper.title);
    expect((await c.teacher.delete(`/api/projects/${p.id}/outputs/${paper.id}`)).statusCode).toBe(403);
    expect((await c.host.delete(`/api/projects/${p.id}/outputs/${paper.id}`)).statusCode).toBe(200);
    expect((await c.host.delete(`/api/projects/${p.id}/outputs/${paper.id}`)).statusCode).toBe(404);
    const closed = await project({ stage: 'concluded' });
    expect((await c.host.post(`/api/projects/${closed.id}/outputs`, { kind: 'paper', title: '晚了' })).statusCode).toBe(
      409,
    );
  });

  it('checks the built-in district rule against the outputs, with the records behind it', async () => {
    const p = await project({ level: 'district' });
    const before = (await c.host.get(`/api/projects/${p.id}/conclusion-check`)).json();
    expect(before).toMatchObject({
      projectId: p.id,
      level: 'district',
      passed: false,
      rules: [{ passed: false, required: 1, actual: 0 }],
    });
    await output(c.host, p.id, { kind: 'award', level: 'city', result: 'third' });
    expect((await c.host.get(`/api/projects/${p.id}/conclusion-check`)).json().passed).toBe(false);
    const award = await output(c.host, p.id, { kind: 'award', level: 'city', result: 'first' });
    const after = (await c.school_director.get(`/api/projects/${p.id}/conclusion-check`)).json();
    expect(after.passed).toBe(true);
    expect(after.rules[0].records).toEqual([
      { id: award.id, kind: 'award', title: award.title, level: 'city', charCount: null, result: 'first' },
    ]);
    expect((await c.outsider.get(`/api/projects/${p.id}/conclusion-check`)).statusCode).toBe(404);
  });

  it('shows one met and one unmet rule of an office’s own rules, and leaves other offices on the defaults', async () => {
    const rules = [
      { key: 'papers', label: '发表论文不少于1篇', anyOf: [{ kind: 'paper', minCount: 1 }] },
      {
        key: 'city_award',
        label: '获市级一等奖及以上',
        anyOf: [{ kind: 'award', minCount: 1, minLevel: 'city', minResult: 'first' }],
      },
    ];
    const put = await c.research_admin.put('/api/conclusion-rules/district', { rules, version: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      level: 'district',
      source: 'org',
      sourceOrgId: w.orgs.d1.id,
      orgId: w.orgs.d1.id,
      version: 2,
    });
    const p = await project({ level: 'district' });
    await output(c.host, p.id, { kind: 'publication', level: 'district' });
    const check = (await c.host.get(`/api/projects/${p.id}/conclusion-check`)).json();
    expect(check.passed).toBe(false);
    expect(check.rules).toMatchObject([
      { key: 'papers', label: '发表论文不少于1篇', passed: true, required: 1, actual: 1 },
      { key: 'city_award', passed: false, required: 1, actual: 0, records: [] },
    ]);
    const d2 = await projectFactory(t.database).project({
      title: '二区课题',
      school: w.orgs.s3,
      hostId: w.at.s3.id,
      stage: 'in_progress',
      manager: w.orgs.d2,
      level: 'district',
    });
    const other = await t.database.db.transaction().execute((trx) => conclusionCheck(trx, d2.id));
    expect(other.rules.map((r) => r.key)).toEqual(['district_publication_or_award']);
  });

  it('compares the promised outcomes with the outputs (a publication counts as a paper)', async () => {
    const p = await project({
      level: 'school',
      manager: w.orgs.s1,
      expectedOutcomes: [
        { kind: 'paper', count: 2 },
        { kind: 'lesson', count: 1 },
      ],
    });
    await output(c.host, p.id, { kind: 'paper' });
    await output(c.host, p.id, { kind: 'publication', level: 'district' });
    const check = (await c.host.get(`/api/projects/${p.id}/conclusion-check`)).json();
    expect(check.passed).toBe(true);
    expect(check.promises).toMatchObject([
      { kind: 'paper', promised: 2, delivered: 2, passed: true },
      { kind: 'lesson', promised: 1, delivered: 0, passed: false, records: [] },
    ]);
    expect(check.promises[0].records).toHaveLength(2);
  });

  it('lets only research admins and system admins edit the rules, audited and version-checked', async () => {
    const rules = [
      {
        key: 'two_papers',
        label: '省级刊物论文2篇',
        anyOf: [{ kind: 'publication', minCount: 2, minLevel: 'provincial', minChars: 3000 }],
      },
    ];
    for (const who of ['teacher', 'school_director', 'host']) {
      expect((await c[who].put('/api/conclusion-rules/national', { rules, version: 1 })).statusCode, who).toBe(403);
    }
    expect(
      (await c.research_admin.put('/api/conclusion-rules/national', { rules, version: 1, orgId: null })).statusCode,
    ).toBe(403);
    expect(
      (await c.research_admin.put('/api/conclusion-rules/national', { rules, version: 1, orgId: w.orgs.d2.id }))
        .statusCode,
    ).toBe(404);
    expect(
      (await c.research_admin.put('/api/conclusion-rules/national', { rules, version: 1, orgId: w.orgs.s1.id }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await c.sysadmin.put('/api/conclusion-rules/national', {
          rules: [{ key: 'x', label: '空', anyOf: [] }],
          version: 1,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await c.sysadmin.put('/api/conclusion-rules/national', { rules: [...rules, ...rules], version: 1 })).statusCode,
    ).toBe(400);
    expect((await c.sysadmin.put('/api/conclusion-rules/planetary', { rules, version: 1 })).statusCode).toBe(400);

    const saved = await c.sysadmin.put('/api/conclusion-rules/national', { rules, version: 1 });
    expect(saved.json()).toMatchObject({ level: 'national', source: 'deployment', orgId: null, version: 2, rules });
    expect((await c.sysadmin.put('/api/conclusion-rules/national', { rules, version: 1 })).statusCode).toBe(409);
    expect((await c.sysadmin.put('/api/conclusion-rules/national', { rules, version: 2 })).json().version).toBe(3);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'conclusion_rules.update')
      .execute();
    expect(audit.filter((a) => a.actor_id === w.users.sysadmin.id)).toHaveLength(2);

    const seen = (await c.teacher.get('/api/conclusion-rules')).json().items;
    expect(seen.map((i: { level: string }) => i.level)).toEqual([
      'national',
      'provincial',
      'city',
      'district',
      'school',
    ]);
    expect(seen.find((i: { level: string }) => i.level === 'national')).toMatchObject({
      source: 'deployment',
      rules,
      abilities: { edit: false },
    });
    expect(seen.find((i: { level: string }) => i.level === 'provincial')).toMatchObject({
      source: 'builtin',
      rules: [
        {
          key: 'provincial_publications',
          anyOf: [{ kind: 'publication', minCount: 2, minLevel: 'provincial', minChars: 3000 }],
        },
      ],
    });
    const admin = (await c.research_admin.get('/api/conclusion-rules')).json().items;
    expect(admin.find((i: { level: string }) => i.level === 'district')).toMatchObject({
      source: 'org',
      orgId: w.orgs.d1.id,
      abilities: { edit: true },
    });
    expect((await c.research_admin.get(`/api/conclusion-rules?orgId=${w.orgs.d2.id}`)).statusCode).toBe(404);
  });
});
