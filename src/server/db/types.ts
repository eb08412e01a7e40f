import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database schema as the application sees it. Both dialects store the same shapes:
 * ids as text, instants as ISO-8601 UTC text, plain dates as 'YYYY-MM-DD', booleans as 0/1,
 * JSON as text (see dialect.ts).
 */
export interface OrgTable {
  id: string;
  name: string;
  kind: 'province' | 'city' | 'district' | 'school' | 'group';
  /** For groups: 'subject' (教研组/备课组) or 'grade' (年级组). */
  group_type: string | null;
  parent_id: string | null;
  /** Materialised path of ids, '/a/b/c/', so a subtree is one prefix match. */
  path: string;
  code: string | null;
  rural: number;
  sort: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  org_id: string | null;
  name: string;
  /** Pinyin of the name, for ordering and initial-letter search. */
  name_key: string;
  gender: 'male' | 'female';
  birth_date: string | null;
  hire_date: string | null;
  subjects: string;
  title: string;
  backbone_level: string;
  phone: string | null;
  email: string | null;
  employee_no: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PersonGroupTable {
  person_id: string;
  group_id: string;
}

export interface AccountTable {
  person_id: string;
  username: string;
  password_hash: string;
  must_change_password: number;
  created_at: string;
  password_changed_at: string;
}

export interface RoleGrantTable {
  id: string;
  person_id: string;
  role: string;
  org_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface TermTable {
  id: string;
  school_year: number;
  term_no: number;
  name: string;
  starts_on: string;
  ends_on: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  key: string;
  window_start: string;
  failures: number;
}

export interface AuditTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  org_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface DB {
  orgs: OrgTable;
  people: PersonTable;
  person_groups: PersonGroupTable;
  accounts: AccountTable;
  role_grants: RoleGrantTable;
  terms: TermTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditTable;
  settings: SettingTable;
}

export type OrgRow = Selectable<OrgTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type TermRow = Selectable<TermTable>;
export type AuditRow = Selectable<AuditTable>;
