import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import type { Ctx } from '../../access/principal.js';
import { AuthRepo } from '../../auth/auth.repo.js';
import { PeopleService } from '../people/people.service.js';
import type { WorksFilter } from '../works/works.schema.js';
import { WorksService } from '../works/works.service.js';

type World = Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
type Listing = { items: { id: string }[]; total: number };
type Filter = { orgId?: string; q?: string; kind?: string };
type Lister = (ctx: Ctx, filter: Filter, page: number, size: number) => Promise<Listing>;

/**
 * A wide list of people or works keeps its total for the caller's next pages (the page and its count are one
 * statement, and the page is then read alone): pages and totals must be those of a list counted at each request,
 * until a write, and for the caller's grants of the request.
 */
describe.each(DIALECTS)('the kept totals of wide people and works lists on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let ctx: Ctx;
  let director: Client;
  let teacher: Client;

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    const me = await new AuthRepo(t.database.db).loadPrincipal(w.users.research_admin.id);
    if (!me) throw new Error('no principal');
    ctx = { principal: { ...me, via: 'session' as const }, ip: null };
    director = await t.login('school_director', PASSWORD);
    teacher = await t.login('teacher', PASSWORD);
    for (let i = 1; i <= 7; i++) {
      const res = await teacher.post('/api/works', {
        kind: i % 3 === 0 ? 'case' : 'paper',
        title: `作品${i}`,
        authors: [{ personId: w.users.teacher.id }],
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  /** Every page of `size` from `wide` gives what one page of `narrow` gives, totals included. */
  async function samePages(wide: Lister, narrow: Lister, filter: Filter) {
    const whole = await narrow(ctx, filter, 1, 200);
    expect(whole.total, JSON.stringify(filter)).toBeGreaterThan(0);
    for (const size of [1, 3]) {
      const pages: { id: string }[] = [];
      for (let page = 1; page <= Math.ceil(whole.total / size) + 1; page++) {
        const got = await wide(ctx, filter, page, size);
        expect(got.total).toBe(whole.total);
        pages.push(...got.items);
      }
      expect(pages).toEqual(whole.items);
    }
  }

  async function keptUntilWrite(
    wide: Lister,
    narrow: Lister,
    invalidate: () => void,
    addBehindTheBack: () => Promise<void>,
  ) {
    const before = await wide(ctx, {}, 1, 200);
    expect((await wide(ctx, {}, 1, 200)).total).toBe(before.total);
    await addBehindTheBack();
    const fresh = await narrow(ctx, {}, 1, 200);
    expect(fresh.total).toBe(before.total + 1);
    // The page is read at the request; its total is the kept one until a write this process answers.
    const kept = await wide(ctx, {}, 1, 200);
    expect(kept.total).toBe(before.total);
    expect(kept.items.map((x) => x.id)).toEqual(fresh.items.map((x) => x.id));
    invalidate();
    expect(await wide(ctx, {}, 1, 200)).toEqual(fresh);

    // Totals kept for the caller's grants are not answered to the same caller without them.
    const withoutGrants = { ...ctx, principal: { ...ctx.principal, grants: [] } };
    const own = await narrow(withoutGrants, {}, 1, 200);
    expect(own.total).toBeLessThan(fresh.total);
    expect(await wide(withoutGrants, {}, 1, 200)).toEqual(own);
  }

  it('people: the same pages and totals as a list counted at each request, until a write', async () => {
    const wide = new PeopleService(t.database, 1);
    const narrow = new PeopleService(t.database, 1_000_000);
    const list =
      (s: PeopleService): Lister =>
      (c, f, page, size) =>
        s.list(c, f, page, size);
    for (const filter of [{}, { orgId: w.orgs.d1.id }, { orgId: w.orgs.s1.id }, { q: '语文' }]) {
      await samePages(list(wide), list(narrow), filter);
    }
    let n = 0;
    await keptUntilWrite(
      list(wide),
      list(narrow),
      () => wide.invalidate(),
      async () => {
        const res = await director.post('/api/people', {
          name: `新来的教师${++n}`,
          orgId: w.orgs.s1.id,
          gender: 'female',
          birthDate: '1990-01-01',
        });
        expect(res.statusCode, res.body).toBe(200);
      },
    );
  });

  it('works: the same pages and totals as a list counted at each request, until a write', async () => {
    const wide = new WorksService(t.database, t.services.uploads, 1);
    const narrow = new WorksService(t.database, t.services.uploads, 1_000_000);
    const list =
      (s: WorksService): Lister =>
      (c, f, page, size) =>
        s.list(c, f as WorksFilter, page, size);
    for (const filter of [{}, { orgId: w.orgs.d1.id }, { kind: 'paper' }, { q: '作品' }]) {
      await samePages(list(wide), list(narrow), filter);
    }
    await keptUntilWrite(
      list(wide),
      list(narrow),
      () => wide.invalidate(),
      async () => {
        const res = await teacher.post('/api/works', {
          kind: 'paper',
          title: '后来的作品',
          authors: [{ personId: w.users.teacher.id }],
        });
        expect(res.statusCode, res.body).toBe(200);
      },
    );
  });

  it('ends the kept totals on every write the app answers', async () => {
    const people = vi.spyOn(t.services.people, 'invalidate');
    const works = vi.spyOn(t.services.works, 'invalidate');
    const res = await teacher.post('/api/works', {
      kind: 'paper',
      title: '又一篇',
      authors: [{ personId: w.users.teacher.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(people).toHaveBeenCalled();
    expect(works).toHaveBeenCalled();
    people.mockRestore();
    works.mockRestore();
  });
});
