import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import type { AssessmentService } from '../assessment/assessment.service.js';
import type { ComplianceService } from '../compliance/compliance.service.js';
import { type Buckets, collect, figuresOf, monthsOf, type StatsData } from './stats.compute.js';
import { StatsRepo } from './stats.repo.js';
import type { Figures, RecordsQuery, StatsApi, StatsRecord } from './stats.schema.js';
import { statsWorkbook } from './stats.xlsx.js';

/** How many terms the coverage trend shows. */
const TREND_TERMS = 6;
/** Figure names whose list is built on demand (per competition). */
const OPEN_PREFIXES = ['awards.byCompetition.', 'entries.byCompetition.'];

/** Dashboards (SPEC §8): figures of a scope and term, the records behind each, and the Excel export. */
export class StatsService implements StatsApi {
  /** `compliance`: the rules module's evaluator (each school's own rules), the one place rules are applied. */
  constructor(
    private readonly database: Database,
    private readonly compliance: Pick<ComplianceService, 'evaluate'>,
    private readonly assessment?: Pick<AssessmentService, 'list'>,
  ) {}

  /** The figures object of `GET /api/stats` (the semester summary reads exactly this). */
  async figures(ctx: Ctx, orgId: string, termId: string): Promise<Figures> {
    const data = await this.load(ctx, orgId, termId);
    return { ...figuresOf(data, collect(data)), assessment: await this.assessmentSpread(ctx, orgId, termId) };
  }

  /**
   * 考核分布: how many teachers of the scope scored in each band this term, from the assessment
   * module's own scores (null when the caller may not read assessment scores there).
   */
  private async assessmentSpread(ctx: Ctx, orgId: string, termId: string): Promise<Figures['assessment']> {
    if (!this.assessment) return null;
    const totals: number[] = [];
    try {
      for (let page = 1; ; page++) {
        const res = await this.assessment.list(ctx, { orgId, termId, page, pageSize: 200 });
        totals.push(...res.items.map((i) => i.total));
        if (page * 200 >= res.total) break;
      }
    } catch {
      return null;
    }
    // Bands: nothing yet, then [from, to) — scores may be fractional (weighted points).
    const bands: [number, number][] = [
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 50],
      [50, 9999],
    ];
    return {
      teachers: totals.length,
      buckets: [
        { from: 0, to: 0, count: totals.filter((x) => x <= 0).length },
        ...bands.map(([from, to]) => ({
          from,
          to,
          count: totals.filter((x) => x > 0 && x >= from && (x < to || to === 9999)).length,
        })),
      ],
    };
  }

  /** The records behind one figure; `total` equals the figure. */
  async records(ctx: Ctx, q: RecordsQuery): Promise<{ items: StatsRecord[]; total: number }> {
    const data = await this.load(ctx, q.orgId, q.termId);
    const buckets: Buckets = collect(data);
    if (!buckets.has(q.figure) && !OPEN_PREFIXES.some((p) => q.figure.startsWith(p)))
      throw invalid('未知的统计项', { figure: q.figure });
    const list = buckets.list(q.figure, q.schoolId);
    return { items: list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: list.length };
  }

  /** The dashboard's tables as one workbook, and its file name. */
  async export(ctx: Ctx, orgId: string, termId: string): Promise<{ name: string; body: Buffer }> {
    const f = await this.figures(ctx, orgId, termId);
    return { name: `教科研统计-${f.org.name}-${f.term.name}.xlsx`, body: await statsWorkbook(f) };
  }

  private async load(ctx: Ctx, orgId: string, termId: string): Promise<StatsData> {
    const repo = new StatsRepo(this.database.db);
    const org = await repo.org(orgId);
    if (!org) throw notFound('机构');
    if (!allows(ctx.principal, 'stats.read', [org.path])) {
      if (allows(ctx.principal, 'org.read', [org.path])) throw forbidden('没有查看统计的权限');
      throw notFound('机构');
    }
    if (org.kind === 'group') throw invalid('统计范围应为市、区（县）或学校');
    const term = await repo.term(termId);
    if (!term) throw notFound('学期');
    const w = { from: term.starts_on, to: term.ends_on };
    const path = org.path;
    const [schools, teachers, projects, transitions, members, monthlyReports] = await Promise.all([
      repo.schools(path),
      repo.teachers(path),
      repo.projects(path),
      repo.transitions(path),
      repo.members(path),
      repo.monthlyReports(path, monthsOf(w)),
    ]);
    const [activities, observations, growth, mentorships] = await Promise.all([
      repo.activities(path, w),
      repo.observations(path, w),
      repo.growth(path, w),
      repo.mentorships(path, w),
    ]);
    const [mentorshipAssessments, works, firstAuthors, entries, publications, studentAwards, trend] = await Promise.all(
      [
        repo.mentorshipAssessments(
          mentorships.map((m) => m.id),
          monthsOf(w),
        ),
        repo.works(path),
        repo.firstAuthors(path),
        repo.entries(path),
        repo.publications(path, w),
        repo.studentAwards(path, w),
        repo.termsUpTo(term.starts_on, TREND_TERMS),
      ],
    );
    const schoolById = new Map(schools.map((sc) => [sc.id, sc]));
    const rows = teachers.flatMap((t) => {
      const school = t.org_id ? schoolById.get(t.org_id) : undefined;
      if (!school) return [];
      const { id, name, name_key, birth_date } = t;
      return [
        { id, name, name_key, birth_date, school_id: school.id, school_name: school.name, school_path: school.path },
      ];
    });
    const compliance = await this.compliance.evaluate(this.database.db, rows, term);
    return {
      compliance,
      org,
      term,
      trendTerms: [...trend].reverse(),
      today: today(),
      schools,
      teachers,
      projects,
      transitions,
      members,
      monthlyReports,
      activities,
      observations,
      growth,
      mentorships,
      mentorshipAssessments,
      works,
      firstAuthors,
      entries,
      publications,
      studentAwards,
    };
  }
}
