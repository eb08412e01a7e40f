import { z } from 'zod';
import { level } from '../calls/calls.schema.js';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** Work kinds (论文, 教案, 教学设计, 案例, 课件, 课例, 专著). */
export const WORK_KINDS = ['paper', 'lesson_plan', 'design', 'case', 'courseware', 'lesson_example', 'book'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export const WORK_KIND_LABELS: Record<WorkKind, string> = {
  paper: '论文',
  lesson_plan: '教案',
  design: '教学设计',
  case: '案例',
  courseware: '课件',
  lesson_example: '课例',
  book: '专著',
};

/** Award results, best first: 特等奖/一等奖/二等奖/三等奖/优秀奖/入围. */
export const RESULTS = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export type WorkResult = (typeof RESULTS)[number];
export const RESULT_LABELS: Record<WorkResult, string> = {
  special: '特等奖',
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  merit: '优秀奖',
  shortlisted: '入围',
};

/** Entry statuses: in pre-review → recommended / not → submitted → awarded / not awarded. */
export const ENTRY_STATUSES = [
  'prereview',
  'recommended',
  'not_recommended',
  'submitted',
  'awarded',
  'not_awarded',
] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  prereview: '校内初审中',
  recommended: '初审推荐',
  not_recommended: '初审未推荐',
  submitted: '已报送',
  awarded: '已获奖',
  not_awarded: '未获奖',
};

export const LEVEL_LABELS: Record<z.infer<typeof level>, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区级',
  school: '校级',
};

/** The pre-review rubric (校内初审评分表): criteria with their maximum; total out of 100. */
export const PREREVIEW_RUBRIC = [
  { key: 'topic', label: '选题价值', max: 25 },
  { key: 'content', label: '内容与观点', max: 35 },
  { key: 'method', label: '研究方法与论证', max: 20 },
  { key: 'writing', label: '文字表达与规范', max: 20 },
] as const;

export const workKind = z.enum(WORK_KINDS);
export const workResult = z.enum(RESULTS);
export const entryStatus = z.enum(ENTRY_STATUSES);
export { level };

const id = z.string().min(1).max(64);
const shortText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const year = z.coerce.number().int().min(1990).max(2200);

// ---------- works ----------

/** An author: a person of the system, or an outside co-author's name. Order of the array = author order. */
export const authorInput = z.union([z.object({ personId: id }), z.object({ outsideName: nameText(50) })]);

export const createWorkBody = z.object({
  kind: workKind,
  title: nameText(300),
  /** The authors in order, as person ids (API.md); `authors` may be given instead to include outside names. */
  authorIds: z.array(id).max(30).optional(),
  authors: z.array(authorInput).max(30).optional(),
  charCount: z.number().int().min(0).max(10_000_000).optional(),
  subject: shortText(50).optional(),
  abstract: shortText(5000).optional(),
  writtenOn: plainDate.optional(),
  projectIds: z.array(id).max(20).optional(),
  /** The school; defaults to the first author's (or the caller's) school. */
  orgId: id.optional(),
});
export type CreateWork = z.infer<typeof createWorkBody>;

export const updateWorkBody = z.object({
  version: versionField,
  kind: workKind.optional(),
  title: nameText(300).optional(),
  authorIds: z.array(id).max(30).optional(),
  authors: z.array(authorInput).max(30).optional(),
  charCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  subject: shortText(50).nullable().optional(),
  abstract: shortText(5000).optional(),
  writtenOn: plainDate.nullable().optional(),
  projectIds: z.array(id).max(20).optional(),
});
export type UpdateWork = z.infer<typeof updateWorkBody>;

export const worksQuery = pageQuery.extend({
  orgId: id.optional(),
  /** Works with an entry, publication or writing date in the term. */
  termId: id.optional(),
  kind: workKind.optional(),
  personId: id.optional(),
  projectId: id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type WorksFilter = Omit<z.infer<typeof worksQuery>, 'page' | 'pageSize'>;

export const authorSchema = z.object({
  position: z.number().int(),
  personId: z.string().nullable(),
  /** The person's name or the outside name. */
  name: z.string(),
  outside: z.boolean(),
});

export const workAbilities = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  /** Enter it into a competition. */
  enter: z.boolean(),
  /** Record results, publications, certificates (work.manage). */
  manage: z.boolean(),
  /** Assign pre-reviewers and decide (prereview.manage). */
  prereview: z.boolean(),
});

export const prereviewAssignmentSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  scores: z.record(z.string(), z.number()),
  total: z.number().nullable(),
  comment: z.string(),
  opinion: z.enum(['recommend', 'not_recommend']).nullable(),
  submittedAt: z.string().nullable(),
  abilities: z.object({ score: z.boolean(), remove: z.boolean() }),
});
export type PrereviewAssignmentDto = z.infer<typeof prereviewAssignmentSchema>;

export const entrySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  workId: z.string(),
  workTitle: z.string(),
  workKind: workKind,
  orgId: z.string(),
  orgName: z.string(),
  /** Authors' names in order, joined for tables. */
  authorNames: z.array(z.string()),
  competitionId: z.string(),
  competitionName: z.string(),
  competitionLevel: level,
  editionId: z.string().nullable(),
  editionTitle: z.string().nullable(),
  year: z.number().int(),
  enteredOn: z.string(),
  status: entryStatus,
  statusLabel: z.string(),
  result: workResult.nullable(),
  resultLabel: z.string().nullable(),
  resultOn: z.string().nullable(),
  certificate: z.object({ name: z.string(), size: z.number(), url: z.string() }).nullable(),
  /** 论文定质: the school's decision comment. */
  decisionComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Mean of the submitted pre-review totals. */
  prereviewMean: z.number().nullable(),
  /** Visible to the school (prereview.manage) in full, to a reviewer only their own. */
  prereviews: z.array(prereviewAssignmentSchema),
  abilities: z.object({
    update: z.boolean(),
    delete: z.boolean(),
    assign: z.boolean(),
    decide: z.boolean(),
    result: z.boolean(),
    uploadCertificate: z.boolean(),
  }),
});
export type EntryDto = z.infer<typeof entrySchema>;

export const publicationSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  workId: z.string(),
  workTitle: z.string(),
  workKind: workKind,
  charCount: z.number().int().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  authorNames: z.array(z.string()),
  journal: z.string(),
  level,
  levelLabel: z.string(),
  issue: z.string(),
  publishedOn: z.string(),
  pages: z.string(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type PublicationDto = z.infer<typeof publicationSchema>;

export const workSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  orgId: z.string(),
  orgName: z.string(),
  kind: workKind,
  kindLabel: z.string(),
  title: z.string(),
  subject: z.string().nullable(),
  charCount: z.number().int().nullable(),
  abstract: z.string(),
  writtenOn: z.string().nullable(),
  authors: z.array(authorSchema),
  projects: z.array(z.object({ id: z.string(), title: z.string(), level: z.string() })),
  /** Counts for lists; the detail (GET /api/works/:id) also carries the records. */
  entryCount: z.number().int(),
  publicationCount: z.number().int(),
  /** The best result among its entries. */
  bestResult: workResult.nullable(),
  entries: z.array(entrySchema).optional(),
  publications: z.array(publicationSchema).optional(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: workAbilities,
});
export type WorkDto = z.infer<typeof workSchema>;

export const workParams = z.object({ id });
export const entryParams = z.object({ id, entryId: id });
export const publicationParams = z.object({ id, publicationId: id });

// ---------- entries ----------

export const createEntryBody = z.object({
  competitionId: id,
  year,
  editionId: id.optional(),
  /** Defaults to today. */
  enteredOn: plainDate.optional(),
  /** Skip the pre-review (e.g. a work sent directly); only with work.manage. Defaults to false. */
  skipPrereview: z.boolean().optional(),
});
export type CreateEntry = z.infer<typeof createEntryBody>;

/** Result (获奖), submission or corrections of an entry. */
export const updateEntryBody = z.object({
  version: versionField,
  /** A result marks the entry 'awarded'; null clears it. */
  result: workResult.nullable().optional(),
  /** Defaults to today when a result is first given. */
  resultOn: plainDate.nullable().optional(),
  /** 'submitted' (报送) after recommendation, 'not_awarded' when the competition gave nothing. */
  status: z.enum(['submitted', 'not_awarded']).optional(),
  editionId: id.nullable().optional(),
  year: year.optional(),
  enteredOn: plainDate.optional(),
});
export type UpdateEntry = z.infer<typeof updateEntryBody>;

export const entriesQuery = pageQuery.extend({
  orgId: id.optional(),
  termId: id.optional(),
  result: workResult.optional(),
  /** Only entries with a result (awards). */
  awarded: z.enum(['true', 'false']).optional(),
  status: entryStatus.optional(),
  level: level.optional(),
  competitionId: id.optional(),
  personId: id.optional(),
  kind: workKind.optional(),
});
export type EntriesFilter = Omit<z.infer<typeof entriesQuery>, 'page' | 'pageSize'>;

// ---------- pre-review (校内初审) ----------

export const assignBody = z.object({ reviewerIds: z.array(id).min(1, '至少选择一位评审').max(20) });
export const scoreBody = z.object({
  /** Defaults to the caller's own assignment. */
  assignmentId: id.optional(),
  scores: z.record(z.string(), z.number().min(0).max(100)),
  comment: shortText(2000).default(''),
  opinion: z.enum(['recommend', 'not_recommend']).optional(),
});
export type ScoreInput = z.infer<typeof scoreBody>;
export const decisionBody = z.object({
  decision: z.enum(['recommend', 'not_recommend']),
  comment: shortText(2000).default(''),
});
export type DecisionInput = z.infer<typeof decisionBody>;
export const prereviewsQuery = pageQuery.extend({
  orgId: id.optional(),
  /** 'pending' = not yet scored by the reviewer / not yet decided by the school. */
  state: z.enum(['pending', 'done', 'all']).default('all'),
});
export const prereviewItemSchema = z.object({
  entry: entrySchema,
  work: workSchema,
});
export const rubricSchema = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string(), max: z.number() })),
});

// ---------- publications ----------

export const createPublicationBody = z.object({
  journal: nameText(200),
  level,
  issue: shortText(50).optional(),
  publishedOn: plainDate,
  pages: shortText(50).optional(),
});
export type CreatePublication = z.infer<typeof createPublicationBody>;
export const updatePublicationBody = z.object({
  version: versionField,
  journal: nameText(200).optional(),
  level: level.optional(),
  issue: shortText(50).optional(),
  publishedOn: plainDate.optional(),
  pages: shortText(50).optional(),
});
export type UpdatePublication = z.infer<typeof updatePublicationBody>;
export const publicationsQuery = pageQuery.extend({
  orgId: id.optional(),
  termId: id.optional(),
  level: level.optional(),
  personId: id.optional(),
});
export type PublicationsFilter = Omit<z.infer<typeof publicationsQuery>, 'page' | 'pageSize'>;

// ---------- competitions ----------

export const editionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  competitionId: z.string(),
  year: z.number().int(),
  deadline: z.string().nullable(),
  title: z.string(),
});
export type EditionDto = z.infer<typeof editionSchema>;

export const competitionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  /** null = built-in. */
  orgId: z.string().nullable(),
  name: z.string(),
  level,
  levelLabel: z.string(),
  organiser: z.string(),
  description: z.string(),
  workKinds: z.array(workKind),
  active: z.boolean(),
  builtIn: z.boolean(),
  editions: z.array(editionSchema),
  abilities: z.object({ update: z.boolean(), addEdition: z.boolean() }),
});
export type CompetitionDto = z.infer<typeof competitionSchema>;

export const createCompetitionBody = z.object({
  name: nameText(100),
  level,
  organiser: shortText(100).default(''),
  description: shortText(2000).default(''),
  workKinds: z.array(workKind).max(7).default([]),
  /** The owning org (school, district…); defaults to the caller's school. */
  orgId: id.optional(),
});
export type CreateCompetition = z.infer<typeof createCompetitionBody>;
export const updateCompetitionBody = z.object({
  version: versionField,
  name: nameText(100).optional(),
  level: level.optional(),
  organiser: shortText(100).optional(),
  description: shortText(2000).optional(),
  workKinds: z.array(workKind).max(7).optional(),
  active: z.boolean().optional(),
});
export type UpdateCompetition = z.infer<typeof updateCompetitionBody>;
export const competitionsQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  level: level.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const createEditionBody = z.object({
  year,
  deadline: plainDate.optional(),
  /** Defaults to '<year>年<name>'. */
  title: shortText(200).optional(),
});
export type CreateEdition = z.infer<typeof createEditionBody>;

// ---------- student awards (指导学生获奖) ----------

export const studentAwardSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  personId: z.string(),
  personName: z.string(),
  orgId: z.string(),
  studentName: z.string(),
  className: z.string().nullable(),
  competition: z.string(),
  title: z.string(),
  level,
  levelLabel: z.string(),
  result: workResult,
  resultLabel: z.string(),
  awardedOn: z.string(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type StudentAwardDto = z.infer<typeof studentAwardSchema>;
export const createStudentAwardBody = z.object({
  /** The guiding teacher; defaults to the caller. */
  personId: id.optional(),
  studentName: nameText(50),
  className: shortText(50).optional(),
  competition: nameText(200),
  title: shortText(300).optional(),
  level,
  result: workResult,
  awardedOn: plainDate,
});
export type CreateStudentAward = z.infer<typeof createStudentAwardBody>;
export const updateStudentAwardBody = z.object({
  version: versionField,
  studentName: nameText(50).optional(),
  className: shortText(50).nullable().optional(),
  competition: nameText(200).optional(),
  title: shortText(300).optional(),
  level: level.optional(),
  result: workResult.optional(),
  awardedOn: plainDate.optional(),
});
export type UpdateStudentAward = z.infer<typeof updateStudentAwardBody>;
export const studentAwardsQuery = pageQuery.extend({
  orgId: id.optional(),
  termId: id.optional(),
  personId: id.optional(),
  level: level.optional(),
});
export type StudentAwardsFilter = Omit<z.infer<typeof studentAwardsQuery>, 'page' | 'pageSize'>;
