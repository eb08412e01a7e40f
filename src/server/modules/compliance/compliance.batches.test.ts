import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { readXlsx } from '../../../../test/xlsx.js';
import { AuthRepo } from '../../auth/auth.repo.js';
import { batchesOf } from '../../concurrency.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import { AssessmentService } from '../assessment/assessment.service.js';
import { DEFAULT_POINTS, DEFAULT_REWARDS, DEFAULT_RULES } from '../rules/rules.defaults.js';
import { RulesService } from '../rules/rules.service.js';
import { decidedFactsOf, entryFactsOf } from './compliance.facts.js';
import { complianceFixtures } from './compliance.fixtures.js';
import { ComplianceRepo } from './compliance.repo.js';
import { ComplianceService } from './compliance.service.js';

const T0 = { id: 'term-2024-2', from: '2025-02-01', to: '2025-07-31' };
const T1 = { id: 'term-2025-1', from: '2025-09-01', to: '2026-01-31' };

interface Item {
  personId: string;
  rule: string;
  required: number;
  met: boolean;
}
interface Score {
  personId: string;
  total: number;
  rank: number;
  advanced: boolean;
}

describe('batches of schools (pure)', () => {
  it('packs whole schools in order up to the size, a larger school alone, never split', () => {
    const school = (id: string, n: number): [string, number[]] => [id, Array.from({ length: n }, (_, i) => i)];
    const packed = batchesOf([school('a', 3), school('b', 2), school('c', 6), school('d', 1), school('e', 4)], 5);
    expect(packed.map((b) => b.map(([id]) => id))).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect(packed.flat().reduce((n, [, people]) => n + people.length, 0)).toBe(16);
    expect(batchesOf([], 5)).toEqual([]);
  });
});

/**
 * A district's view reads its schools' rules and records a batch of schools at a time: each school must still
 * be judged by its own rules (its own row, the row it inherits, or the defaults) and rank by its own 先进 count.
 */
describe.each(DIALECTS)('a district judged school by school in one read on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let districtId = '';
  let adminId = '';
  let observeLater: (observer: string, date: string) => Promise<unknown> = async () => undefined;
  let s1Id = '';
  let newTeacher: (name: string) => Promise<unknown> = async () => undefined;
  const people: Record<string, { id: string }> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const x = complianceFixtures(t.database);
    const w = await f.world();
    districtId = w.orgs.d1.id;
    adminId = w.users.research_admin.id;
    await x.term(T0.id, 2024, 2, T0.from, T0.to);
    await x.term(T1.id, 2025, 1, T1.from, T1.to);
    const s4 = await f.org('一区第四小学', 'school', w.orgs.d1);
    // Teachers under 35 at 2025-09-01.
    const schools = { s1: w.orgs.s1, s2: w.orgs.s2, s4 };
    for (const key of ['s1a', 's1b', 's2a', 's4a', 's4b'] as const) {
      people[key] = await f.person(key, {
        org: schools[key.slice(0, 2) as keyof typeof schools],
        birthDate: '1995-01-01',
      });
    }
    const observe = (school: { id: string }, observer: string, date: string) =>
      x.observation({ orgId: school.id, observerId: people[observer].id, teacherId: people.s1a.id, date });
    await observe(w.orgs.s1, 's1a', '2025-10-10');
    await observe(w.orgs.s1, 's1b', '2025-10-10');
    await observe(w.orgs.s2, 's2a', '2025-10-10');
    observeLater = (observer, date) => observe(w.orgs.s2, observer, date);
    s1Id = w.orgs.s1.id;
    newTeacher = (name) => f.person(name, { org: w.orgs.s1, birthDate: '1996-05-01' });
    // Research lessons (研究课) score points: s1a above s1b at s1; both of s4's teachers above nothing.
    for (const [school, presenter] of [
      [w.orgs.s1, 's1a'],
      [s4, 's4a'],
      [s4, 's4b'],
    ] as const) {
      await x.activity({
        orgId: school.id,
        presenterId: people[presenter].id,
        kind: 'research_lesson',
        date: '2025-11-11',
      });
    }

    // 区一等奖 on entries of three schools' teachers: each earns 参赛费补助 (the rewards list).
    for (const key of ['s4b', 's1a', 's2a', 's4a'] as const) {
      const workId = await x.work({
        orgId: schools[key.slice(0, 2) as keyof typeof schools].id,
        title: `论文${key}`,
        authorIds: [people[key].id],
      });
      await x.entry({
        workId,
        competitionId: 'comp-effective',
        enteredOn: '2025-10-10',
        result: 'first',
        resultOn: '2025-12-01',
      });
    }

    // Decided in the term but entered in the one before (district 三等奖: no reward); entered in it, decided after.
    const late = await x.work({ orgId: s4.id, title: '跨学期论文甲', authorIds: [people.s4a.id] });
    await x.entry({
      workId: late,
      competitionId: 'comp-effective',
      enteredOn: '2025-06-01',
      result: 'third',
      resultOn: '2025-10-05',
    });
    const after = await x.work({ orgId: s4.id, title: '跨学期论文乙', authorIds: [people.s4b.id, people.s4a.id] });
    await x.entry({
      workId: after,
      competitionId: 'comp-effective',
      enteredOn: '2025-10-01',
      result: 'first',
      resultOn: '2026-03-01',
    });

    const store = async (orgId: string, termId: string, rules: object, points: object) =>
      t.database.db
        .insertInto('school_rules')
        .values({
          id: newId(),
          org_id: orgId,
          term_id: termId,
          rules: toJson(rules),
          points: toJson(points),
          rewards: toJson(DEFAULT_REWARDS),
          reference_date_mode: 'term_start',
          reference_date: null,
          version: 1,
          updated_by: null,
          updated_at: nowIso(),
        })
        .execute();
    // s1: its own row for the term — 1 observation, no 八个一, one 先进.
    await store(
      w.orgs.s1.id,
      T1.id,
      {
        ...DEFAULT_RULES,
        observations: { ...DEFAULT_RULES.observations, youngerRequired: 1 },
        eight_ones: { enabled: false },
      },
      { ...DEFAULT_POINTS, advancedCount: 1 },
    );
    // s2: inherits last term's row — 2 observations. s4: the defaults (20 under 35, 八个一, five 先进).
    await store(
      w.orgs.s2.id,
      T0.id,
      { ...DEFAULT_RULES, observations: { ...DEFAULT_RULES.observations, youngerRequired: 2 } },
      DEFAULT_POINTS,
    );
    admin = await t.login('research_admin', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('applies each school’s own, inherited or default rules in the district’s compliance', async () => {
    const res = await admin.get(`/api/compliance?orgId=${districtId}&termId=${T1.id}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const items: Item[] = res.json().items;
    const of = (key: string, rule: string) => items.find((i) => i.personId === people[key].id && i.rule === rule);
    expect(of('s1a', 'observations')).toMatchObject({ required: 1, met: true });
    expect(of('s1a', 'eight_ones')).toBeUndefined();
    expect(of('s2a', 'observations')).toMatchObject({ required: 2, met: false });
    expect(of('s2a', 'eight_ones')).toMatchObject({ required: 8 });
    expect(of('s4a', 'observations')).toMatchObject({ required: 20, met: false });
    expect(of('s4b', 'eight_ones')).toMatchObject({ required: 8 });
  });

  it('marks 先进 by each school’s own count, not the largest in the view', async () => {
    const res = await admin.get(`/api/assessment?orgId=${districtId}&termId=${T1.id}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const items: Score[] = res.json().items;
    const s1 = items.filter((s) => s.personId === people.s1a.id || s.personId === people.s1b.id);
    const s4 = items.filter((s) => s.personId === people.s4a.id || s.personId === people.s4b.id);
    // Both meet s1's one observation; s1a's research lesson puts it first. With one 先进 at s1 only s1a is marked.
    expect(s1.find((s) => s.personId === people.s1a.id)?.rank).toBe(1);
    expect(s1.find((s) => s.personId === people.s1b.id)).toMatchObject({ rank: 2 });
    expect(s1.every((s) => s.total > 0)).toBe(true);
    expect(s1.filter((s) => s.advanced).map((s) => s.personId)).toEqual([people.s1a.id]);
    // s4 keeps the default five: both of its scoring teachers are marked.
    expect(s4).toHaveLength(2);
    expect(s4.every((s) => s.total > 0 && s.advanced)).toBe(true);
  });

  it('pages the ranking and the rewards as cuts of the whole list, only the shown schools scored', async () => {
    const q = `orgId=${districtId}&termId=${T1.id}`;
    const whole = await admin.get(`/api/assessment?${q}&pageSize=200`);
    const all: Score[] = whole.json().items;
    expect(whole.json().total).toBe(all.length);
    expect(new Set(all.map((s) => s.personId)).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(5);
    for (const size of [1, 2, 3, 4, 7]) {
      const seen: Score[] = [];
      for (let page = 1; page <= Math.ceil(all.length / size) + 1; page++) {
        const res = await admin.get(`/api/assessment?${q}&pageSize=${size}&page=${page}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().total).toBe(all.length);
        seen.push(...res.json().items);
      }
      expect(seen, `pageSize ${size}`).toEqual(all);
    }
    const rewards = (await admin.get(`/api/assessment/rewards?${q}&pageSize=200`)).json();
    expect(rewards.items.map((r: { personId: string }) => r.personId).sort()).toEqual(
      [people.s1a.id, people.s2a.id, people.s4a.id, people.s4b.id].sort(),
    );
    const cut = [];
    for (let page = 1; page <= 5; page++) {
      cut.push(...(await admin.get(`/api/assessment/rewards?${q}&pageSize=1&page=${page}`)).json().items);
    }
    expect(cut).toEqual(rewards.items);
    const xlsx = await admin.get(`/api/assessment/export.xlsx?${q}`);
    expect(xlsx.statusCode).toBe(200);
  });

  /** The same caller, their grants taken away (as another server may have done). */
  const withoutGrants = <C extends { principal: { grants: unknown[] } }>(ctx: C): C => ({
    ...ctx,
    principal: { ...ctx.principal, grants: [] },
  });

  /** A write the app answers (a new group) calls the service's `invalidate`. */
  async function expectEndedByWrites(service: 'compliance' | 'assessment', groupName: string) {
    const ended = vi.spyOn(t.services[service], 'invalidate');
    const group = await admin.post('/api/orgs', { name: groupName, kind: 'group', groupType: 'grade', parentId: s1Id });
    expect(group.statusCode, group.body).toBeLessThan(300);
    expect(ended).toHaveBeenCalled();
    ended.mockRestore();
  }

  /** The district office's context, and a service that finds every view wide and one that finds none. */
  async function services<S>(Service: new (database: TestApp['database'], rules: RulesService, wideAt: number) => S) {
    const me = await new AuthRepo(t.database.db).loadPrincipal(adminId);
    if (!me) throw new Error('no principal');
    const rules = new RulesService(t.database);
    return {
      ctx: { principal: { ...me, via: 'session' as const }, ip: null },
      wide: new Service(t.database, rules, 1),
      narrow: new Service(t.database, rules, 100_000),
    };
  }

  it('gives a wide view the same pages and summary as a narrow one, its page evaluated again whole', async () => {
    // Wide from two teachers on: every view here is read in brief, then its page again.
    const { ctx, wide, narrow } = await services(ComplianceService);
    const base = { orgId: districtId, termId: T1.id };
    const whole = await narrow.list(ctx, { ...base, page: 1, pageSize: 200 });
    expect(whole.items.length).toBeGreaterThan(10);
    expect(whole.items.some((i) => i.records.length > 0)).toBe(true);
    expect(await wide.list(ctx, { ...base, page: 1, pageSize: 200 })).toEqual(whole);
    for (const filter of [{}, { onlyUnmet: true }, { rule: 'observations' as const }]) {
      const all = (await narrow.list(ctx, { ...base, ...filter, page: 1, pageSize: 200 })).items;
      for (const size of [1, 3, 7]) {
        const seen = [];
        for (let page = 1; page <= Math.ceil(all.length / size) + 1; page++) {
          const cut = await wide.list(ctx, { ...base, ...filter, page, pageSize: size });
          expect(cut.total).toBe(all.length);
          seen.push(...cut.items);
        }
        expect(seen, `${JSON.stringify(filter)} by ${size}`).toEqual(all);
      }
    }
  });

  it('writes the sheet a batch of schools at a time, with the list’s rows, filters and order', async () => {
    for (const filter of ['', '&onlyUnmet=true', '&rule=eight_ones']) {
      const q = `orgId=${districtId}&termId=${T1.id}${filter}`;
      const listed = (await admin.get(`/api/compliance?${q}&pageSize=200`)).json();
      const res = await admin.get(`/api/compliance/export.xlsx?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      const [head, ...rows] = await readXlsx(res.rawPayload);
      expect(head).toEqual(['教师', '年龄', '项目', '要求', '完成', '达标', '差额', '目前应完成', '计入的记录']);
      expect(
        rows.map((r) => [r[0], r[2], r[4]]),
        filter,
      ).toEqual(
        listed.items.map((i: { personName: string; label: string; actual: number }) => [
          i.personName,
          i.label,
          String(i.actual),
        ]),
      );
    }
  });

  it('keeps a wide view for its next pages until a write is answered, and reads the page itself anew', async () => {
    const { ctx, wide, narrow } = await services(ComplianceService);
    const q = { orgId: districtId, termId: T1.id, page: 1, pageSize: 200 };
    type Listed = Awaited<ReturnType<ComplianceService['list']>>;
    const s2a = (r: Listed) => r.items.find((i) => i.personId === people.s2a.id && i.rule === 'observations');
    const metObservations = (r: Listed) => r.summary.byRule.find((b) => b.rule === 'observations')?.met;
    const before = await wide.list(ctx, q);
    expect(s2a(before)).toMatchObject({ required: 2, actual: 1, met: false });

    // A record stored behind the app's back (no write answered): the kept summary stays, the page's item is new.
    await observeLater('s2a', '2025-10-20');
    const kept = await wide.list(ctx, q);
    expect(kept.summary).toEqual(before.summary);
    expect(s2a(kept)).toMatchObject({ actual: 2, met: true });
    expect(metObservations(await narrow.list(ctx, q))).toBe((metObservations(before) ?? 0) + 1);

    wide.invalidate();
    const fresh = await wide.list(ctx, q);
    expect(metObservations(fresh)).toBe((metObservations(before) ?? 0) + 1);
    expect(fresh).toEqual(await narrow.list(ctx, q));
    // The caller's grants as loaded for the request are part of the key: without them, no kept copy answers.
    await expect(wide.list(withoutGrants(ctx), q)).rejects.toMatchObject({ status: 404 });

    // The app ends them on every write it answers.
    await expectEndedByWrites('compliance', '六年级组');
  });

  it('keeps a wide ranking view’s teachers for the next pages until a write is answered; scores stay fresh', async () => {
    const { ctx, wide, narrow } = await services(AssessmentService);
    const q = { orgId: districtId, termId: T1.id };
    const whole = await narrow.list(ctx, { ...q, page: 1, pageSize: 200 });
    const pages = [];
    for (let page = 1; page <= Math.ceil(whole.total / 3); page++) {
      pages.push(...(await wide.list(ctx, { ...q, page, pageSize: 3 })).items);
    }
    expect(pages).toEqual(whole.items);
    expect(await wide.rewards(ctx, { ...q, page: 1, pageSize: 200 })).toEqual(
      await narrow.rewards(ctx, { ...q, page: 1, pageSize: 200 }),
    );

    // A teacher added behind the app's back: the kept view does not have them until a write is answered.
    await newTeacher('后来的老师');
    expect((await narrow.list(ctx, { ...q, page: 1, pageSize: 200 })).total).toBe(whole.total + 1);
    expect((await wide.list(ctx, { ...q, page: 1, pageSize: 200 })).total).toBe(whole.total);
    wide.invalidate();
    expect((await wide.list(ctx, { ...q, page: 1, pageSize: 200 })).total).toBe(whole.total + 1);
    await expect(wide.list(withoutGrants(ctx), { ...q, page: 1, pageSize: 200 })).rejects.toMatchObject({
      status: 404,
    });

    await expectEndedByWrites('assessment', '七年级组');
  });

  it('rolls a district up school by school: each school as its own view, the schools adding up', async () => {
    const q = `termId=${T1.id}`;
    const res = await admin.get(`/api/compliance/schools?orgId=${districtId}&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      items: {
        orgId: string;
        teachers: number;
        behind: number;
        byRule: { rule: string; bound: number; met: number }[];
      }[];
      summary: { teachers: number; behind: number; byRule: { rule: string; bound: number; met: number }[] };
    };
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    for (const school of body.items) {
      const own = (await admin.get(`/api/compliance?orgId=${school.orgId}&${q}&pageSize=1`)).json().summary;
      const {
        orgId: _o,
        orgName: _n,
        parentId,
        parentName,
        ...figures
      } = school as typeof school & {
        orgName: string;
        parentId: string | null;
        parentName: string | null;
      };
      expect(figures, school.orgId).toEqual(own);
      // Each school sits under the district.
      expect([parentId, parentName]).toEqual([districtId, '一区']);
    }
    const total = (pick: (s: (typeof body.items)[number]) => number) => body.items.reduce((n, s) => n + pick(s), 0);
    expect(total((s) => s.teachers)).toBe(body.summary.teachers);
    expect(total((s) => s.behind)).toBe(body.summary.behind);
    for (const r of body.summary.byRule) {
      const of = (s: (typeof body.items)[number]) => s.byRule.find((x) => x.rule === r.rule);
      expect(
        total((s) => of(s)?.bound ?? 0),
        r.rule,
      ).toBe(r.bound);
      expect(
        total((s) => of(s)?.met ?? 0),
        r.rule,
      ).toBe(r.met);
    }
    const district = (await admin.get(`/api/compliance?orgId=${districtId}&${q}&pageSize=1`)).json().summary;
    expect(body.summary).toEqual(district);

    // A wide view (kept, brief items) rolls up as a narrow one does.
    const { ctx, wide, narrow } = await services(ComplianceService);
    const view = { orgId: districtId, termId: T1.id };
    expect(await wide.schools(ctx, view)).toEqual(await narrow.schools(ctx, view));

    // A teacher reads only their own figures there, as in the list.
    const teacher = await t.login('teacher', PASSWORD);
    const mine = await teacher.get(`/api/compliance/schools?orgId=${districtId}&${q}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((s: { orgId: string; teachers: number }) => [s.orgId, s.teachers])).toEqual([
      [s1Id, 1],
    ]);
  });

  it('rolls a district’s assessment up school by school, each school as its own ranking', async () => {
    const q = `termId=${T1.id}`;
    const res = await admin.get(`/api/assessment/schools?orgId=${districtId}&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      items: {
        orgId: string;
        parentId: string | null;
        teachers: number;
        scored: number;
        average: number;
        top: number;
        advanced: number;
      }[];
      summary: { teachers: number; scored: number; average: number; advanced: number };
    };
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    const everyTotal: number[] = [];
    for (const school of body.items) {
      const ranking = (await admin.get(`/api/assessment?orgId=${school.orgId}&${q}&pageSize=200`)).json() as {
        items: Score[];
      };
      const totals = ranking.items.map((r) => r.total);
      everyTotal.push(...totals);
      expect(school, school.orgId).toMatchObject({
        parentId: districtId,
        teachers: totals.length,
        scored: totals.filter((x) => x > 0).length,
        top: Math.max(0, ...totals),
        advanced: ranking.items.filter((r) => r.advanced).length,
        average: Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10,
      });
    }
    expect(body.summary.teachers).toBe(everyTotal.length);
    expect(body.summary.advanced).toBe(body.items.reduce((n, s) => n + s.advanced, 0));
    expect(body.summary.advanced).toBeGreaterThan(0);
    expect(body.summary.average).toBe(
      Math.round((everyTotal.reduce((a, b) => a + b, 0) / everyTotal.length) * 10) / 10,
    );

    const { ctx, wide, narrow } = await services(AssessmentService);
    const view = { orgId: districtId, termId: T1.id };
    expect(await wide.schools(ctx, view)).toEqual(await narrow.schools(ctx, view));

    // Kept a minute: a teacher added behind the app's back shows after a write is answered.
    const before = await narrow.schools(ctx, view);
    await newTeacher('再来的老师');
    expect(await narrow.schools(ctx, view)).toEqual(before);
    narrow.invalidate();
    expect((await narrow.schools(ctx, view)).summary.teachers).toBe(before.summary.teachers + 1);
  });

  it('reads the entries decided in a term by date as it reads them by person', async () => {
    const repo = new ComplianceRepo(t.database.db);
    const ids = Object.values(people).map((p) => p.id);
    const byDate = await decidedFactsOf(repo, ids, T1.from, T1.to);
    const byPerson = await entryFactsOf(repo, ids, T1.from, T1.to);
    const decided = new Map(
      [...byPerson]
        .map(
          ([id, facts]) =>
            [id, facts.filter((e) => e.resultOn && e.resultOn >= T1.from && e.resultOn <= T1.to)] as const,
        )
        .filter(([, facts]) => facts.length > 0),
    );
    expect(byDate).toEqual(decided);
    // s4a: the district award and the one entered the term before; s4b's entry was decided after the term.
    expect(byDate.get(people.s4a.id)?.map((e) => e.title)).toEqual(['跨学期论文甲', '论文s4a']);
    expect(byDate.get(people.s4b.id)?.map((e) => e.title)).toEqual(['论文s4b']);
    // Only the people asked for.
    expect([...(await decidedFactsOf(repo, [people.s2a.id], T1.from, T1.to)).keys()]).toEqual([people.s2a.id]);
  });
});
