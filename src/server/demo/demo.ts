import { hashPassword } from '../auth/passwords.js';
import { today, yearsBefore } from '../calendar.js';
import type { Database } from '../db/database.js';
import { newId, nowIso, toJson } from '../db/dialect.js';
import type { DB, NewPerson, OrgRow } from '../db/types.js';
import { loadDemoSearchAndNotifications } from '../modules/notifications/notifications.demo.js';
import { nameKey } from '../modules/people/people.presenter.js';
import { loadDemoPlans } from './demo-plans.js';
import { loadDemoProjects } from './demo-projects.js';
import { loadDemoTeaching } from './demo-teaching.js';
import { loadDemoWorks } from './demo-works.js';
import { personName, type Random, seededRandom } from './names.js';

/** The password of every demo account (the demo is for trying the product, never for real data). */
export const DEMO_PASSWORD = 'demo2026';

interface SchoolPlan {
  name: string;
  code: string;
  rural: boolean;
  teachers: number;
  subjectGroups: { name: string; subjects: string[] }[];
  gradeGroups: string[];
}

const SCHOOLS: SchoolPlan[] = [
  {
    name: '示例区实验小学（示例）',
    code: 'DEMO-XX01',
    rural: false,
    teachers: 34,
    subjectGroups: [
      { name: '语文教研组', subjects: ['语文'] },
      { name: '数学教研组', subjects: ['数学'] },
      { name: '英语教研组', subjects: ['英语'] },
      { name: '综合教研组', subjects: ['体育', '音乐', '美术', '科学', '信息科技', '道德与法治'] },
    ],
    gradeGroups: ['一年级组', '二年级组', '三年级组', '四年级组', '五年级组', '六年级组'],
  },
  {
    name: '示例区城南中学（示例）',
    code: 'DEMO-ZX02',
    rural: true,
    teachers: 26,
    subjectGroups: [
      { name: '语文组', subjects: ['语文'] },
      { name: '数学组', subjects: ['数学'] },
      { name: '英语组', subjects: ['英语'] },
      { name: '理化生组', subjects: ['物理', '化学', '生物'] },
      { name: '政史地组', subjects: ['道德与法治', '历史', '地理'] },
    ],
    gradeGroups: ['七年级组', '八年级组', '九年级组'],
  },
];

/** Demo login accounts: who they are and what they may do. */
export const DEMO_ACCOUNTS = [
  { username: 'district', role: 'research_admin', label: '区教研室管理员' },
  { username: 'director', role: 'school_director', label: '实验小学教科室主任' },
  { username: 'leader', role: 'school_leader', label: '实验小学分管校长' },
  { username: 'zuzhang', role: 'group_leader', label: '实验小学语文教研组长' },
  { username: 'teacher', role: 'teacher', label: '实验小学教师' },
  { username: 'expert', role: 'expert', label: '市专家库评审专家' },
] as const;

function titleFor(age: number, r: Random): string {
  if (age < 26) return r.pick(['unrated', 'level3', 'level2']);
  if (age < 32) return r.pick(['level2', 'level2', 'level1']);
  if (age < 42) return r.pick(['level1', 'level1', 'senior']);
  return r.pick(['level1', 'senior', 'senior', 'full_senior']);
}

function backboneFor(age: number, r: Random): string {
  const x = r.next();
  if (age < 28) return 'none';
  if (x < 0.55) return 'none';
  if (x < 0.75) return 'school';
  if (x < 0.88) return 'district';
  if (x < 0.95) return 'city';
  return age > 40 ? r.pick(['leader', 'master', 'province']) : 'city';
}

/** Loads the demo district (示例区) with two schools, their groups and about 60 teachers. */
export async function loadDemo(database: Database): Promise<{ people: number; schools: number; projects: number }> {
  const r = seededRandom(20261123);
  const now = nowIso();
  const on = today();
  const orgs: OrgRow[] = [];
  const org = (name: string, kind: OrgRow['kind'], parent: OrgRow | null, extra: Partial<OrgRow> = {}): OrgRow => {
    const id = newId();
    const row: OrgRow = {
      id,
      name,
      kind,
      group_type: null,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      code: null,
      rural: 0,
      sort: orgs.filter((o) => o.parent_id === (parent?.id ?? null)).length,
      version: 1,
      created_at: now,
      updated_at: now,
      ...extra,
    };
    orgs.push(row);
    return row;
  };
  const city = org('示例市教育科学研究所（示例）', 'city', null, { code: 'DEMO-CITY' });
  const district = org('示例区教师发展中心（示例）', 'district', city, { code: 'DEMO-QU' });

  const people: NewPerson[] = [];
  const memberships: DB['person_groups'][] = [];
  const grants: DB['role_grants'][] = [];
  const grant = (personId: string, role: string, orgId: string) =>
    grants.push({ id: newId(), person_id: personId, role, org_id: orgId, created_at: now, created_by: null });
  const person = (
    name: string,
    gender: 'male' | 'female',
    age: number,
    orgId: string,
    subjects: string[],
  ): NewPerson => {
    const birth =
      yearsBefore(on, age).slice(0, 5) +
      `${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const row: NewPerson = {
      id: newId(),
      org_id: orgId,
      name,
      name_key: nameKey(name),
      gender,
      birth_date: birth,
      hire_date: `${yearsBefore(on, Math.max(0, age - r.int(21, 24))).slice(0, 5)}08-28`,
      subjects: toJson(subjects),
      title: titleFor(age, r),
      backbone_level: backboneFor(age, r),
      phone: `139${String(r.int(10000000, 99999999))}`,
      email: null,
      employee_no: null,
      active: 1,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    people.push(row);
    return row;
  };

  const named: Record<string, string> = {};
  const districtAdmin = person('周文澜', 'female', 48, district.id, ['语文']);
  grant(districtAdmin.id, 'research_admin', district.id);
  named.district = districtAdmin.id;
  // Experts come from the city's pool (市教科所专家库), so they are never of the demo schools' district.
  const expert = person('钱思远', 'male', 52, city.id, ['数学']);
  grant(expert.id, 'expert', city.id);
  named.expert = expert.id;
  const experts = [expert.id];
  for (const [name, gender, age, subject] of [
    ['孙海燕', 'female', 47, '语文'],
    ['唐志远', 'male', 55, '物理'],
  ] as const) {
    const e = person(name, gender, age, city.id, [subject]);
    grant(e.id, 'expert', city.id);
    experts.push(e.id);
  }

  const usedNames = new Set<string>();
  const schoolIds: string[] = [];
  const schoolTeachers: string[][] = [];
  SCHOOLS.forEach((plan, si) => {
    const school = org(plan.name, 'school', district, { code: plan.code, rural: plan.rural ? 1 : 0 });
    schoolIds.push(school.id);
    schoolTeachers.push([]);
    const subjectGroups = plan.subjectGroups.map((g) => ({
      ...g,
      row: org(g.name, 'group', school, { group_type: 'subject' }),
    }));
    const gradeGroups = plan.gradeGroups.map((g) => org(g, 'group', school, { group_type: 'grade' }));
    for (let i = 0; i < plan.teachers; i++) {
      const gender = r.next() < 0.72 ? 'female' : 'male';
      let name = personName(r, gender);
      while (usedNames.has(name)) name = personName(r, gender);
      usedNames.add(name);
      // Ages spread like a real staff room: many young teachers, a solid middle, a few near retirement.
      const age = r.pick([23, 24, 25, 26, 27, 28, 29, 31, 33, 34, 35, 36, 38, 40, 42, 44, 45, 47, 49, 52, 55]);
      const group = subjectGroups[i % subjectGroups.length];
      const subject = r.pick(group.subjects);
      const p = person(name, gender, age, school.id, [subject]);
      p.employee_no = `${plan.code.slice(-4)}${String(i + 1).padStart(3, '0')}`;
      memberships.push({ person_id: p.id, group_id: group.row.id });
      memberships.push({ person_id: p.id, group_id: gradeGroups[i % gradeGroups.length].id });
      grant(p.id, 'teacher', school.id);
      schoolTeachers[si].push(p.id);
      if (si === 1 && i === 1) {
        grant(p.id, 'school_director', school.id);
        named.director2 = p.id;
      }
      if (si === 0 && i === 0) {
        grant(p.id, 'group_leader', group.row.id);
        named.zuzhang = p.id;
      }
      if (si === 0 && i === 1) {
        grant(p.id, 'school_director', school.id);
        named.director = p.id;
      }
      if (si === 0 && i === 6) named.teacher = p.id;
      if (si === 0 && i === 9) {
        grant(p.id, 'school_leader', school.id);
        named.leader = p.id;
      }
    }
  });

  const hash = await hashPassword(DEMO_PASSWORD);
  await database.db.transaction().execute(async (trx) => {
    for (const o of orgs) await trx.insertInto('orgs').values(o).execute();
    for (let i = 0; i < people.length; i += 100)
      await trx
        .insertInto('people')
        .values(people.slice(i, i + 100))
        .execute();
    for (let i = 0; i < memberships.length; i += 200) {
      await trx
        .insertInto('person_groups')
        .values(memberships.slice(i, i + 200))
        .execute();
    }
    await trx.insertInto('role_grants').values(grants).execute();
    await trx
      .insertInto('accounts')
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          person_id: named[a.username],
          username: a.username,
          password_hash: hash,
          must_change_password: 0,
          created_at: now,
          password_changed_at: now,
        })),
      )
      .execute();
    await trx.insertInto('settings').values({ key: 'demo.loaded', value: now }).execute();
  });
  const work = await loadDemoProjects(database, {
    district: district.id,
    schools: schoolIds,
    schoolTeachers,
    director: named.director,
    director2: named.director2,
    districtAdmin: named.district,
    experts,
  });

  const term = await database.db
    .selectFrom('terms')
    .select('starts_on')
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on)
    .executeTakeFirst();
  await loadDemoTeaching(database, r, schoolIds[0], named.director, term?.starts_on ?? `${on.slice(0, 8)}01`, on);
  await loadDemoWorks(
    database,
    [
      { schoolId: schoolIds[0], directorId: named.director, teacherId: named.teacher },
      { schoolId: schoolIds[1], directorId: named.director2 },
    ],
    term?.starts_on ?? `${on.slice(0, 8)}01`,
    on,
  );
  await loadDemoSearchAndNotifications(database);
  await loadDemoPlans(
    database,
    { schoolId: schoolIds[0], director: named.director, leader: named.leader, zuzhang: named.zuzhang },
    on,
  );
  return { people: people.length, schools: SCHOOLS.length, projects: work.projects };
}

/** Whether the demo was already loaded (so a restart does not load it twice). */
export async function demoLoaded(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'demo.loaded')
    .executeTakeFirst();
  return Boolean(row);
}
