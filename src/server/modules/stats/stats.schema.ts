import { z } from 'zod';
import type { Ctx } from '../../access/principal.js';
import { ACTIVITY_KINDS } from '../activities/activities.schema.js';
import { PROJECT_KINDS } from '../calls/calls.schema.js';
import { GROWTH_KINDS } from '../growth/growth.schema.js';
import { LEVELS, STAGES } from '../projects/projects.workflow.js';
import { pageQuery } from '../shared.schema.js';

/**
 * The figures of one scope (a city, district, school or group subtree) and one term (SPEC §8).
 *
 * Contract for other modules: `services.stats.figures(ctx, orgId, termId): Promise<Figures>` returns
 * exactly the object `GET /api/stats?orgId=&termId=` answers. The semester summary states numbers
 * ONLY from this object, so the two always agree.
 *
 * Counting rules (each figure can be opened: `GET /api/stats/records?orgId=&termId=&figure=`):
 * - Scope: records whose school (org path) lies under `orgId`.
 * - Project "active" stages: approved, in_progress, midterm_passed, conclusion_requested. A project is
 *   active in the term when its stage history (transitions) puts it in an active stage on some day of
 *   the term. The term's projects are those active in the term plus those with any transition dated
 *   in the term (submitted, approved, concluded, …); their stage is the stage at the term's end (or
 *   now, while the term runs).
 * - Coverage: teachers = active people on the rosters of the scope's schools; inProjects = those of
 *   them who host or are a member of a project active in the term; rate = inProjects / teachers (0..1,
 *   0 when there are no teachers).
 * - Monthly reports (月报): one is due per project in in_progress / midterm_passed for each month of the
 *   term that has ended (up to today); onTime = submitted by the 5th of the next month, late = later,
 *   missing = none yet; rate = onTime / due.
 * - Dated records (activities, observations, growth records) count in the term containing their date;
 *   an award in the term containing `result_on`, an entry by `entered_on`, a publication by
 *   `published_on`, a student award by `awarded_on`.
 */

export const ACTIVE_STAGES = ['approved', 'in_progress', 'midterm_passed', 'conclusion_requested'] as const;
export const AWARD_RESULTS = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export const ENTRY_STATUSES = [
  'prereview',
  'recommended',
  'not_recommended',
  'submitted',
  'awarded',
  'not_awarded',
] as const;
export const WORK_KINDS = ['paper', 'lesson_plan', 'design', 'case', 'courseware', 'lesson_example', 'book'] as const;
export const CONCLUSION_GRADES = ['excellent', 'good', 'pass'] as const;
/** Pyramid layers from the base up (金字塔). */
export const PYRAMID_LAYERS = ['narrative_case', 'school_projects', 'district_city_projects', 'top_projects'] as const;

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1);
const countsBy = <T extends readonly [string, ...string[]]>(keys: T) => z.record(z.enum(keys), count);

export const byLevelSchema = countsBy(LEVELS);
export const byResultSchema = countsBy(AWARD_RESULTS);

export const coveragePointSchema = z.object({
  termId: z.string(),
  termName: z.string(),
  teachers: count,
  inProjects: count,
  rate,
});

export const competitionRowSchema = z.object({
  competitionId: z.string(),
  name: z.string(),
  level: z.string(),
  entries: count,
  awards: count,
  byResult: byResultSchema,
});

export const complianceRuleSchema = z.object({
  /** `observations` | `writing` | `competition` | `one_lesson` | … (the rules helper's keys). */
  rule: z.string(),
  /** People the rule applies to. */
  required: count,
  met: count,
  rate,
});

/** One school's row of the per-school comparison table (district and city scopes; one row for a school). */
export const schoolRowSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  teachers: count,
  inProjects: count,
  coverageRate: rate,
  projectsActive: count,
  topProjects: count,
  activities: count,
  observations: count,
  growth: count,
  awards: count,
  publications: count,
  punctualityRate: rate,
  mentorships: count,
});

export const figuresSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  term: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() }),
  projects: z.object({
    /** Projects of the term (see above). */
    total: count,
    /** Projects in an active stage on some day of the term. */
    active: count,
    byStage: countsBy(STAGES),
    byLevel: byLevelSchema,
    byKind: countsBy(PROJECT_KINDS),
    activeByLevel: byLevelSchema,
    /** Approved (立项) in the term. */
    approved: count,
    /** Concluded (结题) in the term, by grade. */
    concluded: count,
    concludedByGrade: countsBy(CONCLUSION_GRADES),
  }),
  coverage: z.object({
    teachers: count,
    inProjects: count,
    rate,
    /** The same figure for the last terms up to this one, oldest first (at most 6). */
    trend: z.array(coveragePointSchema),
  }),
  punctuality: z.object({ due: count, onTime: count, late: count, missing: count, rate }),
  activities: z.object({ count, byKind: countsBy(ACTIVITY_KINDS) }),
  observations: z.object({
    count,
    /** Distinct observers. */
    observers: count,
  }),
  growth: z.object({ count, byKind: countsBy(GROWTH_KINDS), trainingHours: z.number().min(0) }),
  mentorships: z.object({
    /** Pairs running on some day of the term. */
    active: count,
    /** Monthly assessments recorded for the term's months. */
    assessments: count,
    /** Pairs evaluated 优秀师徒 (excellent). */
    excellent: count,
  }),
  works: z.object({
    /** Works created in the term. */
    count,
    byKind: countsBy(WORK_KINDS),
    /** Competition entries (entered_on in the term). */
    entries: count,
    entriesByStatus: countsBy(ENTRY_STATUSES),
  }),
  awards: z.object({
    /** Awarded entries (result_on in the term, status awarded). */
    count,
    byLevel: byLevelSchema,
    byResult: byResultSchema,
    byCompetition: z.array(competitionRowSchema),
  }),
  publications: z.object({ count, byLevel: byLevelSchema }),
  studentAwards: z.object({ count, byLevel: byLevelSchema, byResult: byResultSchema }),
  /** Observation / writing / … compliance; null when the rules module is not available. */
  compliance: z.object({ source: z.enum(['rules']), rules: z.array(complianceRuleSchema) }).nullable(),
  /** Research-assessment score distribution; null when the assessment module is not available. */
  assessment: z
    .object({ teachers: count, buckets: z.array(z.object({ from: z.number(), to: z.number(), count })) })
    .nullable(),
  /** 金字塔, base first: narratives + cases, school projects, district/city projects, provincial/national. */
  pyramid: z.array(z.object({ layer: z.enum(PYRAMID_LAYERS), count })),
  /** Per-school comparison (schools under the scope; the school itself for a school scope). */
  schools: z.array(schoolRowSchema),
  /** When these figures were computed (ISO instant): at most a minute ago unless asked `fresh`. */
  asOf: z.string(),
});
export type Figures = z.infer<typeof figuresSchema>;

export const statsQuery = z.object({ orgId: z.string().min(1).max(64), termId: z.string().min(1).max(64) });
/** `fresh=1` computes the figures now instead of serving the ones computed up to a minute ago. */
export const figuresQuery = statsQuery.extend({ fresh: z.enum(['0', '1']).optional() });
export type StatsQuery = z.infer<typeof statsQuery>;

/**
 * Click-through: `figure` names a count, e.g. `projects.active`, `projects.byLevel.national`,
 * `coverage.inProjects`, `coverage.uncovered`, `activities.byKind.open_lesson`, `awards.byResult.first`,
 * `pyramid.top_projects`, `punctuality.missing`. Optional `schoolId` narrows to one school row.
 * The list's `total` equals the figure.
 */
export const recordsQuery = statsQuery.extend({
  figure: z.string().min(1).max(100),
  schoolId: z.string().min(1).max(64).optional(),
  ...pageQuery.shape,
});
export type RecordsQuery = z.infer<typeof recordsQuery>;

export const RECORD_TYPES = [
  'project',
  'person',
  'activity',
  'observation',
  'growth',
  'mentorship',
  'work',
  'entry',
  'publication',
  'student_award',
  'monthly_report',
] as const;

/** One record behind a figure, with a link to its page in the app (null when it has none). */
export const statsRecordSchema = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string(),
  title: z.string(),
  /** Who: host, teacher, author … */
  person: z.string().nullable(),
  schoolId: z.string().nullable(),
  school: z.string().nullable(),
  date: z.string().nullable(),
  /** A short status / level / result label (zh-CN free text or a code the client labels). */
  detail: z.string().nullable(),
  link: z.string().nullable(),
});
export type StatsRecord = z.infer<typeof statsRecordSchema>;

/** Service signature, for other modules to code against. */
export interface StatsApi {
  figures(ctx: Ctx, orgId: string, termId: string): Promise<Figures>;
}
