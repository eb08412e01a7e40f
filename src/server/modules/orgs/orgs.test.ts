import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/api.js';
import { DIALECTS } from '../../../../test/db.js';
import { factory, PASSWORD } from '../../../../test/factories.js';

describe.each(DIALECTS)('orgs on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  let admin: Client;

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    admin = await t.login('research_admin', PASSWORD);
  });
  afterAll(async () => t?.close());

  it('builds district → school → group and lists children', async () => {
    const school = await admin.post('/api/orgs', {
      name: '一区第三小学',
      kind: 'school',
      parentId: w.orgs.d1.id,
      rural: true,
    });
    expect(school.statusCode).toBe(200);
    expect(school.json()).toMatchObject({ kind: 'school', rural: true, version: 1, childKinds: ['group'] });
    const group = await admin.post('/api/orgs', {
      name: '五年级组',
      kind: 'group',
      groupType: 'grade',
      parentId: school.json().id,
    });
    expect(group.json()).toMatchObject({ groupType: 'grade', parentId: school.json().id });
    const children = (await admin.get(`/api/orgs?parentId=${school.json().id}`)).json();
    expect(children.items.map((o: { name: string }) => o.name)).toEqual(['五年级组']);
  });

  it('refuses a kind that cannot sit under the parent, and a duplicate sibling name', async () => {
    const wrong = await admin.post('/api/orgs', { name: '错层', kind: 'district', parentId: w.orgs.s1.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/不能建立/);
    const dup = await admin.post('/api/orgs', { name: '一区第一小学', kind: 'school', parentId: w.orgs.d1.id });
    expect(dup.statusCode).toBe(409);
  });

  it('only a system admin creates a top-level org', async () => {
    expect((await admin.post('/api/orgs', { name: '新市', kind: 'city' })).statusCode).toBe(404);
    const sys = await t.login('sysadmin', PASSWORD);
    expect((await sys.post('/api/orgs', { name: '新市', kind: 'city' })).statusCode).toBe(200);
  });

  it('renames with optimistic locking', async () => {
    const ok = await admin.patch(`/api/orgs/${w.orgs.s2.id}`, { version: 1, name: '一区第二实验小学' });
    expect(ok.json()).toMatchObject({ name: '一区第二实验小学', version: 2 });
    const stale = await admin.patch(`/api/orgs/${w.orgs.s2.id}`, { version: 1, name: '旧名' });
    expect(stale.statusCode).toBe(409);
  });

  it('deletes only an empty org', async () => {
    const busy = await admin.delete(`/api/orgs/${w.orgs.g1.id}`);
    expect(busy.statusCode).toBe(409);
    const empty = (await admin.post('/api/orgs', { name: '临时组', kind: 'group', parentId: w.orgs.s2.id })).json();
    expect((await admin.delete(`/api/orgs/${empty.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/orgs/${empty.id}`)).statusCode).toBe(404);
  });

  it('returns the abilities of the caller on each org', async () => {
    const director = await t.login('school_director', PASSWORD);
    const school = (await director.get(`/api/orgs/${w.orgs.s1.id}`)).json();
    expect(school.abilities).toMatchObject({ update: false, createChild: true, delete: false });
    const group = (await director.get(`/api/orgs/${w.orgs.g1.id}`)).json();
    expect(group.abilities).toMatchObject({ update: true, createChild: false, delete: true });
    const teacher = await t.login('teacher', PASSWORD);
    expect((await teacher.get(`/api/orgs/${w.orgs.g1.id}`)).json().abilities).toMatchObject({
      update: false,
      createChild: false,
    });
  });
});
