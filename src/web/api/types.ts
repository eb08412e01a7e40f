/** Shapes of the foundation API answers (see API.md in the shared folder). */

export const roles = [
  'sysadmin',
  'research_admin',
  'school_director',
  'school_leader',
  'group_leader',
  'teacher',
  'expert',
] as const;
export type Role = (typeof roles)[number];

export const orgKinds = ['province', 'city', 'district', 'school', 'group'] as const;
export type OrgKind = (typeof orgKinds)[number];

export const groupTypes = ['subject', 'grade'] as const;
export type GroupType = (typeof groupTypes)[number];

export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];

export const titles = ['unrated', 'level3', 'level2', 'level1', 'senior', 'full_senior'] as const;
export type Title = (typeof titles)[number];

export const backboneLevels = ['none', 'school', 'district', 'city', 'province', 'leader', 'master'] as const;
export type BackboneLevel = (typeof backboneLevels)[number];

export const ageBands = ['lt30', '30to34', '35to44', '45plus'] as const;
export type AgeBand = (typeof ageBands)[number];

/** A list answer. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A role held on an org (and everything below it). */
export interface Grant {
  id: string;
  role: Role;
  /** null for a deployment-wide grant (sysadmin). */
  orgId: string | null;
  orgName: string | null;
}

/** What the caller may do, as computed by the server. */
export interface MeAbilities {
  readOrgs: boolean;
  readPeople: boolean;
  manageOrgs: boolean;
  managePeople: boolean;
  importRoster: boolean;
  grantRoles: boolean;
  manageTerms: boolean;
  readAudit: boolean;
  readSystem: boolean;
}

export interface Me {
  id: string;
  name: string;
  username: string;
  /** null for accounts outside any org (the first sysadmin). */
  orgId: string | null;
  orgName: string | null;
  mustChangePassword: boolean;
  csrfToken?: string;
  roles: Grant[];
  abilities: MeAbilities;
}

export interface LoginAnswer {
  user: Me;
  csrfToken: string;
}

export interface OrgAbilities {
  update: boolean;
  createChild: boolean;
  delete: boolean;
  grantRoles: boolean;
}

export interface Org {
  id: string;
  version: number;
  name: string;
  kind: OrgKind;
  groupType: GroupType | null;
  parentId: string | null;
  code: string | null;
  rural: boolean;
  abilities: OrgAbilities;
  childKinds: OrgKind[];
}

export interface OrgNode extends Org {
  children: OrgNode[];
}

export interface PersonAbilities {
  update: boolean;
  grantRoles: boolean;
}

export interface Person {
  id: string;
  version: number;
  name: string;
  orgId: string;
  orgName: string;
  gender: Gender;
  birthDate: string;
  age: number;
  hireDate: string | null;
  subjects: string[];
  title: Title;
  backboneLevel: BackboneLevel;
  groups: { id: string; name: string }[];
  phone: string | null;
  email: string | null;
  employeeNo: string | null;
  username: string | null;
  roles: Grant[];
  abilities: PersonAbilities;
}

/** The writable fields of a person (POST, and PATCH with a version). */
export interface PersonInput {
  name: string;
  orgId: string;
  gender: Gender;
  birthDate: string;
  hireDate?: string | null;
  subjects: string[];
  title?: Title;
  backboneLevel?: BackboneLevel;
  groupIds?: string[];
  phone?: string | null;
  email?: string | null;
  employeeNo?: string | null;
  username?: string;
  password?: string;
}

export interface Term {
  id: string;
  version: number;
  name: string;
  schoolYear: number;
  termNo: number;
  startsOn: string;
  endsOn: string;
  current: boolean;
  abilities?: { update: boolean };
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  createdAt: string;
}

export interface Ok {
  ok: true;
}
