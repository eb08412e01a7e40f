import { pinyin } from 'pinyin-pro';
import { allows } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';
import { ROLES, type Role } from '../../access/roles.js';
import { ageOn, today } from '../../calendar.js';
import { fromJson } from '../../db/dialect.js';
import type { PersonRow } from '../../db/types.js';
import { BACKBONE_LEVELS, type PersonDto, TITLES } from './people.schema.js';

/** Pinyin of a name for ordering and search: 'zhang jing gang|zjg'. */
export function nameKey(name: string): string {
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).join(' ').toLowerCase();
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase();
  return `${full}|${initials}`;
}

/** What the presenter needs besides the row: names and memberships loaded in batches. */
export interface PersonExtras {
  orgName: string | null;
  groups: { id: string; name: string; path: string }[];
  grants: { id: string; role: string; org_id: string | null; org_name: string | null }[];
  username: string | null;
  homePath: string | null;
}

const oneOf = <T extends string>(values: readonly T[], v: string, fallback: T): T =>
  (values as readonly string[]).includes(v) ? (v as T) : fallback;

/** Person row → API shape with the caller's abilities on it; `on`: the day ages are counted on (one per page). */
export function presentPerson(row: PersonRow, x: PersonExtras, principal: Principal, on = today()): PersonDto {
  const paths = [...(x.homePath ? [x.homePath] : []), ...x.groups.map((g) => g.path)];
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    orgId: row.org_id,
    orgName: x.orgName,
    gender: row.gender === 'female' ? 'female' : 'male',
    birthDate: row.birth_date,
    age: row.birth_date ? ageOn(row.birth_date, on) : null,
    hireDate: row.hire_date,
    subjects: fromJson<string[]>(row.subjects, []),
    title: oneOf(TITLES, row.title, 'unrated'),
    backboneLevel: oneOf(BACKBONE_LEVELS, row.backbone_level, 'none'),
    groups: x.groups.map((g) => ({ id: g.id, name: g.name })),
    phone: row.phone,
    email: row.email,
    employeeNo: row.employee_no,
    active: row.active === 1,
    username: x.username,
    roles: x.grants.map((g) => ({
      id: g.id,
      role: oneOf(ROLES, g.role, 'teacher') as Role,
      orgId: g.org_id,
      orgName: g.org_name,
    })),
    abilities: {
      update: allows(principal, 'person.update', paths),
      grantRoles: allows(principal, 'role.grant', paths),
    },
  };
}
