import { hashPassword } from '../src/server/auth/passwords.js';
import type { Database } from '../src/server/db/database.js';
import { newId, nowIso, toJson } from '../src/server/db/dialect.js';
import type { OrgRow } from '../src/server/db/types.js';
import { nameKey } from '../src/server/modules/people/people.presenter.js';

export const PASSWORD = 'test1234';
let cachedHash: Promise<string> | null = null;
const passwordHash = () => {
  cachedHash ??= hashPassword(PASSWORD);
  return cachedHash;
};

/** Builds valid records straight into the database, fast, for tests. */
export function factory(database: Database) {
  const { db } = database;
  const now = nowIso();

  async function org(name: string, kind: OrgRow['kind'], parent?: OrgRow, extra: Partial<OrgRow> = {}) {
    const id = newId();
    const row: OrgRow = {
      id,
      name,
      kind,
      group_type: kind === 'group' ? 'subject' : null,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      code: null,
      rural: 0,
      sort: 0,
      version: 1,
      created_at: now,
      updated_at: now,
      ...extra,
    };
    await db.insertInto('orgs').values(row).execute();
    await db
      .insertInto('audit_log')
      .values({
        id: newId(),
        at: now,
        actor_id: null,
        action: 'org.create',
        entity: 'org',
        entity_id: id,
        org_id: id,
        before_json: null,
        after_json: '{}',
        ip: null,
      })
      .execute();
    return row;
  }

  interface PersonOpts {
    org?: OrgRow;
    groups?: OrgRow[];
    username?: string;
    roles?: [string, OrgRow | null][];
    birthDate?: string;
    gender?: 'male' | 'female';
    subjects?: string[];
    title?: string;
  }

  async function person(name: string, o: PersonOpts = {}) {
    const id = newId();
    await db
      .insertInto('people')
      .values({
        id,
        org_id: o.org?.id ?? null,
        name,
        name_key: nameKey(name),
        gender: o.gender ?? 'female',
        birth_date: o.birthDate ?? '1990-05-01',
        hire_date: null,
        subjects: toJson(o.subjects ?? ['语文']),
        title: o.title ?? 'level1',
        backbone_level: 'none',
        phone: null,
        email: null,
        employee_no: null,
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const g of o.groups ?? [])
      await db.insertInto('person_groups').values({ person_id: id, group_id: g.id }).execute();
    for (const [role, at] of o.roles ?? []) {
      await db
        .insertInto('role_grants')
        .values({ id: newId(), person_id: id, role, org_id: at?.id ?? null, created_at: now, created_by: null })
        .execute();
    }
    if (o.username) {
      await db
        .insertInto('accounts')
        .values({
          person_id: id,
          username: o.username,
          password_hash: await passwordHash(),
          must_change_password: 0,
          created_at: now,
          password_changed_at: now,
        })
        .execute();
    }
    return { id, name };
  }

  /** A growth record (成长记录) written straight into the database; written at 10:00 China time on its date. */
  async function growth(o: {
    personId: string;
    orgId: string;
    kind: string;
    date: string;
    title?: string;
    text?: string;
    hours?: number;
    url?: string;
    createdBy?: string;
  }) {
    const id = newId();
    const at = `${o.date}T02:00:00.000Z`;
    await db
      .insertInto('growth_records')
      .values({
        id,
        person_id: o.personId,
        org_id: o.orgId,
        kind: o.kind,
        date: o.date,
        title: o.title ?? `${o.kind} ${o.date}`,
        text: o.text ?? '',
        hours: o.hours ?? null,
        book_kind: null,
        url: o.url ?? null,
        report_back: null,
        text_hash: null,
        version: 1,
        created_by: o.createdBy ?? null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  /**
   * The standard world of the permission tests: a city with two districts; D1 has schools S1 and
   * S2, D2 has S3; S1 has groups G1 and G1b, S2 has G2, S3 has G3. One login per role, and one
   * plain teacher in every org (group members belong to the group's school).
   */
  async function world() {
    const city = await org('测试市', 'city');
    const d1 = await org('一区', 'district', city);
    const d2 = await org('二区', 'district', city);
    const s1 = await org('一区第一小学', 'school', d1);
    const s2 = await org('一区第二小学', 'school', d1);
    const s3 = await org('二区第一小学', 'school', d2);
    const g1 = await org('语文组', 'group', s1);
    const g1b = await org('数学组', 'group', s1);
    const g2 = await org('语文组', 'group', s2);
    const g3 = await org('语文组', 'group', s3);
    const orgs = { city, d1, d2, s1, s2, s3, g1, g1b, g2, g3 };
    const users = {
      sysadmin: await person('系统管理员', { username: 'sysadmin', roles: [['sysadmin', null]] }),
      research_admin: await person('区管理员', {
        org: d1,
        username: 'research_admin',
        roles: [['research_admin', d1]],
      }),
      school_director: await person('教科室主任', {
        org: s1,
        username: 'school_director',
        roles: [
          ['school_director', s1],
          ['teacher', s1],
        ],
      }),
      school_leader: await person('校长', {
        org: s1,
        username: 'school_leader',
        roles: [
          ['school_leader', s1],
          ['teacher', s1],
        ],
      }),
      group_leader: await person('教研组长', {
        org: s1,
        groups: [g1],
        username: 'group_leader',
        roles: [['group_leader', g1]],
      }),
      teacher: await person('普通教师', { org: s1, groups: [g1b], username: 'teacher', roles: [['teacher', s1]] }),
      expert: await person('评审专家', { org: d1, username: 'expert', roles: [['expert', d1]] }),
    };
    // One person "at" each org: groups' members are teachers of the group's school.
    const at: Record<keyof typeof orgs, { id: string; name: string }> = {} as Record<
      keyof typeof orgs,
      { id: string; name: string }
    >;
    for (const [key, o] of Object.entries(orgs) as [keyof typeof orgs, OrgRow][]) {
      if (o.kind === 'group') {
        const school = Object.values(orgs).find((x) => x.id === o.parent_id);
        at[key] = await person(`${o.name}成员${key}`, { org: school, groups: [o] });
      } else {
        at[key] = await person(`${o.name}职员`, { org: o });
      }
    }
    return { orgs, users, at };
  }

  return { org, person, growth, world };
}
