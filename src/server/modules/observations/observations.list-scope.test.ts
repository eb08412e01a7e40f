import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import type { OrgRow } from '../../db/types.js';

const FULL = { layering: 4, participation: 5, strategy: 4, goals: 3 };

/**
 * The list of observations shows exactly what each reader may open, for every org one can choose: the list's
 * WHERE clause (scope, subtree by school or by the observed teacher's group) and the policy must agree.
 */
describe.each(DIALECTS)('observation lists follow the read policy on %s', (dialect) => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const orgs: Record<string, OrgRow> = {};
  /** Each record with the paths it lies under: its school and the observed teacher's groups. */
  const records: { id: string; paths: string[] }[] = [];

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    Object.assign(orgs, w.orgs);
    const { s1, s2, s3, g1, g1b, g2, g3 } = w.orgs;
    await f.person('二校教师', { org: s2, groups: [g2], username: 's2teacher', roles: [['teacher', s2]] });
    await f.person('二区教师', { org: s3, groups: [g3], username: 's3teacher', roles: [['teacher', s3]] });
    const observedIn = {
      g1: await f.person('语文组教师', { org: s1, groups: [g1] }),
      g1b: await f.person('数学组教师', { org: s1, groups: [g1b] }),
      none: await f.person('未入组教师', { org: s1 }),
      both: await f.person('两组教师', { org: s1, groups: [g1, g1b] }),
      g2: await f.person('二校语文教师', { org: s2, groups: [g2] }),
      g3: await f.person('二区语文教师', { org: s3, groups: [g3] }),
    };
    // The standard world's users, and a teacher of each other school.
    const users = [...Object.keys(w.users), 's2teacher', 's3teacher'];
    for (const u of users) c[u] = await t.login(u, PASSWORD);
    const s1Paths = (...groups: OrgRow[]) => [s1.path, ...groups.map((g) => g.path)];
    const plan: [string, string, boolean, string[]][] = [
      ['teacher', observedIn.g1.id, false, s1Paths(g1)],
      ['teacher', observedIn.g1b.id, true, s1Paths(g1b)],
      ['teacher', observedIn.both.id, false, s1Paths(g1, g1b)],
      ['school_director', observedIn.none.id, false, s1Paths()],
      ['school_director', observedIn.g1.id, true, s1Paths(g1)],
      ['school_director', w.users.teacher.id, false, s1Paths(g1b)],
      ['school_director', w.users.teacher.id, true, s1Paths(g1b)],
      ['group_leader', observedIn.g1b.id, false, s1Paths(g1b)],
      ['group_leader', observedIn.g1.id, true, s1Paths(g1)],
      ['s2teacher', observedIn.g2.id, false, [s2.path, g2.path]],
      ['s2teacher', observedIn.g2.id, true, [s2.path, g2.path]],
      ['s3teacher', observedIn.g3.id, false, [s3.path, g3.path]],
    ];
    for (const [observer, teacherId, draft, paths] of plan) {
      const res = await c[observer].post('/api/observations', {
        teacherId,
        date: '2026-04-08',
        subject: '语文',
        topic: '《荷花》',
        notes: `${observer}${records.length}`,
        scores: FULL,
        draft,
      });
      expect(res.statusCode, res.body).toBe(200);
      records.push({ id: res.json().id, paths });
    }
  });
  afterAll(async () => t?.close());

  it('lists for every reader and every chosen org exactly the records they may open there', async () => {
    const choices: (string | undefined)[] = [undefined, 'city', 'd1', 'd2', 's1', 's2', 's3', 'g1', 'g1b', 'g2'];
    let checked = 0;
    for (const [user, client] of Object.entries(c)) {
      const opens = new Set<string>();
      for (const r of records) if ((await client.get(`/api/observations/${r.id}`)).statusCode === 200) opens.add(r.id);
      for (const choice of choices) {
        const org = choice ? orgs[choice] : undefined;
        const res = await client.get(`/api/observations?pageSize=100${org ? `&orgId=${org.id}` : ''}`);
        expect(res.statusCode, `${user} ${choice}`).toBe(200);
        const body = res.json() as { items: { id: string }[]; total: number };
        const listed = body.items.map((x) => x.id).sort();
        const expected = records
          .filter((r) => opens.has(r.id) && (!org || r.paths.some((p) => p.startsWith(org.path))))
          .map((r) => r.id)
          .sort();
        expect(listed, `${user} at ${choice ?? 'no org'}`).toEqual(expected);
        expect(body.total, `${user} at ${choice ?? 'no org'}`).toBe(expected.length);
        checked++;
      }
    }
    expect(checked).toBe(9 * choices.length); // seven users of the world, two other schools' teachers
    // The matrix is not trivially empty: the director lists the school's five shared records and their own two
    // drafts; the group leader (语文组) the group's two shared records and their own two.
    expect((await c.school_director.get('/api/observations?pageSize=100')).json().total).toBe(7);
    expect((await c.group_leader.get('/api/observations?pageSize=100')).json().total).toBe(4);
  });
});
