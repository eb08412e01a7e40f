import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { newId, toJson } from '../../db/dialect.js';
import type { Figures } from './stats.schema.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Person = { id: string; name: string };

/** A finished term (so every deadline in it has passed) and the one before it. */
const T1 = { id: 'term-stats-1', from: '2025-09-01', to: '2026-01-31' };
const T2 = { id: 'term-stats-2', from: '2026-02-01', to: '2026-07-31' };
const at = (date: string) => `${date}T02:00:00.000Z`;

describe.each(DIALECTS)('statistics and dashboards (统计) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let young: Person;
  let old: Person;
  const c: Record<string, Client> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    const { db } = t.database;
    const f = factory(t.database);
    const pf = projectFactory(t.database);
    w = await f.world();
    for (const [term, no] of [
      [T1, 1],
      [T2, 2],
    ] as const) {
      await db
        .insertInto('terms')
        .values({
          id: term.id,
          school_year: 2025,
          term_no: no,
          name: `2025学年第${no}学期`,
          starts_on: term.from,
          ends_on: term.to,
          version: 1,
          created_at: at('2025-08-01'),
          updated_at: at('2025-08-01'),
        })
        .execute();
    }
    // Two more teachers of S1: under 30 and over 35 on the term's first day.
    young = await f.person('青年教师', { org: w.orgs.s1, birthDate: '2000-03-01' });
    old = await f.person('资深教师', { org: w.orgs.s1, birthDate: '1970-03-01' });
    for (const u of ['research_admin', 'school_director', 'school_leader', 'teacher', 'group_leader', 'sysadmin'])
      c[u] = await t.login(u, PASSWORD);

    const transition = async (projectId: string, from: string, to: string, date: string) =>
      db
        .insertInto('project_transitions')
        .values({
          id: newId(),
          project_id: projectId,
          action: to,
          from_stage: from,
          to_stage: to,
          actor_id: null,
          at: at(date),
          reason: null,
          details: null,
        })
        .execute();
    // P1: provincial, approved in T2, opened in March.
    const p1 = await pf.project({
      title: '省级课题甲',
      school: w.orgs.s1,
      hostId: young.id,
      stage: 'in_progress',
      level: 'provincial',
      kind: 'key',
      members: [{ personId: old.id }],
      startsOn: '2026-02-10',
    });
    await transition(p1.id, 'in_review', 'approved', '2026-02-10');
    await transition(p1.id, 'approved', 'in_progress', '2026-03-01');
    // P2: school level, running through T1, concluded (excellent) in March.
    const p2 = await pf.project({
      title: '校级课题乙',
      school: w.orgs.s1,
      hostId: w.users.teacher.id,
      stage: 'concluded',
      level: 'school',
      kind: 'micro',
    });
    await db.updateTable('projects').set({ grade: 'excellent' }).where('id', '=', p2.id).execute();
    await transition(p2.id, 'in_review', 'approved', '2025-10-01');
    await transition(p2.id, 'approved', 'in_progress', '2025-11-01');
    await transition(p2.id, 'conclusion_requested', 'concluded', '2026-03-15');
    // P3: S2, district, submitted in April (never active).
    const p3 = await pf.project({ title: '区级申报丙', school: w.orgs.s2, hostId: w.at.s2.id, stage: 'submitted' });
    await transition(p3.id, 'draft', 'submitted', '2026-04-01');
    // P4: S3 (other district), national, running.
    const p4 = await pf.project({
      title: '国家级课题丁',
      school: w.orgs.s3,
      hostId: w.at.s3.id,
      stage: 'in_progress',
      level: 'national',
    });
    await transition(p4.id, 'approved', 'in_progress', '2026-02-20');
    // P5: a draft made now — not part of T2.
    await pf.project({ title: '草稿', school: w.orgs.s1, hostId: young.id, stage: 'draft' });
    Object.assign(ids, { p1: p1.id, p2: p2.id, p3: p3.id, p4: p4.id });

    const report = (projectId: string, month: string, date: string) =>
      db
        .insertInto('project_reports')
        .values({
          id: newId(),
          project_id: projectId,
          kind: 'monthly',
          month,
          content: toJson({ done: '做了', next: '下月' }),
          status: 'submitted',
          opinion: null,
          grade: null,
          return_reason: null,
          author_id: null,
          checked_by: null,
          checked_at: null,
          version: 1,
          created_at: at(date),
          updated_at: at(date),
        })
        .execute();
    await report(p1.id, '2026-02', '2026-03-03');
    await report(p1.id, '2026-03', '2026-04-20');
    await report(p2.id, '2026-02', '2026-03-05');

    const activity = (orgId: string, kind: string, date: string) =>
      db
        .insertInto('activities')
        .values({
          id: newId(),
          org_id: orgId,
          kind,
          title: `${kind} ${date}`,
          topic: '',
          date,
          starts_at: null,
          ends_at: null,
          place: '',
          presenter_id: null,
          project_id: null,
          lesson_id: null,
          reviewed_activity_id: null,
          record: '',
          prep: null,
          created_by: null,
          version: 1,
          created_at: at(date),
          updated_at: at(date),
        })
        .execute();
    await activity(w.orgs.g1.id, 'open_lesson', '2026-03-10');
    await activity(w.orgs.s2.id, 'lecture', '2026-05-01');
    await activity(w.orgs.s1.id, 'lecture', '2025-10-01');
    await activity(w.orgs.s3.id, 'lecture', '2026-05-01');

    const observation = (orgId: string, observerId: string, teacherId: string, date: string, status = 'submitted') =>
      db
        .insertInto('observations')
        .values({
          id: newId(),
          org_id: orgId,
          observer_id: observerId,
          teacher_id: teacherId,
          date,
          period: null,
          class_name: null,
          subject: '语文',
          topic: '课题',
          notes: '',
          scores: '{}',
          status,
          text_hash: null,
          version: 1,
          created_at: at(date),
          updated_at: at(date),
          submitted_at: status === 'draft' ? null : at(date),
        })
        .execute();
    for (let i = 0; i < 3; i++) await observation(w.orgs.s1.id, young.id, w.users.teacher.id, '2026-03-02');
    await observation(w.orgs.s1.id, young.id, w.users.teacher.id, '2026-03-02', 'draft');
    for (let i = 0; i < 10; i++) await observation(w.orgs.s2.id, old.id, w.at.s2.id, '2026-04-02');
    await observation(w.orgs.s3.id, w.at.s3.id, w.at.g3.id, '2026-04-02');

    await f.growth({ personId: young.id, orgId: w.orgs.s1.id, kind: 'essay', date: '2026-03-01' });
    await f.growth({ personId: young.id, orgId: w.orgs.s1.id, kind: 'narrative', date: '2026-04-01' });
    await f.growth({ personId: w.users.teacher.id, orgId: w.orgs.s1.id, kind: 'case', date: '2026-05-01' });
    await f.growth({ personId: w.at.s3.id, orgId: w.orgs.s3.id, kind: 'narrative', date: '2026-05-01' });

    const mentorship = async (startsOn: string, endsOn: string | null, evaluation: unknown) => {
      const id = newId();
      await db
        .insertInto('mentorships')
        .values({
          id,
          org_id: w.orgs.s1.id,
          mentor_id: old.id,
          mentee_id: young.id,
          starts_on: startsOn,
          ends_on: endsOn,
          goals: '',
          agreement: '',
          status: endsOn ? 'ended' : 'active',
          evaluation: evaluation ? toJson(evaluation) : null,
          version: 1,
          created_by: null,
          created_at: at(startsOn),
          updated_at: at(startsOn),
        })
        .execute();
      return id;
    };
    const m1 = await mentorship('2026-02-15', null, {
      comment: '好',
      grade: 'excellent',
      excellent: true,
      by: old.id,
      at: at('2026-07-01'),
    });
    await mentorship('2025-09-01', '2026-01-15', null);
    for (const month of ['2026-03', '2026-04', '2025-12'])
      await db
        .insertInto('mentorship_assessments')
        .values({
          id: newId(),
          mentorship_id: m1,
          month,
          score: 90,
          comment: '',
          assessor_id: old.id,
          created_at: at('2026-05-01'),
        })
        .execute();

    const work = async (orgId: string, kind: string, title: string, writtenOn: string, authorId: string) => {
      const id = newId();
      await db
        .insertInto('works')
        .values({
          id,
          org_id: orgId,
          kind,
          title,
          subject: null,
          char_count: 3000,
          abstract: '',
          written_on: writtenOn,
          created_by: null,
          version: 1,
          created_at: at(writtenOn),
          updated_at: at(writtenOn),
        })
        .execute();
      await db
        .insertInto('work_authors')
        .values({ id: newId(), work_id: id, position: 1, person_id: authorId, outside_name: null })
        .execute();
      return id;
    };
    const entry = (
      workId: string,
      competitionId: string,
      enteredOn: string,
      status: string,
      result: string | null,
      resultOn: string | null,
    ) =>
      db
        .insertInto('work_entries')
        .values({
          id: newId(),
          work_id: workId,
          competition_id: competitionId,
          edition_id: null,
          year: Number(enteredOn.slice(0, 4)),
          entered_on: enteredOn,
          status,
          result,
          result_on: resultOn,
          certificate_file: null,
          certificate_name: null,
          certificate_mime: null,
          certificate_size: null,
          decision_comment: null,
          decided_by: null,
          decided_at: null,
          entered_by: null,
          version: 1,
          created_at: at(enteredOn),
          updated_at: at(enteredOn),
        })
        .execute();
    const w1 = await work(w.orgs.s1.id, 'paper', '论文一', '2026-03-01', young.id);
    await entry(w1, 'comp-shitao', '2026-03-05', 'awarded', 'first', '2026-06-01');
    await entry(w1, 'comp-yunhe', '2026-04-01', 'submitted', null, null);
    const w2 = await work(w.orgs.s2.id, 'case', '案例二', '2025-10-01', w.at.s2.id);
    await entry(w2, 'comp-case', '2025-10-05', 'awarded', 'second', '2026-03-01');
    const w3 = await work(w.orgs.s3.id, 'paper', '外区论文', '2026-03-01', w.at.s3.id);
    await entry(w3, 'comp-shitao', '2026-03-05', 'awarded', 'first', '2026-06-01');
    await db
      .insertInto('publications')
      .values({
        id: newId(),
        work_id: w1,
        journal: '江苏教育',
        level: 'provincial',
        issue: '2026(5)',
        published_on: '2026-05-10',
        pages: '',
        created_by: null,
        version: 1,
        created_at: at('2026-05-10'),
        updated_at: at('2026-05-10'),
      })
      .execute();
    await db
      .insertInto('student_awards')
      .values({
        id: newId(),
        person_id: w.users.teacher.id,
        org_id: w.orgs.s1.id,
        student_name: '小明',
        class_name: null,
        competition: '作文大赛',
        title: '',
        level: 'city',
        result: 'second',
        awarded_on: '2026-06-10',
        created_by: null,
        version: 1,
        created_at: at('2026-06-10'),
        updated_at: at('2026-06-10'),
      })
      .execute();
  });
  afterAll(async () => t?.close());

  const statsUrl = (orgId: string, termId = T2.id) => `/api/stats?orgId=${orgId}&termId=${termId}`;
  async function figures(who: Client, orgId: string, termId = T2.id): Promise<Figures> {
    const res = await who.get(statsUrl(orgId, termId));
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function records(who: Client, orgId: string, figure: string, extra = '') {
    const res = await who.get(
      `/api/stats/records?orgId=${orgId}&termId=${T2.id}&figure=${encodeURIComponent(figure)}&pageSize=200${extra}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: { id: string; type: string; schoolId: string | null; link: string | null }[];
      total: number;
    };
  }

  it('requires authentication on every route', async () => {
    const mine = t.routes.filter((r) => r.url.startsWith('/api/stats'));
    expect(mine.length).toBe(3);
    for (const r of mine) {
      const res = await t.anonymous.get(r.url);
      expect(res.statusCode, r.url).toBe(401);
    }
  });

  it('counts a district exactly as built by hand', async () => {
    const f = await figures(c.research_admin, w.orgs.d1.id);
    expect(f.org).toEqual({ id: w.orgs.d1.id, name: '一区', kind: 'district' });
    // P1 (provincial, in progress), P2 (school, concluded in March), P3 (submitted in April).
    expect(f.projects.total).toBe(3);
    expect(f.projects.active).toBe(2);
    expect(f.projects.byStage.in_progress).toBe(1);
    expect(f.projects.byStage.concluded).toBe(1);
    expect(f.projects.byStage.submitted).toBe(1);
    expect(f.projects.byStage.draft).toBe(0);
    expect(f.projects.byLevel).toEqual({ national: 0, provincial: 1, city: 0, district: 1, school: 1 });
    expect(f.projects.byKind.key).toBe(1);
    expect(f.projects.byKind.micro).toBe(1);
    expect(f.projects.activeByLevel).toEqual({ national: 0, provincial: 1, city: 0, district: 0, school: 1 });
    expect(f.projects.approved).toBe(1);
    expect(f.projects.concluded).toBe(1);
    expect(f.projects.concludedByGrade).toEqual({ excellent: 1, good: 0, pass: 0 });
    // Rosters: S1 has director, leader, group leader, teacher, staff, two group members + 2 new = 9; S2 has 2.
    expect(f.coverage.teachers).toBe(11);
    expect(f.coverage.inProjects).toBe(3);
    expect(f.coverage.rate).toBeCloseTo(3 / 11);
    const trend = new Map(f.coverage.trend.map((p) => [p.termId, p]));
    expect(trend.get(T2.id)?.inProjects).toBe(3);
    expect(trend.get(T1.id)?.inProjects).toBe(1);
    expect(f.coverage.trend.at(-1)?.termId).toBe(T2.id);
    // P1 due Feb–Jul (6), P2 due Feb (1); on time: P1 Feb, P2 Feb (on the 5th); late: P1 Mar.
    expect(f.punctuality).toEqual({ due: 7, onTime: 2, late: 1, missing: 4, rate: 2 / 7 });
    expect(f.activities.count).toBe(2);
    expect(f.activities.byKind.open_lesson).toBe(1);
    expect(f.activities.byKind.lecture).toBe(1);
    expect(f.observations).toEqual({ count: 13, observers: 2 });
    expect(f.growth.count).toBe(3);
    expect(f.growth.byKind.narrative).toBe(1);
    expect(f.mentorships).toEqual({ active: 1, assessments: 2, excellent: 1 });
    expect(f.works.count).toBe(1);
    expect(f.works.entries).toBe(2);
    expect(f.works.entriesByStatus.awarded).toBe(1);
    expect(f.works.entriesByStatus.submitted).toBe(1);
    expect(f.awards.count).toBe(2);
    expect(f.awards.byLevel).toEqual({ national: 0, provincial: 1, city: 0, district: 1, school: 0 });
    expect(f.awards.byResult.first).toBe(1);
    expect(f.awards.byResult.second).toBe(1);
    const comp = new Map(f.awards.byCompetition.map((r) => [r.competitionId, r]));
    expect(comp.get('comp-shitao')).toMatchObject({ entries: 1, awards: 1, name: '师陶杯', level: 'provincial' });
    expect(comp.get('comp-shitao')?.byResult.first).toBe(1);
    expect(comp.get('comp-yunhe')).toMatchObject({ entries: 1, awards: 0 });
    expect(comp.get('comp-case')).toMatchObject({ entries: 0, awards: 1 });
    expect(f.publications.count).toBe(1);
    expect(f.publications.byLevel.provincial).toBe(1);
    expect(f.studentAwards.count).toBe(1);
    expect(f.studentAwards.byLevel.city).toBe(1);
    // Old teacher observed 10 (quota 10); young 3 of 20; everyone else 0. Writing: only the young one is under 30.
    expect(f.compliance?.source).toBe('rules');
    const rules = new Map(f.compliance?.rules.map((r) => [r.rule, r]));
    expect(rules.get('observations')).toMatchObject({ required: 11, met: 1 });
    expect(rules.get('writing')).toMatchObject({ required: 1, met: 0 });
    expect(f.pyramid).toEqual([
      { layer: 'narrative_case', count: 2 },
      { layer: 'school_projects', count: 1 },
      { layer: 'district_city_projects', count: 0 },
      { layer: 'top_projects', count: 1 },
    ]);
    expect(f.schools.map((s) => s.name)).toEqual(['一区第一小学', '一区第二小学']);
    const s1 = f.schools[0];
    expect(s1).toMatchObject({
      teachers: 9,
      inProjects: 3,
      projectsActive: 2,
      topProjects: 1,
      activities: 1,
      awards: 1,
    });
    expect(f.schools[1]).toMatchObject({ teachers: 2, inProjects: 0, activities: 1, observations: 10, awards: 1 });
  });

  it('a city includes every district; a school only itself', async () => {
    const city = await figures(c.sysadmin, w.orgs.city.id);
    expect(city.projects.active).toBe(3);
    expect(city.pyramid.find((p) => p.layer === 'top_projects')?.count).toBe(2);
    expect(city.schools).toHaveLength(3);
    expect(city.awards.count).toBe(3);
    const school = await figures(c.school_director, w.orgs.s1.id);
    expect(school.schools).toHaveLength(1);
    expect(school.coverage).toMatchObject({ teachers: 9, inProjects: 3 });
    expect(school.activities.count).toBe(1);
    expect(school.observations.count).toBe(3);
  });

  it('sends the same figures compressed to a caller that accepts gzip, plain to one that does not', async () => {
    const url = statsUrl(w.orgs.d1.id);
    const plain = await c.research_admin.raw({ method: 'GET', url });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    const packed = await c.research_admin.raw({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' },
    });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers['content-type']).toContain('application/json');
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(gunzipSync(packed.rawPayload).toString('utf8'))).toEqual(plain.json());
    const refused = await c.research_admin.raw({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0, *' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toEqual(plain.json());
  });

  it('spreads the assessment scores of the scope into bands that add up to the assessment page', async () => {
    // A school and a district: the spread is scored in the same pass as the figures' compliance, and must
    // equal what the assessment page of the same scope scores on its own.
    for (const [who, org] of [
      ['school_director', w.orgs.s1],
      ['research_admin', w.orgs.d1],
    ] as const) {
      const scope = await figures(c[who], org.id);
      const scores = (await c[who].get(`/api/assessment?orgId=${org.id}&termId=${T2.id}&pageSize=200`)).json();
      const totals: number[] = scores.items.map((i: { total: number }) => i.total);
      expect(scope.assessment, who).not.toBeNull();
      expect(scope.assessment?.teachers, who).toBe(scores.total);
      const buckets = scope.assessment?.buckets ?? [];
      expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(totals.length);
      expect(buckets[0]?.count).toBe(totals.filter((x) => x <= 0).length);
      expect(buckets.slice(1).reduce((n, b) => n + b.count, 0)).toBe(totals.filter((x) => x > 0).length);
      // Each band counts exactly the page's totals inside it (the spread tallies points without the items).
      for (const b of buckets.slice(1))
        expect(b.count, `${who} ${b.from}-${b.to}`).toBe(
          totals.filter((x) => x > 0 && x >= b.from && (x < b.to || b.to === 9999)).length,
        );
      expect(
        totals.some((x) => x > 0),
        who,
      ).toBe(true);
    }
  });

  it('scopes: out of scope is 404, in scope without the right is 403', async () => {
    expect((await c.school_director.get(statsUrl(w.orgs.s2.id))).statusCode).toBe(404);
    expect((await c.school_director.get(statsUrl(w.orgs.d1.id))).statusCode).toBe(404);
    expect((await c.research_admin.get(statsUrl(w.orgs.s3.id))).statusCode).toBe(404);
    expect((await c.school_leader.get(statsUrl(w.orgs.s1.id))).statusCode).toBe(200);
    expect((await c.teacher.get(statsUrl(w.orgs.s1.id))).statusCode).toBe(403);
    expect((await c.group_leader.get(statsUrl(w.orgs.s1.id))).statusCode).toBe(404);
    expect((await c.school_director.get(statsUrl('nope'))).statusCode).toBe(404);
    expect((await c.school_director.get(statsUrl(w.orgs.s1.id, 'nope'))).statusCode).toBe(404);
    expect((await c.school_director.get(statsUrl(w.orgs.g1.id))).statusCode).toBe(400);
    const rec = await c.school_director.get(
      `/api/stats/records?orgId=${w.orgs.s2.id}&termId=${T2.id}&figure=projects.total`,
    );
    expect(rec.statusCode).toBe(404);
    const xlsx = await c.school_director.get(`/api/stats/export.xlsx?orgId=${w.orgs.s2.id}&termId=${T2.id}`);
    expect(xlsx.statusCode).toBe(404);
  });

  it('every figure opens to exactly its records', async () => {
    const f = await figures(c.research_admin, w.orgs.d1.id);
    const checks: [string, number][] = [
      ['projects.total', f.projects.total],
      ['projects.active', f.projects.active],
      ['projects.byLevel.provincial', f.projects.byLevel.provincial],
      ['projects.byStage.concluded', f.projects.byStage.concluded],
      ['coverage.teachers', f.coverage.teachers],
      ['coverage.inProjects', f.coverage.inProjects],
      ['punctuality.due', f.punctuality.due],
      ['punctuality.missing', f.punctuality.missing],
      ['punctuality.onTime', f.punctuality.onTime],
      ['activities.count', f.activities.count],
      ['activities.byKind.open_lesson', f.activities.byKind.open_lesson],
      ['observations.count', f.observations.count],
      ['growth.count', f.growth.count],
      ['mentorships.assessments', f.mentorships.assessments],
      ['works.entries', f.works.entries],
      ['awards.count', f.awards.count],
      ['awards.byLevel.district', f.awards.byLevel.district],
      ['awards.byCompetition.comp-shitao', 1],
      ['publications.count', f.publications.count],
      ['studentAwards.count', f.studentAwards.count],
      ['compliance.observations.met', 1],
      ['compliance.writing.unmet', 1],
      ['pyramid.narrative_case', 2],
      ['pyramid.top_projects', 1],
    ];
    for (const [figure, n] of checks) {
      const r = await records(c.research_admin, w.orgs.d1.id, figure);
      expect(r.total, figure).toBe(n);
      expect(r.items.length, figure).toBe(n);
    }
    const active = await records(c.research_admin, w.orgs.d1.id, 'projects.active');
    expect(active.items.map((i) => i.id).sort()).toEqual([ids.p1, ids.p2].sort());
    expect(active.items[0].link).toMatch(/^\/projects\//);
    // A school row opens to that school's records.
    const s2 = await records(c.research_admin, w.orgs.d1.id, 'coverage.teachers', `&schoolId=${w.orgs.s2.id}`);
    expect(s2.total).toBe(f.schools[1].teachers);
    expect(s2.items.every((i) => i.schoolId === w.orgs.s2.id)).toBe(true);
    const bad = await c.research_admin.get(`/api/stats/records?orgId=${w.orgs.d1.id}&termId=${T2.id}&figure=nonsense`);
    expect(bad.statusCode).toBe(400);
  });

  it('an earlier term has its own figures', async () => {
    const f = await figures(c.research_admin, w.orgs.d1.id, T1.id);
    // Only P2 ran in T1 (approved in October); its monthly reports (Oct–Jan) were never written.
    expect(f.projects.active).toBe(1);
    expect(f.coverage.inProjects).toBe(1);
    expect(f.punctuality).toMatchObject({ due: 4, onTime: 0, missing: 4 });
    expect(f.activities.count).toBe(1);
    expect(f.works.entries).toBe(1);
    expect(f.awards.count).toBe(0);
    expect(f.mentorships.active).toBe(1);
  });

  it('exports the tables to .xlsx', async () => {
    const res = await c.research_admin.get(`/api/stats/export.xlsx?orgId=${w.orgs.d1.id}&termId=${T2.id}`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('教科研统计-一区'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const schools = wb.getWorksheet('各校对比');
    expect(schools?.rowCount).toBe(3);
    expect(schools?.getRow(2).getCell(1).value).toBe('一区第一小学');
    expect(schools?.getRow(2).getCell(2).value).toBe(9);
    const overview = wb.getWorksheet('概览');
    const values = new Map<string, unknown>();
    overview?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('在研课题数')).toBe(2);
    expect(values.get('获奖')).toBe(2);
  });

  it('serves recent figures to the next caller, recomputes after a write here, and on request', async () => {
    const first = await figures(c.research_admin, w.orgs.d1.id);
    const again = await figures(c.research_admin, w.orgs.d1.id);
    expect(again.asOf).toBe(first.asOf);
    // A record written behind this process's back (as another server process would): not seen until asked.
    await factory(t.database).growth({ personId: young.id, orgId: w.orgs.s1.id, kind: 'reading', date: '2026-05-06' });
    expect((await figures(c.research_admin, w.orgs.d1.id)).growth.count).toBe(first.growth.count);
    const fresh = await c.research_admin.get(`${statsUrl(w.orgs.d1.id, T2.id)}&fresh=1`);
    expect(fresh.json().growth.count).toBe(first.growth.count + 1);
    expect(Date.parse(fresh.json().asOf)).toBeGreaterThanOrEqual(Date.parse(first.asOf));
    // A write answered by this process shows at once, to every caller.
    const posted = await c.teacher.post('/api/growth', { kind: 'reading', date: '2026-05-07', title: '读书笔记' });
    expect(posted.statusCode, posted.body).toBe(200);
    expect((await figures(c.research_admin, w.orgs.d1.id)).growth.count).toBe(first.growth.count + 2);
  });
});
