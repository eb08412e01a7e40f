import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, nowIso } from '../../db/dialect.js';

describe.each(DIALECTS)('推荐排序 on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  const callId = newId();
  const ids: string[] = [];

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    const now = nowIso();
    await t.database.db
      .insertInto('calls')
      .values({
        id: callId,
        org_id: w.orgs.d1.id,
        title: '区级课题申报',
        plan_period: null,
        guide: '[]',
        levels: '["district"]',
        kinds: '[]',
        opens_at: '2000-01-01T00:00:00.000Z',
        closes_at: '2999-01-01T00:00:00.000Z',
        number_format: '{year}-QJ-{seq:3}',
        description: null,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const p = projectFactory(t.database);
    for (const [title, host] of [
      ['甲课题', w.at.s1.id],
      ['乙课题', w.users.teacher.id],
      ['丙课题', w.at.g1.id],
    ] as const) {
      const made = await p.project({
        title,
        school: w.orgs.s1,
        hostId: host,
        stage: 'submitted',
        manager: w.orgs.d1,
        holder: w.orgs.s1,
      });
      await t.database.db.updateTable('projects').set({ call_id: callId }).where('id', '=', made.id).execute();
      ids.push(made.id);
    }
  });
  afterAll(async () => t?.close());

  it('lets the school director order the applications on the school desk, and lists them in that order', async () => {
    const director = await t.login('school_director', PASSWORD);
    const res = await director.put(`/api/calls/${callId}/ranking`, {
      orgId: w.orgs.s1.id,
      projectIds: [ids[2], ids[0], ids[1]],
    });
    expect(res.statusCode, res.body).toBe(200);
    const listed = (await director.get(`/api/projects?callId=${callId}`))
      .json()
      .items.map((x: { title: string }) => x.title);
    expect(listed).toEqual(['丙课题', '甲课题', '乙课题']);
  });

  it('refuses a ranking with an application that is not on the desk, and callers who do not hold the desk', async () => {
    const director = await t.login('school_director', PASSWORD);
    expect(
      (await director.put(`/api/calls/${callId}/ranking`, { orgId: w.orgs.s1.id, projectIds: [ids[0], 'elsewhere'] }))
        .statusCode,
    ).toBe(400);
    const teacher = await t.login('teacher', PASSWORD);
    expect(
      (await teacher.put(`/api/calls/${callId}/ranking`, { orgId: w.orgs.s1.id, projectIds: ids })).statusCode,
    ).toBe(404);
    const district = await t.login('research_admin', PASSWORD);
    expect(
      (await district.put(`/api/calls/${callId}/ranking`, { orgId: w.orgs.s1.id, projectIds: ids })).statusCode,
    ).toBe(404);
  });
});
