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

export interface CallTable {
  id: string;
  org_id: string;
  title: string;
  plan_period: string | null;
  /** JSON: string[] of guideline topics (选题指南). */
  guide: string;
  /** JSON: project levels the call admits. */
  levels: string;
  /** JSON: [{kind, bornOnOrAfter?, ruralOnly?, minShare?, outsideQuota?}] */
  kinds: string;
  opens_at: string;
  closes_at: string;
  number_format: string;
  description: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CallQuotaTable {
  call_id: string;
  org_id: string;
  count: number;
}

export interface ProjectTable {
  id: string;
  call_id: string | null;
  title: string;
  level: string;
  kind: string;
  subject: string | null;
  plan_period: string | null;
  org_id: string;
  host_id: string;
  stage: string;
  holder_org_id: string | null;
  manager_org_id: string | null;
  number: string | null;
  rank: number | null;
  starts_on: string | null;
  ends_on: string | null;
  grade: string | null;
  /** JSON: {significance, goals, methods, steps, budget?} */
  sections: string;
  /** JSON: [{kind, count}] */
  expected_outcomes: string;
  historic: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectMemberTable {
  project_id: string;
  person_id: string;
  role: string;
  sort: number;
}

export interface ProjectTransitionTable {
  id: string;
  project_id: string;
  action: string;
  from_stage: string;
  to_stage: string;
  actor_id: string | null;
  at: string;
  reason: string | null;
  details: string | null;
}

export interface ReviewRoundTable {
  id: string;
  org_id: string;
  title: string;
  kind: string;
  blind: number;
  experts_per_item: number;
  rubric: string;
  status: string;
  closes_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewRoundProjectTable {
  round_id: string;
  project_id: string;
  /** The anonymous code shown to blind reviewers (e.g. A-007). */
  code: string;
}

export interface ReviewRoundExpertTable {
  round_id: string;
  expert_id: string;
}

export interface ReviewAssignmentTable {
  id: string;
  round_id: string;
  project_id: string;
  expert_id: string;
  scores: string | null;
  total: number | null;
  comment: string | null;
  submitted_at: string | null;
  version: number;
  created_at: string;
}

export interface ReviewConflictTable {
  id: string;
  expert_id: string;
  person_id: string | null;
  org_id: string | null;
  kind: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ProjectReportTable {
  id: string;
  project_id: string;
  kind: string;
  month: string | null;
  content: string;
  status: string;
  opinion: string | null;
  grade: string | null;
  return_reason: string | null;
  author_id: string | null;
  checked_by: string | null;
  checked_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectFileTable {
  id: string;
  project_id: string;
  category: string;
  stage: string | null;
  original_name: string;
  storage_key: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface ProjectOutputTable {
  id: string;
  project_id: string;
  kind: string;
  title: string;
  level: string | null;
  journal: string | null;
  char_count: number | null;
  result: string | null;
  on_date: string | null;
  author_ids: string;
  version: number;
  created_at: string;
}

export interface ConclusionRuleTable {
  id: string;
  org_id: string | null;
  level: string;
  rules: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface ResearchLessonTable {
  id: string;
  project_id: string;
  teacher_id: string;
  planned_on: string;
  content: string;
  form: string;
  activity_id: string | null;
  held_on: string | null;
  version: number;
  created_at: string;
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
  calls: CallTable;
  call_quotas: CallQuotaTable;
  projects: ProjectTable;
  project_members: ProjectMemberTable;
  project_transitions: ProjectTransitionTable;
  review_rounds: ReviewRoundTable;
  review_round_projects: ReviewRoundProjectTable;
  review_round_experts: ReviewRoundExpertTable;
  review_assignments: ReviewAssignmentTable;
  review_conflicts: ReviewConflictTable;
  project_reports: ProjectReportTable;
  project_files: ProjectFileTable;
  project_outputs: ProjectOutputTable;
  conclusion_rules: ConclusionRuleTable;
  research_lessons: ResearchLessonTable;
  project_changes: ProjectChangeTable;
  growth_records: GrowthRecordTable;
  mentorships: MentorshipTable;
  mentorship_assessments: MentorshipAssessmentTable;
  activities: ActivityTable;
  activity_attendance: ActivityAttendanceTable;
  observations: ObservationTable;
  observation_history: ObservationHistoryTable;
  observation_flags: ObservationFlagTable;
  rubrics: RubricTable;
  attachments: AttachmentTable;
}

export type OrgRow = Selectable<OrgTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type TermRow = Selectable<TermTable>;
export type AuditRow = Selectable<AuditTable>;
export type CallRow = Selectable<CallTable>;
export type ProjectRow = Selectable<ProjectTable>;

/** A change request (变更申请) of a running project: members, title, end date (延期) or termination (撤项). */
export interface ProjectChangeTable {
  id: string;
  project_id: string;
  kind: string;
  /** JSON text: what the change asks for (and, once applied, what it replaced). */
  payload: string;
  reason: string;
  status: string;
  requested_by: string | null;
  requested_at: string;
  school_by: string | null;
  school_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  opinion: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type ProjectChangeRow = Selectable<ProjectChangeTable>;

/** A growth record (专业发展): reading, writing, lesson plan or example, training, outside study, platform. */
export interface GrowthRecordTable {
  id: string;
  person_id: string;
  /** The person's school when the record was made. */
  org_id: string;
  kind: string;
  date: string;
  title: string;
  text: string;
  /** Training hours (学时). */
  hours: number | null;
  /** Reading: 'required' (必读) | 'optional' (选读). */
  book_kind: string | null;
  /** Platform link (http/https). */
  url: string | null;
  /** Outside study: the report-back (外出学习汇报). */
  report_back: string | null;
  /** Hash of the normalised text (copies of another record share it); null when there is no text. */
  text_hash: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export type GrowthRecordRow = Selectable<GrowthRecordTable>;

/** A mentoring pair (师徒结对 / 青蓝工程) inside one school. */
export interface MentorshipTable {
  id: string;
  org_id: string;
  mentor_id: string;
  mentee_id: string;
  starts_on: string;
  ends_on: string | null;
  goals: string;
  /** The agreement (师徒结对协议书). */
  agreement: string;
  /** 'active' | 'ended' */
  status: string;
  /** JSON text: the end-of-term evaluation {comment, grade, excellent, by, at}, or null. */
  evaluation: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export type MentorshipRow = Selectable<MentorshipTable>;

/** One monthly assessment (每月考核) of a mentoring pair; one per pair and month. */
export interface MentorshipAssessmentTable {
  id: string;
  mentorship_id: string;
  /** 'YYYY-MM' */
  month: string;
  score: number | null;
  comment: string;
  assessor_id: string;
  created_at: string;
}
export type MentorshipAssessmentRow = Selectable<MentorshipAssessmentTable>;

/** A teaching-research activity (教研活动) organised by a school or one of its groups. */
export interface ActivityTable {
  id: string;
  org_id: string;
  kind: string;
  title: string;
  topic: string;
  /** 'YYYY-MM-DD' */
  date: string;
  starts_at: string | null;
  ends_at: string | null;
  place: string;
  presenter_id: string | null;
  project_id: string | null;
  /** The 四定 research lesson this activity holds. */
  lesson_id: string | null;
  /** 评课议课: the lesson activity under discussion. */
  reviewed_activity_id: string | null;
  record: string;
  /** JSON text: 集体备课 四个统一 and the lesson plans discussed, or null. */
  prep: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type ActivityRow = Selectable<ActivityTable>;

/** One person's attendance (出勤) at an activity. */
export interface ActivityAttendanceTable {
  activity_id: string;
  person_id: string;
  /** 'present' | 'leave' | 'absent' */
  status: string;
}

/** A lesson observation (听课记录). */
export interface ObservationTable {
  id: string;
  /** The observed teacher's school. */
  org_id: string;
  observer_id: string;
  teacher_id: string;
  date: string;
  period: string | null;
  class_name: string | null;
  subject: string;
  topic: string;
  notes: string;
  /** JSON text {key: score}. */
  scores: string;
  /** 'draft' | 'submitted' | 'reopened' */
  status: string;
  text_hash: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}
export type ObservationRow = Selectable<ObservationTable>;

/** Submit / reopen / edit-after-reopen of an observation: who, when, why. */
export interface ObservationHistoryTable {
  id: string;
  observation_id: string;
  action: string;
  actor_id: string;
  at: string;
  reason: string | null;
}

/** A submitted observation flagged as a copy of another record. */
export interface ObservationFlagTable {
  observation_id: string;
  copy_of_id: string;
  similarity: number;
  created_at: string;
}

/** A school's rubric (评价量表) of one kind. */
export interface RubricTable {
  id: string;
  org_id: string;
  kind: string;
  /** JSON text [{key, label, max, descriptor}]. */
  items: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

/** A photo or file attached to an activity or a growth record. */
export interface AttachmentTable {
  id: string;
  /** 'activity' | 'growth' */
  entity: string;
  entity_id: string;
  original_name: string;
  storage_key: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}
