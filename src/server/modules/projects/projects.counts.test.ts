import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';
import { projectFactory } from '../../../../test/project-factory.js';
import type { Ctx } from '../../access/principal.js';
import { AuthRepo } from '../../auth/auth.repo.js';
import type { OrgRow } from '../../db/types.js';
import { ProjectService } from './projects.service.js';

/**
 * A wide list (a district's or a city's) keeps its stage counts for the caller's next pages: the pages and counts
 * must be those of a list counted at each request, until a write, and for the caller's grants of the request.
 */
describe.each(DIALECTS)('a wide project list’s kept stage counts on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let ctx: Ctx;
  let addBehindTheBack: () => Promise<unknown> = async () => undefined;
  let s1: OrgRow;
  let groupParent = '';

  beforeAll(async () => {
    t = await testApp(dialect);
    const f = factory(t.database);
    const w = await f.world();
    s1 = w.orgs.s1;
    groupParent = w.orgs.s1.id;
    const projects = projectFactory(t.database);
    const stages = ['draft', 'submitted', 'school_recommended', 'in_review', 'approved', 'in_progress', 'concluded'];
    let n = 0;
    for (const school of [w.orgs.s1, w.orgs.s3])
      for (const stage of stages)
        for (const level of ['school', 'district'] as const) {
          const hostId = school === w.orgs.s1 ? w.at.s1.id : w.at.s3.id;
          await projects.project({ title: `课题${++n}`, school, hostId, stage, level, manager: w.orgs.d1 });
        }
    addBehindTheBack = () =>
      projects.project({
        title: '后来的课题',
        school: w.orgs.s1,
        hostId: w.at.s1.id,
        stage: 'in_progress',
        level: 'district',
        manager: w.orgs.d1,
      });
    const me = await new AuthRepo(t.database.db).loadPrincipal(w.users.research_admin.id);
    if (!me) throw new Error('no principal');
    ctx = { principal: { ...me, via: 'session' as const }, ip: null };
    admin = await t.login('research_admin', PASSWORD);
  }, 120_000);
  afterAll(async () => t?.close());

  it('gives the same pages and counts as a list counted at each request, until a write', async () => {
    // Wide from one project on: every list here keeps its counts from its second request.
    const wide = new ProjectService(t.database, 1);
    const narrow = new ProjectService(t.database, 1_000_000);
    const filters = [{}, { stage: 'in_progress' as const }, { level: 'district' as const }, { orgId: s1.id }];
    for (const filter of filters) {
      const whole = await narrow.list(ctx, filter, 1, 200);
      expect(whole.total, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const size of [1, 3]) {
        const pages = [];
        for (let page = 1; page <= Math.ceil(whole.total / size); page++) {
          const got = await wide.list(ctx, filter, page, size);
          expect(got.countsByStage).toEqual(whole.countsByStage);
          expect(got.total).toBe(whole.total);
          pages.push(...got.items);
        }
        expect(pages).toEqual(whole.items);
      }
    }

    // A project stored behind the app's back: the page shows it at once, the kept counts after a write.
    const before = await narrow.list(ctx, {}, 1, 200);
    await addBehindTheBack();
    const fresh = await narrow.list(ctx, {}, 1, 200);
    expect(fresh.total).toBe(before.total + 1);
    const kept = await wide.list(ctx, {}, 1, 200);
    expect(kept.total).toBe(before.total);
    expect(kept.items.map((p) => p.id)).toEqual(fresh.items.map((p) => p.id));
    wide.invalidate();
    expect(await wide.list(ctx, {}, 1, 200)).toEqual(fresh);

    // Counts kept for the caller's grants are not answered to the same caller without them.
    const withoutGrants = { ...ctx, principal: { ...ctx.principal, grants: [] } };
    const own = await narrow.list(withoutGrants, {}, 1, 200);
    expect(own.total).toBeLessThan(fresh.total);
    expect(await wide.list(withoutGrants, {}, 1, 200)).toEqual(own);
  });

  it('ends the kept counts on every write the app answers', async () => {
    const ended = vi.spyOn(t.services.projects, 'invalidate');
    const group = await admin.post('/api/orgs', {
      name: '课题组长联席组',
      kind: 'group',
      groupType: 'grade',
      parentId: groupParent,
    });
    expect(group.statusCode, group.body).toBeLessThan(300);
    expect(ended).toHaveBeenCalled();
    ended.mockRestore();
  });
});
