import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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

/** A background job (后台任务): an export or import run for its creator by any app process. */
export interface JobTable {
  id: string;
  kind: 'export' | 'import';
  target: string;
  label: string;
  input_key: string | null;
  input_name: string | null;
  status: 'queued' | 'running' | 'done' | 'error';
  progress: number;
  message: string;
  result_key: string | null;
  result_name: string | null;
  result_type: string | null;
  result_json: string | null;
  attempts: number;
  locked_by: string | null;
  heartbeat_at: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  version: number;
}
export type JobRow = Selectable<JobTable>;

export interface DB {
  jobs: JobTable;
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
  works: WorkTable;
  work_authors: WorkAuthorTable;
  work_projects: WorkProjectTable;
  competitions: CompetitionTable;
  competition_editions: CompetitionEditionTable;
  work_entries: WorkEntryTable;
  prereview_assignments: PrereviewAssignmentTable;
  publications: PublicationTable;
  student_awards: StudentAwardTable;
  school_rules: SchoolRuleTable;
  notifications: NotificationTable;
  notification_settings: NotificationSettingTable;
  search_index: SearchIndexTable;
  plans: PlanTable;
  plan_items: PlanItemTable;
  summary_drafts: SummaryDraftTable;
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

/** An in-app notification (通知) for one person. */
export interface NotificationTable {
  id: string;
  person_id: string;
  kind: string;
  title: string;
  body: string;
  /** A path inside the web app. */
  link: string | null;
  org_id: string | null;
  /** Reminders: one notification per person and key. */
  dedup_key: string | null;
  read_at: string | null;
  created_at: string;
  /** What the title says, for the reader's language: JSON {key, params} (see notifications/notices.ts); null on older rows. */
  message: string | null;
}
export type NotificationRow = Selectable<NotificationTable>;

/** A person's notification settings: the daily digest (每日摘要) and its hour. */
export interface NotificationSettingTable {
  person_id: string;
  digest: number;
  digest_hour: number;
  version: number;
  updated_at: string;
}

/** A work (论文, 教案, 教学设计, 案例, 课件, 课例, 专著) of a school's teachers. */
export interface WorkTable {
  id: string;
  /** The school. */
  org_id: string;
  /** 'paper' | 'lesson_plan' | 'design' | 'case' | 'courseware' | 'lesson_example' | 'book' */
  kind: string;
  title: string;
  subject: string | null;
  /** 字数. */
  char_count: number | null;
  abstract: string;
  written_on: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type WorkRow = Selectable<WorkTable>;

/** One author of a work, ordered by position (1 = first author); a person or an outside name. */
export interface WorkAuthorTable {
  id: string;
  work_id: string;
  position: number;
  person_id: string | null;
  outside_name: string | null;
}

/** A work linked to a project (its outputs count for the project's conclusion rules). */
export interface WorkProjectTable {
  work_id: string;
  project_id: string;
}

/** A competition (评比) of the catalogue; org_id null = built-in. */
export interface CompetitionTable {
  id: string;
  org_id: string | null;
  name: string;
  /** A project level: 'national' | 'provincial' | 'city' | 'district' | 'school'. */
  level: string;
  organiser: string;
  description: string;
  /** JSON text: the work kinds it takes ([] = any). */
  work_kinds: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export type CompetitionRow = Selectable<CompetitionTable>;

/** A yearly edition of a competition with its deadline. */
export interface CompetitionEditionTable {
  id: string;
  competition_id: string;
  year: number;
  deadline: string | null;
  title: string;
  org_id: string | null;
  version: number;
  created_at: string;
}
export type CompetitionEditionRow = Selectable<CompetitionEditionTable>;

/** A work entered into a competition: pre-review (校内初审), submission and result (获奖). */
export interface WorkEntryTable {
  id: string;
  work_id: string;
  competition_id: string;
  edition_id: string | null;
  year: number;
  entered_on: string;
  /** 'prereview' | 'recommended' | 'not_recommended' | 'submitted' | 'awarded' | 'not_awarded' */
  status: string;
  /** 'special' | 'first' | 'second' | 'third' | 'merit' | 'shortlisted' */
  result: string | null;
  result_on: string | null;
  /** Storage key of the certificate (获奖证书). */
  certificate_file: string | null;
  certificate_name: string | null;
  certificate_mime: string | null;
  certificate_size: number | null;
  decision_comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  entered_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type WorkEntryRow = Selectable<WorkEntryTable>;

/** A reviewer of the school's review group assigned to one entry, with their scores. */
export interface PrereviewAssignmentTable {
  id: string;
  entry_id: string;
  reviewer_id: string;
  /** JSON text {key: number}. */
  scores: string;
  total: number | null;
  comment: string;
  /** 'recommend' | 'not_recommend' | null */
  opinion: string | null;
  submitted_at: string | null;
  assigned_by: string | null;
  created_at: string;
}
export type PrereviewAssignmentRow = Selectable<PrereviewAssignmentTable>;

/** A publication (发表) of a work in a journal. */
export interface PublicationTable {
  id: string;
  work_id: string;
  journal: string;
  /** A project level. */
  level: string;
  issue: string;
  published_on: string;
  pages: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type PublicationRow = Selectable<PublicationTable>;

/** A student-guidance award (指导学生获奖): person_id is the guiding teacher. */
export interface StudentAwardTable {
  id: string;
  person_id: string;
  org_id: string;
  student_name: string;
  class_name: string | null;
  competition: string;
  title: string;
  level: string;
  result: string;
  awarded_on: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type StudentAwardRow = Selectable<StudentAwardTable>;

/** A semester work plan (学期工作计划) of an org for a term. */
export interface PlanTable {
  id: string;
  org_id: string;
  term_id: string;
  title: string;
  goals: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export type PlanRow = Selectable<PlanTable>;

/** One item of a plan's monthly arrangement (月度工作安排). */
export interface PlanItemTable {
  id: string;
  plan_id: string;
  /** 'YYYY-MM' */
  month: string;
  title: string;
  owner_id: string | null;
  owner_text: string | null;
  due_on: string | null;
  done: number;
  done_on: string | null;
  note: string;
  sort: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export type PlanItemRow = Selectable<PlanItemTable>;

/** The semester summary draft (学期教科研工作总结) of an org and term. */
export interface SummaryDraftTable {
  id: string;
  org_id: string;
  term_id: string;
  title: string;
  /** JSON: [{key, title, text, generated}] */
  sections: string;
  /** JSON: [{key, label, value}] */
  figures: string;
  generated_at: string;
  version: number;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}
export type SummaryDraftRow = Selectable<SummaryDraftTable>;

/** A school's rules, points table and rewards settings for one term (制度·考核); JSON as text. */
export interface SchoolRuleTable {
  id: string;
  org_id: string;
  term_id: string;
  rules: string;
  points: string;
  rewards: string;
  /** 'term_start' | 'term_end' | 'fixed' */
  reference_date_mode: string;
  reference_date: string | null;
  version: number;
  updated_by: string | null;
  updated_at: string;
}
export type SchoolRuleRow = Selectable<SchoolRuleTable>;

/** One searchable document (全文检索); see modules/search. */
export interface SearchIndexTable {
  seq: Generated<number>;
  /** 'project' | 'report' | 'activity' | 'growth' | 'work' | 'file' */
  doc_type: string;
  doc_id: string;
  /** Reports and archive files: their project. */
  project_id: string | null;
  org_id: string | null;
  title: string;
  body: string;
  source_updated_at: string;
}
