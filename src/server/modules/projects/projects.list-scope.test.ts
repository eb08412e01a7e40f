import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import type { OrgRow } from '../../db/types.js';
import { STAGES } from './projects.workflow.js';

/**
 * The list answers from SQL, a single project from the policy in code: for every stage and every desk
 * (受理单位) a project can be at, each role's list must hold exactly the projects it may open, and the
 * stage counts must add up to the list.
 */
describe.each(DIALECTS)('the projects list agrees with reading each project on %s', (dialect) => {
  let t: TestApp;
  const ids: string[] = [];
  /** What each project is, so a failure names the case (school / stage / desk / manager). */
  const label = new Map<string, string>();
  const named = (list: string[]) => list.map((id) => label.get(id) ?? id).sort();
  const logins: Record<string, Client> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    await f.person('市管理员', { org: w.orgs.city, username: 'city_admin', roles: [['research_admin', w.orgs.city]] });
    const projects = projectFactory(t.database);
    const desks: (OrgRow | null)[] = [null, w.orgs.s1, w.orgs.d1, w.orgs.d2, w.orgs.city];
    for (const school of [w.orgs.s1, w.orgs.s3])
      for (const stage of STAGES)
        for (const holder of desks)
          for (const manager of [w.orgs.d1, w.orgs.city]) {
            const host = school === w.orgs.s1 ? w.at.s1.id : w.at.s3.id;
            const p = await projects.project({ title: `${stage}课题`, school, hostId: host, stage, holder, manager });
            ids.push(p.id);
            label.set(p.id, `${school.name}/${stage}/受理:${holder?.name ?? '无'}/主管:${manager.name}`);
          }
    for (const u of ['research_admin', 'city_admin', 'school_director', 'school_leader', 'teacher', 'sysadmin'])
      logins[u] = await t.login(u, PASSWORD);
  }, 120_000);
  afterAll(async () => t?.close());

  const listed = async (c: Client, query = '') => {
    const out: string[] = [];
    let counts: Record<string, number> = {};
    let total = 0;
    for (let page = 1; ; page++) {
      const body = (await c.get(`/api/projects?pageSize=200&page=${page}${query}`)).json();
      counts = body.countsByStage;
      total = body.total;
      out.push(...body.items.map((p: { id: string }) => p.id));
      if (body.items.length < 200) break;
    }
    return { ids: out, counts, total };
  };

  it.each(['research_admin', 'city_admin', 'school_director', 'school_leader', 'teacher', 'sysadmin'])(
    '%s lists exactly the projects it may open, with counts that add up',
    async (who) => {
      const c = logins[who];
      const readable: string[] = [];
      for (const id of ids) if ((await c.get(`/api/projects/${id}`)).statusCode === 200) readable.push(id);
      const list = await listed(c);
      const mine = list.ids.filter((id) => ids.includes(id));
      expect(new Set(mine).size).toBe(mine.length);
      expect(named(mine)).toEqual(named(readable));
      expect(list.total).toBe(list.ids.length);
      expect(Object.values(list.counts).reduce((a, n) => a + n, 0)).toBe(list.total);
      // Each stage tab: its total is its count.
      for (const [stage, n] of Object.entries(list.counts)) {
        const tab = await listed(c, `&stage=${stage}`);
        expect(tab.total).toBe(n);
        expect(tab.ids.length).toBe(n);
      }
      // Something to compare: no role reads nothing, none but the sysadmin reads everything.
      expect(readable.length).toBeGreaterThan(0);
      if (who !== 'sysadmin') expect(readable.length).toBeLessThan(ids.length);
    },
    60_000,
  );
});
