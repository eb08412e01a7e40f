import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';

describe.each(DIALECTS)('the expert pool on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    await f.person('市库专家', { org: w.orgs.city, roles: [['expert', w.orgs.city]] });
    await f.person('二区专家', { org: w.orgs.d2, roles: [['expert', w.orgs.d2]] });
    await f.person('一小专家', { org: w.orgs.s1, roles: [['expert', w.orgs.s1]] });
  });
  afterAll(async () => t?.close());

  const names = async (username: string) => {
    const res = await (await t.login(username, PASSWORD)).get('/api/reviews/experts');
    return res.statusCode === 200 ? (res.json().items as { name: string }[]).map((e) => e.name).sort() : res.statusCode;
  };

  it("offers a district office the city's pool and its own experts, not another district's", async () => {
    expect(await names('research_admin')).toEqual(['一小专家', '市库专家', '评审专家'].sort());
  });

  it('offers everything to a system admin and nothing to a teacher', async () => {
    expect(await names('sysadmin')).toEqual(['一小专家', '二区专家', '市库专家', '评审专家'].sort());
    expect(await names('teacher')).toBe(404);
  });
});
