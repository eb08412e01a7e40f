import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../test/api.js';
import { DIALECTS } from '../../../test/db.js';
import { factory, PASSWORD } from '../../../test/factories.js';
import { multipartFile, xlsxOf } from '../../../test/xlsx.js';

/**
 * The permission matrix, walked through the API: every role × action × target
 * (own org / child org / sibling org / other district). The expectations are written out
 * here by hand — not derived from the permission table — so a change to the table that
 * widens or narrows access fails this test.
 */
type Target = 'own' | 'child' | 'sibling' | 'other';
type Probe =
  | 'org.read'
  | 'org.update'
  | 'org.create'
  | 'person.read'
  | 'person.update'
  | 'role.grant'
  | 'audit.read'
  | 'person.import';
const ALL: Target[] = ['own', 'child', 'sibling', 'other'];
const INSIDE: Target[] = ['own', 'child'];

const EXPECTED: Record<string, Record<Probe, Target[]>> = {
  sysadmin: {
    'org.read': ALL,
    'org.update': ALL,
    'org.create': ALL,
    'person.read': ALL,
    'person.update': ALL,
    'role.grant': ALL,
    'audit.read': ALL,
    'person.import': ALL,
  },
  research_admin: {
    'org.read': INSIDE,
    'org.update': ['child'],
    'org.create': INSIDE,
    'person.read': INSIDE,
    'person.update': INSIDE,
    'role.grant': INSIDE,
    'audit.read': INSIDE,
    'person.import': INSIDE,
  },
  school_director: {
    'org.read': INSIDE,
    'org.update': ['child'],
    'org.create': INSIDE,
    'person.read': INSIDE,
    'person.update': INSIDE,
    'role.grant': INSIDE,
    'audit.read': INSIDE,
    'person.import': INSIDE,
  },
  school_leader: {
    'org.read': INSIDE,
    'org.update': [],
    'org.create': [],
    'person.read': INSIDE,
    'person.update': [],
    'role.grant': [],
    'audit.read': [],
    'person.import': [],
  },
  group_leader: {
    'org.read': ['own'],
    'org.update': [],
    'org.create': [],
    'person.read': ['own'],
    'person.update': [],
    'role.grant': [],
    'audit.read': [],
    'person.import': [],
  },
  teacher: {
    'org.read': INSIDE,
    'org.update': [],
    'org.create': [],
    'person.read': INSIDE,
    'person.update': [],
    'role.grant': [],
    'audit.read': [],
    'person.import': [],
  },
  expert: {
    'org.read': [],
    'org.update': [],
    'org.create': [],
    'person.read': [],
    'person.update': [],
    'role.grant': [],
    'audit.read': [],
    'person.import': [],
  },
};

describe.each(DIALECTS)('permission matrix on %s', (dialect) => {
  let t: TestApp;
  let w: Awaited<ReturnType<ReturnType<typeof factory>['world']>>;
  const clients: Record<string, Client> = {};
  let counter = 0;

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await factory(t.database).world();
    for (const role of Object.keys(EXPECTED)) clients[role] = await t.login(role, PASSWORD);
  });
  afterAll(async () => t?.close());

  /** The org keys standing for each target, per role's grant. */
  function targets(role: string): Partial<Record<Target, keyof typeof w.orgs>> {
    switch (role) {
      case 'research_admin':
      case 'expert':
        return { own: 'd1', child: 's1', sibling: 'd2', other: 's3' };
      case 'group_leader':
        return { own: 'g1', sibling: 'g1b', other: 'g3' };
      default:
        return { own: 's1', child: 'g1', sibling: 's2', other: 's3' };
    }
  }

  /** Runs one probe and says whether it was allowed; a refusal must be 403 or 404, never a leak. */
  async function probe(c: Client, action: Probe, orgKey: keyof typeof w.orgs): Promise<boolean | null> {
    const org = w.orgs[orgKey];
    const person = w.at[orgKey];
    const n = ++counter;
    let res: Awaited<ReturnType<Client['get']>>;
    switch (action) {
      case 'org.read':
        res = await c.get(`/api/orgs/${org.id}`);
        break;
      case 'org.update': {
        const row = await t.database.db
          .selectFrom('orgs')
          .select('version')
          .where('id', '=', org.id)
          .executeTakeFirstOrThrow();
        res = await c.patch(`/api/orgs/${org.id}`, { version: row.version, code: `C${n}` });
        break;
      }
      case 'org.create':
        if (org.kind === 'group') return null; // nothing can be created under a group
        res = await c.post('/api/orgs', {
          name: `新组${n}`,
          kind: org.kind === 'district' ? 'school' : 'group',
          parentId: org.id,
        });
        break;
      case 'person.read':
        res = await c.get(`/api/people/${person.id}`);
        break;
      case 'person.update': {
        const row = await t.database.db
          .selectFrom('people')
          .select('version')
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow();
        res = await c.patch(`/api/people/${person.id}`, {
          version: row.version,
          phone: `1380000${String(n).padStart(4, '0')}`,
        });
        break;
      }
      case 'role.grant': {
        const role = org.kind === 'group' ? 'group_leader' : org.kind === 'school' ? 'teacher' : 'expert';
        res = await c.post(`/api/people/${person.id}/roles`, { role, orgId: org.id });
        if (res.statusCode === 200) {
          const revoked = await c.delete(`/api/people/${person.id}/roles/${res.json().id}`);
          expect(revoked.statusCode).toBe(200);
        }
        break;
      }
      case 'audit.read': {
        res = await c.get(`/api/audit?entityId=${org.id}`);
        if (res.statusCode === 200) return res.json().total > 0;
        break;
      }
      case 'person.import': {
        const file = await xlsxOf([
          ['姓名*', '性别*', '出生日期*'],
          [`导入${n}`, '女', '1992-03-04'],
        ]);
        const { payload, headers } = multipartFile(file, 'roster.xlsx');
        const school = org.kind === 'group' ? Object.values(w.orgs).find((o) => o.id === org.parent_id) : org;
        res = await c.raw({ method: 'POST', url: `/api/people/import?orgId=${school?.id}`, payload, headers });
        if (org.kind === 'district' && res.statusCode === 400) return true; // allowed, but a district is not a school
        break;
      }
    }
    if (res.statusCode === 200) return true;
    expect([403, 404], `${action} on ${orgKey}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    return false;
  }

  for (const [role, actions] of Object.entries(EXPECTED)) {
    for (const [action, allowed] of Object.entries(actions) as [Probe, Target[]][]) {
      it(`${role} ${action}: allowed on ${allowed.join('/') || 'nothing'}`, async () => {
        const got: Target[] = [];
        const possible: string[] = [];
        for (const [target, orgKey] of Object.entries(targets(role)) as [Target, keyof typeof w.orgs][]) {
          const outcome = await probe(clients[role], action, orgKey);
          if (outcome !== null) possible.push(target);
          if (outcome) got.push(target);
        }
        expect(got).toEqual(allowed.filter((x) => possible.includes(x)));
      });
    }
  }

  it('a refusal of something outside the scope looks exactly like a missing record (404)', async () => {
    const outside = await clients.school_director.get(`/api/people/${w.at.s3.id}`);
    const missing = await clients.school_director.get('/api/people/does-not-exist');
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json().error.code).toBe(missing.json().error.code);
  });

  it('lists only people inside the caller scope', async () => {
    const names = async (c: Client) =>
      ((await c.get('/api/people?pageSize=200')).json().items as { id: string }[]).map((p) => p.id);
    const teacherSees = await names(clients.teacher);
    expect(teacherSees).toContain(w.at.s1.id);
    expect(teacherSees).toContain(w.at.g1.id);
    expect(teacherSees).not.toContain(w.at.s2.id);
    expect(teacherSees).not.toContain(w.at.s3.id);
    const leaderSees = await names(clients.group_leader);
    expect(leaderSees).toContain(w.at.g1.id);
    expect(leaderSees).not.toContain(w.at.g1b.id);
    expect(leaderSees).toContain(w.users.group_leader.id);
    const expertSees = await names(clients.expert);
    expect(expertSees).toEqual([w.users.expert.id]);
    const districtSees = await names(clients.research_admin);
    expect(districtSees).toContain(w.at.s2.id);
    expect(districtSees).not.toContain(w.at.s3.id);
  });

  it('shows a caller only the org subtree they hold, with its ancestors for context', async () => {
    const tree = (await clients.school_director.get('/api/orgs/tree')).json().items;
    const flat: string[] = [];
    const walk = (nodes: { id: string; children: unknown[] }[]) => {
      for (const n of nodes) {
        flat.push(n.id);
        walk(n.children as { id: string; children: unknown[] }[]);
      }
    };
    walk(tree);
    expect(flat).toEqual(expect.arrayContaining([w.orgs.city.id, w.orgs.d1.id, w.orgs.s1.id, w.orgs.g1.id]));
    expect(flat).not.toContain(w.orgs.s2.id);
    expect(flat).not.toContain(w.orgs.d2.id);
  });
});
