/** Shapes of the project-running API answers (server: modules/reports, conclusion, files). */

export const reportKinds = ['opening', 'monthly', 'midterm', 'conclusion'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportStatuses = ['submitted', 'checked', 'returned'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const opinionGrades = ['excellent', 'good', 'pass', 'fail'] as const;
export type OpinionGrade = (typeof opinionGrades)[number];

/** What a report says; `done` and `next` always, other sections when filled. */
export interface ReportContent {
  done: string;
  next: string;
  materials?: string;
  problems?: string;
  [section: string]: string | undefined;
}

export interface Report {
  id: string;
  version: number;
  projectId: string;
  kind: ReportKind;
  /** 'YYYY-MM' for a monthly report. */
  month: string | null;
  content: ReportContent;
  status: ReportStatus;
  returnReason: string | null;
  authorId: string | null;
  authorName: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
  opinion: string | null;
  grade: OpinionGrade | null;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; check: boolean; opinion?: boolean };
}

export const lessonForms = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'model_lesson',
  'contest_lesson',
  'seminar',
  'lecture',
] as const;
export type LessonForm = (typeof lessonForms)[number];

/** A research lesson planned with the 四定. */
export interface Lesson {
  id: string;
  version: number;
  projectId: string;
  teacherId: string;
  teacherName: string;
  plannedOn: string;
  content: string;
  form: LessonForm;
  heldOn: string | null;
  activityId: string | null;
  createdAt: string;
  abilities: { edit: boolean };
}

export const fileCategories = [
  'application',
  'plan',
  'opening_report',
  'lesson_plan',
  'lesson_record',
  'activity_record',
  'photo',
  'questionnaire',
  'paper',
  'midterm_report',
  'conclusion_report',
  'outcome',
  'other',
] as const;
export type FileCategory = (typeof fileCategories)[number];

export const archiveStages = ['application', 'opening', 'process', 'midterm', 'conclusion'] as const;
export type ArchiveStage = (typeof archiveStages)[number];

export interface ArchiveFile {
  id: string;
  projectId: string;
  category: FileCategory;
  categoryLabel: string;
  stage: ArchiveStage | null;
  stageLabel: string | null;
  name: string;
  size: number;
  mime: string;
  uploadedBy: string | null;
  uploadedByName: string | null;
  createdAt: string;
  abilities: { delete: boolean };
}

export interface FileList {
  items: ArchiveFile[];
  total: number;
  abilities: { upload: boolean };
}

export const outputKinds = ['paper', 'publication', 'award', 'lesson', 'report', 'courseware', 'case'] as const;
export type OutputKind = (typeof outputKinds)[number];

export const awardResults = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export type AwardResult = (typeof awardResults)[number];

export const levels = ['national', 'provincial', 'city', 'district', 'school'] as const;
export type Level = (typeof levels)[number];

/** An output (成果) recorded on the project. */
export interface Output {
  id: string;
  version: number;
  projectId: string;
  kind: OutputKind;
  title: string;
  level: Level | null;
  journal: string | null;
  charCount: number | null;
  result: AwardResult | null;
  onDate: string | null;
  authorIds: string[];
  authors: { id: string; name: string }[];
  createdAt: string;
  abilities: { delete: boolean };
}

export interface OutputInput {
  kind: OutputKind;
  title: string;
  level?: Level;
  journal?: string;
  charCount?: number;
  result?: AwardResult;
  onDate?: string;
  authorIds?: string[];
}

/** An output behind a rule or a promise. */
export interface CheckRecord {
  id: string;
  kind: string;
  title: string;
  level: string | null;
  charCount: number | null;
  result: string | null;
}

/** The conclusion check (结题条件核对). */
export interface ConclusionCheck {
  projectId: string;
  level: Level;
  passed: boolean;
  rules: { key: string; label: string; passed: boolean; required: number; actual: number; records: CheckRecord[] }[];
  promises: { kind: string; promised: number; delivered: number; passed: boolean; records: CheckRecord[] }[];
}

/** What these tabs need to know about the project (UI-A's `Project` satisfies it). */
export interface RunningProject {
  id: string;
  title: string;
  level: string;
  stage: string;
  hostId: string;
  hostName: string;
  members: { personId: string; name: string; role: 'host' | 'core' | 'member' }[];
  abilities: { edit: boolean; actions: string[] };
}
