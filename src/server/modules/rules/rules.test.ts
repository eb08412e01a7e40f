import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { complianceFixtures } from '../compliance/compliance.fixtures.js';
import { DEFAULT_POINTS, DEFAULT_RULES } from './rules.defaults.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

const T1 = { id: 'term-2025-1', from: '2025-09-01', to: '2026-01-31' };
const T2 = { id: 'term-2025-2', from: '2026-02-01', to: '2026-07-31' };

describe.each(DIALECTS)('rules, quotas and points (制度·考核) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let young: { id: string; name: string };
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const x = complianceFixtures(t.database);
    w = await f.world();
    await x.term(T1.id, 2025, 1, T1.from, T1.to);
    await x.term(T2.id, 2025, 2, T2.from, T2.to);
    // 34 at 2025-09-01 (the term start), 35 from 2025-09-02.
    young = await f.person('青年教师', { org: w.orgs.s1, birthDate: '1990-09-02' });
    for (const u of ['teacher', 'school_director', 'school_leader', 'group_leader', 'research_admin']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  const url = (orgId: string, termId: string) => `/api/rules?orgId=${orgId}&termId=${termId}`;
  const s1 = (termId: string) => url(w.orgs.s1.id, termId);
  const body = (r: { version: number; referenceDate: unknown; rules: unknown; points: unknown; rewards: unknown }) => ({
    version: r.version,
    referenceDate: r.referenceDate,
    rules: r.rules,
    points: r.points,
    rewards: r.rewards,
  });
  const observationsRequired = async (termId: string) => {
    const res = await c.school_director.get(
      `/api/compliance?orgId=${w.orgs.s1.id}&termId=${termId}&personId=${young.id}&rule=observations`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items[0].required;
  };

  it('starts every school from the seeds’ defaults, not stored yet', async () => {
    const res = await c.teacher.get(s1(T1.id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: null,
      version: 0,
      stored: false,
      inheritedFrom: null,
      referenceDate: { mode: 'term_start', date: null },
      ageOn: T1.from,
      rules: DEFAULT_RULES,
      points: DEFAULT_POINTS,
      abilities: { update: false },
    });
    expect(res.json().rules.observations).toEqual({
      enabled: true,
      ageLimit: 35,
      youngerRequired: 20,
      olderRequired: 10,
    });
    expect(res.json().rewards[0]).toMatchObject({
      key: 'entry_fee',
      thresholds: { district: 'first', city: 'second' },
    });
    expect((await c.school_director.get(s1(T1.id))).json().abilities.update).toBe(true);
  });

  it('saves this term’s rules with a version, and the next term inherits them until it has its own', async () => {
    const current = (await c.school_director.get(s1(T1.id))).json();
    const edited = { ...current.rules, observations: { ...current.rules.observations, youngerRequired: 25 } };
    const saved = await c.school_director.put(s1(T1.id), body({ ...current, rules: edited }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, stored: true, updatedBy: '教科室主任' });
    expect(await observationsRequired(T1.id)).toBe(25);

    const next = (await c.school_director.get(s1(T2.id))).json();
    expect(next).toMatchObject({ stored: false, version: 0, inheritedFrom: { termId: T1.id } });
    expect(next.rules.observations.youngerRequired).toBe(25);

    const nextRules = { ...next.rules, observations: { ...next.rules.observations, olderRequired: 12 } };
    const own = await c.school_director.put(s1(T2.id), body({ ...next, rules: nextRules }));
    expect(own.statusCode, own.body).toBe(200);
    // Editing this term's rules leaves last term's as they were.
    expect((await c.school_director.get(s1(T1.id))).json().rules.observations.youngerRequired).toBe(25);
    expect((await c.school_director.get(s1(T1.id))).json().rules.observations.olderRequired).toBe(10);
    expect(await observationsRequired(T1.id)).toBe(25);
    // 35 at the second term's start: the 35-and-over requirement of that term.
    expect(await observationsRequired(T2.id)).toBe(12);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'school_rules')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('refuses a stale version with 409', async () => {
    const current = (await c.school_director.get(s1(T1.id))).json();
    const ok = await c.school_director.put(s1(T1.id), body(current));
    expect(ok.statusCode).toBe(200);
    const stale = await c.school_director.put(s1(T1.id), body(current));
    expect(stale.statusCode).toBe(409);
    // A second "first save" of a term that has its own rules is stale too.
    expect((await c.school_director.put(s1(T1.id), body({ ...current, version: 0 }))).statusCode).toBe(409);
  });

  it('takes ages at a fixed reference date when the school sets one', async () => {
    const current = (await c.school_director.get(s1(T1.id))).json();
    const fixed = await c.school_director.put(
      s1(T1.id),
      body({ ...current, referenceDate: { mode: 'fixed', date: '2025-09-02' } }),
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().ageOn).toBe('2025-09-02');
    // Now 35: the 35-and-over requirement applies.
    expect(await observationsRequired(T1.id)).toBe(current.rules.observations.olderRequired);
    const back = await c.school_director.put(
      s1(T1.id),
      body({ ...fixed.json(), referenceDate: { mode: 'term_start', date: null } }),
    );
    expect(back.statusCode).toBe(200);
    expect(await observationsRequired(T1.id)).toBe(25);
  });

  it('validates with zh-CN messages', async () => {
    const current = (await c.school_director.get(s1(T1.id))).json();
    const noDate = await c.school_director.put(
      s1(T1.id),
      body({ ...current, referenceDate: { mode: 'fixed', date: null } }),
    );
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.message).toContain('固定日期');
    const negative = await c.school_director.put(
      s1(T1.id),
      body({ ...current, points: { ...current.points, weightPercent: 120 } }),
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const twice = await c.school_director.put(
      s1(T1.id),
      body({ ...current, rewards: [current.rewards[0], current.rewards[0]] }),
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain('不能重复');
    const group = await c.school_director.get(url(w.orgs.g1.id, T1.id));
    expect(group.statusCode).toBe(400);
  });

  it('lets the school director or the district office edit; others are refused or do not see it', async () => {
    const current = (await c.research_admin.get(s1(T1.id))).json();
    expect(current.abilities.update).toBe(true);
    const byDistrict = await c.research_admin.put(s1(T1.id), body(current));
    expect(byDistrict.statusCode, byDistrict.body).toBe(200);
    const latest = byDistrict.json();
    expect((await c.school_leader.put(s1(T1.id), body(latest))).statusCode).toBe(403);
    expect((await c.teacher.put(s1(T1.id), body(latest))).statusCode).toBe(403);
    expect((await c.group_leader.get(s1(T1.id))).statusCode).toBe(200);
    expect((await c.group_leader.put(s1(T1.id), body(latest))).statusCode).toBe(403);
    // Another school: not found, for reading and writing.
    expect((await c.school_director.get(url(w.orgs.s2.id, T1.id))).statusCode).toBe(404);
    expect((await c.school_director.put(url(w.orgs.s2.id, T1.id), body({ ...latest, version: 0 }))).statusCode).toBe(
      404,
    );
    expect((await c.research_admin.get(url(w.orgs.s3.id, T1.id))).statusCode).toBe(404);
    expect((await c.school_director.get(url(w.orgs.s1.id, 'no-such-term'))).statusCode).toBe(404);
  });
});
