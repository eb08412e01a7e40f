import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import { multipartFile, readXlsx } from '../../../../test/xlsx.js';
import { nowIso } from '../../db/dialect.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const TERM = { id: 'term-works-1', from: '2026-09-01', to: '2027-01-31' };
const FULL = { topic: 20, content: 30, method: 15, writing: 15 };

describe.each(DIALECTS)('works, competitions, pre-review and awards on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let coauthor: { id: string };
  let reviewer: { id: string };
  let other: { id: string };
  let outsider: { id: string };
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    process.env.YANXIU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yanxiu-works-'));
    t = await testApp(dialect);
    const f = factory(t.database);
    w = await f.world();
    coauthor = await f.person('合著教师', { org: w.orgs.s1, username: 'coauthor', roles: [['teacher', w.orgs.s1]] });
    reviewer = await f.person('初审教师', { org: w.orgs.s1, username: 'reviewer', roles: [['teacher', w.orgs.s1]] });
    other = await f.person('旁观教师', { org: w.orgs.s1, username: 'other', roles: [['teacher', w.orgs.s1]] });
    outsider = await f.person('外校教师', { org: w.orgs.s2, username: 'outsider', roles: [['teacher', w.orgs.s2]] });
    await t.database.db
      .insertInto('terms')
      .values({
        id: TERM.id,
        school_year: 2026,
        term_no: 1,
        name: '2026学年第一学期',
        starts_on: TERM.from,
        ends_on: TERM.to,
        version: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    for (const u of ['teacher', 'coauthor', 'reviewer', 'other', 'outsider', 'school_director', 'research_admin']) {
      c[u] = await t.login(u, PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  let workId = '';
  let entryId = '';

  it('requires authentication on every works route', async () => {
    const mine = t.routes.filter((r) =>
      [
        '/api/works',
        '/api/competitions',
        '/api/entries',
        '/api/prereviews',
        '/api/publications',
        '/api/student-awards',
      ].some((p) => r.url.startsWith(p)),
    );
    expect(mine.length).toBeGreaterThan(25);
    for (const r of mine) {
      const url = r.url.replace(/:[a-zA-Z]+/g, 'x');
      const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const res = await t.anonymous.raw({ method: r.method as 'GET', url, payload });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('preloads the competitions the seeds name', async () => {
    const list = await ok(c.teacher.get('/api/competitions?pageSize=200'));
    const names = list.items.map((x: { name: string }) => x.name);
    for (const n of ['师陶杯', '五四杯', '行知杯', '蓝天杯', '运河杯', '教海探航']) expect(names).toContain(n);
    const xingzhi = list.items.find((x: { name: string }) => x.name === '行知杯');
    expect(xingzhi).toMatchObject({ level: 'city', builtIn: true, abilities: { update: false, addEdition: false } });
  });

  it('lets the school director add a competition and an edition with a deadline', async () => {
    const comp = await ok(c.school_director.post('/api/competitions', { name: '校园读书征文', level: 'school' }));
    expect(comp).toMatchObject({ orgId: w.orgs.s1.id, builtIn: false, abilities: { update: true } });
    const withEdition = await ok(
      c.school_director.post(`/api/competitions/${comp.id}/editions`, { year: 2026, deadline: '2026-12-20' }),
    );
    expect(withEdition.editions[0]).toMatchObject({ year: 2026, deadline: '2026-12-20', title: '2026年校园读书征文' });
    const stale = await c.school_director.patch(`/api/competitions/${comp.id}`, { version: 5, active: false });
    expect(stale.statusCode).toBe(409);
    expect((await c.teacher.post('/api/competitions', { name: 'x', level: 'school' })).statusCode).toBe(403);
    expect((await c.outsider.get(`/api/competitions/${comp.id}`)).statusCode).toBe(404);
  });

  it('creates a work with ordered co-authors (people and outside names) and an audit entry', async () => {
    const work = await ok(
      c.teacher.post('/api/works', {
        kind: 'paper',
        title: '小学语文整本书阅读的实践研究',
        authors: [{ personId: w.users.teacher.id }, { personId: coauthor.id }, { outsideName: '王外校' }],
        charCount: 4200,
        subject: '语文',
      }),
    );
    workId = work.id;
    expect(work).toMatchObject({ orgId: w.orgs.s1.id, kindLabel: '论文', charCount: 4200, version: 1 });
    expect(work.authors.map((a: { name: string }) => a.name)).toEqual(['普通教师', '合著教师', '王外校']);
    expect(work.authors[2]).toMatchObject({ position: 3, outside: true, personId: null });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', work.id).execute();
    expect(audit.map((a) => a.action)).toContain('work.create');
    // The co-author reads and may keep it; another teacher of the school does not see it.
    expect((await ok(c.coauthor.get(`/api/works/${work.id}`))).abilities.update).toBe(true);
    expect((await c.other.get(`/api/works/${work.id}`)).statusCode).toBe(404);
    expect((await ok(c.other.get('/api/works'))).total).toBe(0);
    expect((await c.outsider.get(`/api/works/${work.id}`)).statusCode).toBe(404);
    expect((await ok(c.school_director.get(`/api/works?personId=${coauthor.id}`))).total).toBe(1);
  });

  it('refuses a work for somebody else by a teacher, and unknown authors', async () => {
    const forOther = await c.teacher.post('/api/works', { kind: 'paper', title: '代写', authorIds: [other.id] });
    expect(forOther.statusCode).toBe(403);
    const unknown = await c.teacher.post('/api/works', { kind: 'paper', title: 'x', authorIds: ['nobody'] });
    expect(unknown.statusCode).toBe(400);
    const stale = await c.teacher.patch(`/api/works/${workId}`, { version: 9, title: '新' });
    expect(stale.statusCode).toBe(409);
  });

  it('enters a work into a competition; it starts in the school pre-review', async () => {
    const comps = await ok(c.teacher.get('/api/competitions?q=行知杯'));
    const entry = await ok(
      c.teacher.post(`/api/works/${workId}/entries`, {
        competitionId: comps.items[0].id,
        year: 2026,
        enteredOn: '2026-10-10',
      }),
    );
    entryId = entry.id;
    expect(entry).toMatchObject({ status: 'prereview', competitionName: '行知杯', competitionLevel: 'city' });
    expect(entry.abilities).toMatchObject({ assign: false, decide: false, result: false });
    // Results need a recommendation first.
    const early = await c.school_director.patch(`/api/works/${workId}/entries/${entryId}`, {
      version: 1,
      result: 'second',
    });
    expect(early.statusCode).toBe(409);
  });

  it('pre-review: only the director assigns; reviewers see only their assigned works and score their own', async () => {
    const base = `/api/works/${workId}/entries/${entryId}/prereview`;
    expect((await c.teacher.post(`${base}/assignments`, { reviewerIds: [reviewer.id] })).statusCode).toBe(403);
    expect((await c.school_director.post(`${base}/assignments`, { reviewerIds: [coauthor.id] })).statusCode).toBe(400);
    const assigned = await ok(
      c.school_director.post(`${base}/assignments`, { reviewerIds: [reviewer.id, w.users.school_director.id] }),
    );
    expect(assigned.prereviews).toHaveLength(2);

    // Another work the reviewer is NOT assigned to stays hidden from them.
    const hidden = await ok(c.coauthor.post('/api/works', { kind: 'case', title: '合著者的案例' }));
    const queue = await ok(c.reviewer.get('/api/prereviews'));
    expect(queue.items.map((i: { work: { id: string } }) => i.work.id)).toEqual([workId]);
    expect((await ok(c.reviewer.get('/api/works'))).items.map((x: { id: string }) => x.id)).toEqual([workId]);
    expect((await c.reviewer.get(`/api/works/${hidden.id}`)).statusCode).toBe(404);
    // Entry and award lists are not widened by a pre-review assignment.
    expect((await ok(c.reviewer.get('/api/entries'))).total).toBe(0);
    const seen = await ok(c.reviewer.get(`/api/works/${workId}`));
    expect(seen.abilities.update).toBe(false);
    expect(seen.entries[0].prereviews.map((p: { reviewerId: string }) => p.reviewerId)).toEqual([reviewer.id]);
    expect(seen.publications).toEqual([]);

    // Scores: within the rubric, by the assigned reviewer only.
    expect((await c.other.post(`${base}/scores`, { scores: FULL })).statusCode).toBe(404);
    expect((await c.teacher.post(`${base}/scores`, { scores: FULL })).statusCode).toBe(403);
    expect((await c.reviewer.post(`${base}/scores`, { scores: { ...FULL, topic: 90 } })).statusCode).toBe(400);
    const scored = await ok(
      c.reviewer.post(`${base}/scores`, { scores: FULL, comment: '选题好', opinion: 'recommend' }),
    );
    expect(scored.prereviews[0]).toMatchObject({ total: 80, comment: '选题好' });
    const mine = await ok(
      c.school_director.post(`${base}/scores`, { scores: { topic: 25, content: 35, method: 20, writing: 20 } }),
    );
    expect(mine.prereviewMean).toBe(90);
    // The author sees the mean, not the reviewers' sheets.
    const asAuthor = await ok(c.teacher.get(`/api/works/${workId}/entries/${entryId}`));
    expect(asAuthor).toMatchObject({ prereviewMean: 90, prereviews: [] });

    expect((await c.teacher.post(`${base}/decision`, { decision: 'recommend' })).statusCode).toBe(403);
    const decided = await ok(
      c.school_director.post(`${base}/decision`, { decision: 'recommend', comment: '推荐报送' }),
    );
    expect(decided).toMatchObject({ status: 'recommended', decisionComment: '推荐报送' });
    expect((await c.reviewer.post(`${base}/scores`, { scores: FULL })).statusCode).toBe(409);
    const notes = await t.database.db
      .selectFrom('notifications')
      .select(['person_id', 'kind', 'read_at', 'link'])
      .where('person_id', '=', reviewer.id)
      .where('kind', '=', 'prereview_assigned')
      .execute();
    // The request to pre-review is settled (read) once the reviewer has nothing left to score.
    expect(notes).toHaveLength(1);
    expect(notes[0].read_at).not.toBeNull();
    // It opens the web app's pre-review page (a route of src/web/router.tsx).
    expect(notes[0].link).toBe('/works/prereview');
  });

  it('records a result with its date, a certificate upload, and lists the award in the term', async () => {
    const entry = await ok(c.teacher.get(`/api/works/${workId}/entries/${entryId}`));
    const awarded = await ok(
      c.school_director.patch(`/api/works/${workId}/entries/${entryId}`, {
        version: entry.version,
        result: 'second',
        resultOn: '2026-12-01',
      }),
    );
    expect(awarded).toMatchObject({
      status: 'awarded',
      result: 'second',
      resultLabel: '二等奖',
      resultOn: '2026-12-01',
    });
    const { payload, headers } = multipartFile(PDF, '证书.pdf');
    const up = await c.teacher.raw({
      method: 'POST',
      url: `/api/works/${workId}/entries/${entryId}/certificate`,
      payload,
      headers,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().certificate).toMatchObject({ name: '证书.pdf' });
    const down = await c.school_director.get(`/api/works/${workId}/entries/${entryId}/certificate`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await c.outsider.get(`/api/works/${workId}/entries/${entryId}/certificate`)).statusCode).toBe(404);

    const awards = await ok(c.school_director.get(`/api/entries?orgId=${w.orgs.s1.id}&termId=${TERM.id}&awarded=true`));
    expect(awards.items.map((e: { workTitle: string }) => e.workTitle)).toEqual(['小学语文整本书阅读的实践研究']);
    expect((await ok(c.school_director.get(`/api/entries?result=first&termId=${TERM.id}`))).total).toBe(0);
    expect((await ok(c.school_director.get('/api/entries?level=city'))).total).toBe(1);
    expect((await ok(c.outsider.get('/api/entries'))).total).toBe(0);
  });

  it('pages the works list with its total on every page', async () => {
    const all = await ok(c.school_director.get('/api/works?pageSize=100'));
    expect(all.total).toBeGreaterThan(0);
    expect(all.items).toHaveLength(all.total);
    const first = await ok(c.school_director.get('/api/works?pageSize=1'));
    expect(first).toMatchObject({ total: all.total, items: [{ id: all.items[0].id }] });
    expect(await ok(c.school_director.get('/api/works?page=50&pageSize=1'))).toMatchObject({
      items: [],
      total: all.total,
    });
    expect((await ok(c.outsider.get('/api/works'))).total).toBe(0);
  });

  it('lists a chosen school’s or district’s works, and none of another district', async () => {
    const s2Work = await ok(
      c.outsider.post('/api/works', { kind: 'paper', title: '二小论文', authorIds: [outsider.id] }),
    );
    const titles = async (orgId: string) =>
      ((await ok(c.research_admin.get(`/api/works?orgId=${orgId}&pageSize=100`))).items as { title: string }[]).map(
        (x) => x.title,
      );
    const district = await titles(w.orgs.d1.id);
    expect(district).toContain('二小论文');
    expect(district.length).toBe((await titles(w.orgs.s1.id)).length + (await titles(w.orgs.s2.id)).length);
    expect(await titles(w.orgs.s2.id)).toEqual(['二小论文']);
    expect(await titles(w.orgs.d2.id)).toEqual([]);
    expect((await ok(c.research_admin.get(`/api/works?orgId=${w.orgs.d1.id}&kind=paper`))).total).toBeGreaterThan(1);
    await ok(c.outsider.delete(`/api/works/${s2Work.id}`));
  });

  it('exports entries and publications as .xlsx that parse', async () => {
    await ok(
      c.teacher.post(`/api/works/${workId}/publications`, {
        journal: '江苏教育',
        level: 'provincial',
        issue: '2026年第11期',
        publishedOn: '2026-11-15',
        pages: '12-14',
      }),
    );
    const res = await c.school_director.get(
      `/api/entries/export.xlsx?orgId=${w.orgs.s1.id}&termId=${TERM.id}&awarded=true`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toContain('获奖等级');
    expect(rows[1]).toEqual(
      expect.arrayContaining(['小学语文整本书阅读的实践研究', '普通教师、合著教师、王外校', '二等奖']),
    );
    const pubs = await c.school_director.get(`/api/publications/export.xlsx?termId=${TERM.id}&level=provincial`);
    const prow = await readXlsx(pubs.rawPayload);
    expect(prow[1]).toEqual(expect.arrayContaining(['江苏教育', '省级', '2026年第11期']));
    const list = await ok(c.school_director.get(`/api/publications?orgId=${w.orgs.s1.id}&termId=${TERM.id}`));
    expect(list.items[0]).toMatchObject({ journal: '江苏教育', levelLabel: '省级', charCount: 4200 });
    expect((await ok(c.outsider.get('/api/publications'))).total).toBe(0);
  });

  it('counts linked publications and awards in the project conclusion check', async () => {
    const pf = projectFactory(t.database);
    const project = await pf.project({
      title: '整本书阅读课题',
      school: w.orgs.s1,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
      level: 'city',
      manager: w.orgs.d1,
    });
    const before = await ok(c.teacher.get(`/api/projects/${project.id}/conclusion-check`));
    expect(before.passed).toBe(false);
    const current = await ok(c.teacher.get(`/api/works/${workId}`));
    await ok(c.teacher.patch(`/api/works/${workId}`, { version: current.version, projectIds: [project.id] }));
    const after = await ok(c.teacher.get(`/api/projects/${project.id}/conclusion-check`));
    expect(after.passed).toBe(true);
    const records = after.rules.flatMap((r: { records: { kind: string }[] }) => r.records);
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'publication', level: 'provincial', charCount: 4200 }),
    );
    expect((await ok(c.teacher.get(`/api/works?projectId=${project.id}`))).total).toBe(1);
    // Another school's project cannot be linked.
    const foreign = await pf.project({
      title: '外校课题',
      school: w.orgs.s2,
      hostId: w.users.teacher.id,
      stage: 'in_progress',
    });
    const again = await ok(c.teacher.get(`/api/works/${workId}`));
    expect(
      (await c.teacher.patch(`/api/works/${workId}`, { version: again.version, projectIds: [foreign.id] })).statusCode,
    ).toBe(400);
  });

  it('records student-guidance awards for the teacher and lists them by scope', async () => {
    const a = await ok(
      c.teacher.post('/api/student-awards', {
        studentName: '李小明',
        className: '五(2)班',
        competition: '增华阁作文大赛',
        level: 'city',
        result: 'first',
        awardedOn: '2026-11-20',
      }),
    );
    expect(a).toMatchObject({ personId: w.users.teacher.id, resultLabel: '一等奖', abilities: { update: true } });
    expect(
      (
        await c.teacher.post('/api/student-awards', {
          personId: other.id,
          studentName: 'x',
          competition: 'y',
          level: 'school',
          result: 'merit',
          awardedOn: '2026-11-20',
        })
      ).statusCode,
    ).toBe(403);
    expect((await ok(c.school_director.get(`/api/student-awards?termId=${TERM.id}`))).total).toBe(1);
    expect((await ok(c.other.get('/api/student-awards'))).total).toBe(0);
    expect((await c.outsider.get(`/api/student-awards/${a.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for another school and lets the director delete', async () => {
    expect((await c.outsider.patch(`/api/works/${workId}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect(
      (await c.outsider.post(`/api/works/${workId}/entries`, { competitionId: 'comp-shitao', year: 2026 })).statusCode,
    ).toBe(404);
    const district = await ok(c.research_admin.get(`/api/works/${workId}`));
    expect(district.abilities).toMatchObject({ manage: true, prereview: false });
    // The author cannot delete an awarded work; the director can.
    expect((await c.teacher.delete(`/api/works/${workId}`)).statusCode).toBe(409);
    expect((await c.school_director.delete(`/api/works/${workId}`)).statusCode).toBe(200);
    expect((await c.teacher.get(`/api/works/${workId}`)).statusCode).toBe(404);
  });
});
