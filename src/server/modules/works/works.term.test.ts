import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { complianceFixtures } from '../compliance/compliance.fixtures.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;

const TERM = { id: 'term-2025-1', from: '2025-09-01', to: '2026-01-31' };

/**
 * "Works of the term" (written, entered, awarded or published in it) is asked two ways: a district or more reads
 * the term's works as one set of ids, a school or a teacher tests each work. Both must give the same works.
 */
describe.each(DIALECTS)('the works of a term on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const c: Record<string, Client> = {};
  const inTerm: string[] = [];

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const x = complianceFixtures(t.database);
    w = await f.world();
    await x.term(TERM.id, 2025, 1, TERM.from, TERM.to);
    const teacher = w.users.teacher.id;
    const work = async (title: string, orgId = w.orgs.s1.id) =>
      x.work({ orgId, title, authorIds: orgId === w.orgs.s1.id ? [teacher] : [] });
    const written = async (title: string, on: string) => {
      const id = await work(title);
      await t.database.db.updateTable('works').set({ written_on: on }).where('id', '=', id).execute();
      return id;
    };
    // In the term, one way each (the first and last days count).
    inTerm.push(await written('学期中写成', TERM.from));
    const entered = await work('学期中参评');
    await x.entry({ workId: entered, competitionId: 'comp-effective', enteredOn: TERM.to });
    inTerm.push(entered);
    const awarded = await work('学期中获奖');
    await x.entry({
      workId: awarded,
      competitionId: 'comp-effective',
      enteredOn: '2025-06-01',
      result: 'first',
      resultOn: '2025-10-01',
    });
    inTerm.push(awarded);
    const published = await work('学期中发表');
    await x.publication({ workId: published, level: 'provincial', publishedOn: '2025-12-01' });
    inTerm.push(published);
    // Outside it: written, entered, awarded and published the day before or after.
    await written('上学期写成', '2025-08-31');
    const before = await work('上学期参评获奖');
    await x.entry({
      workId: before,
      competitionId: 'comp-effective',
      enteredOn: '2025-03-01',
      result: 'second',
      resultOn: '2025-08-31',
    });
    await x.publication({ workId: before, level: 'city', publishedOn: '2026-02-01' });
    await work('没有日期');
    // Another school's work of the term: only a wider reader sees it.
    const other = await work('二小学期中参评', w.orgs.s2.id);
    await x.entry({ workId: other, competitionId: 'comp-effective', enteredOn: '2025-11-11' });
    for (const u of ['teacher', 'school_director', 'research_admin', 'sysadmin']) c[u] = await t.login(u, PASSWORD);
    inTerm.push(other);
  });
  afterAll(async () => t?.close());

  const ids = async (client: Client, query: string) => {
    const res = await client.get(`/api/works?termId=${TERM.id}&pageSize=100${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(body.items.length);
    return (body.items as { id: string }[]).map((x) => x.id).sort();
  };

  it('gives the same works of the term to a district, a school, a teacher and the whole deployment', async () => {
    const ofS1 = inTerm.slice(0, 4).sort();
    // Wide: a district office, over its district and over the school; everything (sysadmin).
    expect(await ids(c.research_admin, `&orgId=${w.orgs.d1.id}`)).toEqual([...inTerm].sort());
    expect(await ids(c.research_admin, '')).toEqual([...inTerm].sort());
    expect(await ids(c.sysadmin, '')).toEqual([...inTerm].sort());
    // Narrow: a school's director, a teacher's own works.
    expect(await ids(c.research_admin, `&orgId=${w.orgs.s1.id}`)).toEqual(ofS1);
    expect(await ids(c.school_director, '')).toEqual(ofS1);
    expect(await ids(c.teacher, '')).toEqual(ofS1);
    // Without the term every work is listed.
    const all = await c.research_admin.get(`/api/works?orgId=${w.orgs.d1.id}&pageSize=100`);
    expect(all.json().total).toBe(inTerm.length + 3);
  });
});
