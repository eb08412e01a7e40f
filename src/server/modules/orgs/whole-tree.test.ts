import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import type { OrgRow } from '../../db/types.js';

const FULL = { layering: 4, participation: 5, strategy: 4, goals: 3 };

/**
 * A city office of a deployment with one city reads every growth record and observation without a subtree
 * test (it would hold every org); once a second city exists, the same lists still keep to the office's city.
 */
describe.each(DIALECTS)('lists of a whole city on %s', (dialect) => {
  let t: TestApp;
  let f: ReturnType<typeof factory>;
  let city: OrgRow;
  const c: Record<string, Client> = {};

  /** The ids a list answers (every page), and the total it states. */
  async function listed(who: Client, path: string) {
    const res = await who.get(`${path}${path.includes('?') ? '&' : '?'}pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string }[]; total: number };
    expect(body.items.length).toBe(body.total);
    return body.items.map((x) => x.id).sort();
  }

  async function observe(who: Client, teacherId: string) {
    const res = await who.post('/api/observations', {
      teacherId,
      date: '2026-04-08',
      subject: '语文',
      topic: '《荷花》',
      notes: `记录${Math.random()}`,
      scores: FULL,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await testApp(dialect);
    f = factory(t.database);
    const w = await f.world();
    city = w.orgs.city;
    await f.person('市教科所', { org: city, username: 'city_office', roles: [['research_admin', city]] });
    const s3teacher = await f.person('二区教师', { org: w.orgs.s3, username: 's3t', roles: [['teacher', w.orgs.s3]] });
    for (const u of ['city_office', 'sysadmin', 'teacher', 's3t']) c[u] = await t.login(u, PASSWORD);
    const observed1 = await f.person('一校教师', { org: w.orgs.s1, groups: [w.orgs.g1] });
    const observed3 = await f.person('三校教师', { org: w.orgs.s3 });
    await f.growth({ personId: observed1.id, orgId: w.orgs.s1.id, kind: 'reading', date: '2026-04-01' });
    await f.growth({ personId: observed3.id, orgId: w.orgs.s3.id, kind: 'reading', date: '2026-04-02' });
    await f.growth({ personId: s3teacher.id, orgId: w.orgs.s3.id, kind: 'essay', date: '2026-04-03' });
    await observe(c.teacher, observed1.id);
    await observe(c.s3t, observed3.id);
  });
  afterAll(async () => t?.close());

  it('reads the whole city, and keeps to it once another city exists', async () => {
    const everyGrowth = await listed(c.sysadmin, '/api/growth');
    const everyObservation = await listed(c.sysadmin, '/api/observations');
    expect(everyGrowth).toHaveLength(3);
    expect(everyObservation).toHaveLength(2);
    for (const path of ['/api/growth', `/api/growth?orgId=${city.id}`])
      expect(await listed(c.city_office, path), path).toEqual(everyGrowth);
    for (const path of ['/api/observations', `/api/observations?orgId=${city.id}`])
      expect(await listed(c.city_office, path), path).toEqual(everyObservation);
    expect(await listed(c.sysadmin, `/api/growth?orgId=${city.id}`)).toEqual(everyGrowth);

    // A second city with a school, a teacher, a growth record and an observation.
    const city2 = await f.org('另一市', 'city');
    const school2 = await f.org('另一市第一小学', 'school', await f.org('另一市一区', 'district', city2));
    const t2 = await f.person('外市教师', { org: school2, username: 'other_city', roles: [['teacher', school2]] });
    const observed2 = await f.person('外市被听课教师', { org: school2 });
    await f.growth({ personId: t2.id, orgId: school2.id, kind: 'reading', date: '2026-04-04' });
    await observe(await t.login('other_city', PASSWORD), observed2.id);

    expect(await listed(c.sysadmin, '/api/growth')).toHaveLength(4);
    expect(await listed(c.sysadmin, '/api/observations')).toHaveLength(3);
    for (const path of ['/api/growth', `/api/growth?orgId=${city.id}`]) {
      expect(await listed(c.city_office, path), path).toEqual(everyGrowth);
      expect(await listed(c.sysadmin, `/api/growth?orgId=${city.id}`)).toEqual(everyGrowth);
    }
    for (const path of ['/api/observations', `/api/observations?orgId=${city.id}`]) {
      expect(await listed(c.city_office, path), path).toEqual(everyObservation);
      expect(await listed(c.sysadmin, `/api/observations?orgId=${city.id}`)).toEqual(everyObservation);
    }
    // Pages follow the list's order (newest first), whichever page the ids are chosen for.
    for (const path of ['/api/growth', '/api/observations']) {
      const whole = (await c.sysadmin.get(`${path}?pageSize=100`)).json().items.map((x: { id: string }) => x.id);
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++)
        paged.push(
          ...(await c.sysadmin.get(`${path}?pageSize=2&page=${page}`)).json().items.map((x: { id: string }) => x.id),
        );
      expect(paged, path).toEqual(whole);
      expect(whole.length, path).toBeGreaterThan(2);
    }
    expect(await listed(c.city_office, `/api/growth?orgId=${city2.id}`)).toEqual([]);
    expect(await listed(c.city_office, `/api/observations?orgId=${city2.id}`)).toEqual([]);
  });
});
