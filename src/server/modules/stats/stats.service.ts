import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { allows } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import { halfPace } from '../../concurrency.js';
import type { Database } from '../../db/database.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import type { AssessmentService } from '../assessment/assessment.service.js';
import type { ComplianceItem } from '../compliance/compliance.evaluate.js';
import type { ComplianceService } from '../compliance/compliance.service.js';
import { readsEveryAssessment, type ViewedOrg } from '../rules/rules.policy.js';
import { FiguresCache } from './stats.cache.js';
import { type Buckets, collect, figuresOf, monthsOf, type StatsData } from './stats.compute.js';
import { Interner } from './stats.intern.js';
import { StatsRepo } from './stats.repo.js';
import { type Figures, figuresSchema, type RecordsQuery, type StatsApi, type StatsRecord } from './stats.schema.js';
import { statsWorkbook } from './stats.xlsx.js';

/** How many terms the coverage trend shows. */
const TREND_TERMS = 6;
/** How long computed figures are served to other callers (a write answered here ends it at once). */
const CACHE_TTL_MS = 60_000;
/** How many callers' JSON answers are kept (the least recently made go first). */
const ANSWERS_KEPT = 200;
/** Answers from this size on are sent compressed to callers that accept gzip. */
const GZIP_FROM = 1024;
const gzipped = promisify(gzip);
/** Figure names whose list is built on demand (per competition). */
const OPEN_PREFIXES = ['awards.byCompetition.', 'entries.byCompetition.'];

/** Dashboards (SPEC §8): figures of a scope and term, the records behind each, and the Excel export. */
export class StatsService implements StatsApi {
  /** `compliance`: the rules module's evaluator (each school's own rules), the one place rules are applied. */
  constructor(
    private readonly database: Database,
    private readonly compliance: Pick<ComplianceService, 'evaluate'>,
    private readonly assessment?: Pick<AssessmentService, 'totals' | 'complianceAndTotals'>,
  ) {}

  private readonly cache = new FiguresCache<{
    figures: Omit<Figures, 'asOf' | 'assessment'>;
    json: string;
    /** Every teacher's assessment total of the scope, made with the figures (null without an assessment module). */
    totals: number[] | null;
  }>(CACHE_TTL_MS, 500);
  private readonly spreads = new FiguresCache<Figures['assessment']>(CACHE_TTL_MS, 500);
  /** The last JSON answer per caller and scope, with the parts it was made of (reused while they are). */
  private readonly answers = new Map<
    string,
    { base: object; spread: Figures['assessment']; asOf: string; body: Buffer; gzipped?: Buffer }
  >();

  /** A write was answered: figures computed before it are not served again. */
  invalidate(): void {
    this.cache.invalidate();
    this.spreads.invalidate();
  }

  /**
   * The figures object of `GET /api/stats` (the semester summary reads exactly this). `asOf` is when they
   * were computed: up to a minute ago when another caller asked for the same scope and term, unless `fresh`.
   */
  async figures(ctx: Ctx, orgId: string, termId: string, fresh = false): Promise<Figures> {
    const { base, spread, asOf } = await this.parts(ctx, orgId, termId, fresh);
    return { ...base.figures, assessment: spread, asOf };
  }

  /**
   * The same figures as the HTTP answer's body (UTF-8 JSON). The shared part is checked against the schema and
   * serialised once per computation: a city's figures (hundreds of schools' rows) are not re-validated for
   * every one of fifty callers. The body is kept encoded: handed the ~150 KB JSON text, the socket encoded it
   * to UTF-8 at every request, half of the server's CPU at fifty callers of the city dashboard.
   */
  async figuresBody(
    ctx: Ctx,
    orgId: string,
    termId: string,
    fresh = false,
    gzip = false,
  ): Promise<{ body: Buffer; gzipped: boolean }> {
    const { base, spread, asOf, key } = await this.parts(ctx, orgId, termId, fresh);
    // The answer joins the shared part (a city's is ~150 KB) with the caller's own: made once per caller
    // and computation, not per request, as a new string of that size every request kept the collector busy.
    const answerKey = `${ctx.principal.personId}|${key}`;
    const made = this.answers.get(answerKey);
    let answer = made && made.base === base && made.spread === spread && made.asOf === asOf ? made : undefined;
    if (!answer) {
      const own = JSON.stringify({ asOf, assessment: figuresSchema.shape.assessment.parse(spread) });
      answer = { base, spread, asOf, body: Buffer.from(`${own.slice(0, -1)},${base.json.slice(1)}`, 'utf8') };
      this.answers.delete(answerKey);
      this.answers.set(answerKey, answer);
      if (this.answers.size > ANSWERS_KEPT) {
        const oldest = this.answers.keys().next().value;
        if (oldest !== undefined) this.answers.delete(oldest);
      }
    }
    // Compressed once per answer for callers that accept it: a city's ~150 KB is about a tenth of that,
    // which a school's line carries in a tenth of the time.
    if (!gzip || answer.body.length < GZIP_FROM) return { body: answer.body, gzipped: false };
    answer.gzipped ??= await gzipped(answer.body);
    return { body: answer.gzipped, gzipped: true };
  }

  private async parts(ctx: Ctx, orgId: string, termId: string, fresh: boolean) {
    const { org, term } = await this.scopeOf(ctx, orgId, termId);
    // Figures are of a day (what is due by today). The first dashboard of a day is answered with the last day's
    // figures of a slow scope (a city's took 13-14 s cold) while the day's are made (FiguresCache, `family`).
    const family = `${org.id}|${term.id}|`;
    const key = `${family}${today()}`;
    // One after the other: a city's figures and its assessment spread each read the whole city, and made
    // side by side their rows were in memory at once (peak RSS 790 MB → see bench/README.md).
    const base = await this.cache.get(
      key,
      async (background) => {
        // Remade in the background (callers get the last figures meanwhile), it goes at half pace.
        const rest = background ? halfPace() : undefined;
        const { data, totals } = await this.load(org, term, true, rest);
        const figures = await figuresOf(data, await collect(data, () => false, rest), rest);
        const shared = figuresSchema.omit({ asOf: true, assessment: true }).parse(figures);
        return { figures, json: JSON.stringify(shared), totals };
      },
      fresh,
      family,
    );
    // The spread depends on whose assessment view it is: one entry per caller.
    const spread = await this.spreads.get(
      `${ctx.principal.personId}|${key}`,
      () => this.assessmentSpread(ctx, org, termId, base.value.totals),
      fresh,
      `${ctx.principal.personId}|${family}`,
    );
    return {
      base: base.value,
      spread: spread.value,
      asOf: new Date(Math.min(base.at, spread.at)).toISOString(),
      key,
    };
  }

  /**
   * 考核分布: how many teachers of the scope scored in each band this term, from the assessment
   * module's own scores (null when the caller may not read assessment scores there).
   */
  private async assessmentSpread(
    ctx: Ctx,
    org: ViewedOrg & { id: string },
    termId: string,
    scopeTotals: number[] | null,
  ): Promise<Figures['assessment']> {
    if (!this.assessment) return null;
    // Whoever reads every teacher's assessment there gets the totals made with the figures; anyone else the
    // assessment module's own view of the teachers they may read.
    let totals: number[];
    if (scopeTotals && readsEveryAssessment(ctx.principal, org)) totals = scopeTotals;
    else {
      try {
        totals = await this.assessment.totals(ctx, { orgId: org.id, termId });
      } catch {
        return null;
      }
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
    const { org, term } = await this.scopeOf(ctx, q.orgId, q.termId);
    const { data } = await this.load(org, term);
    const buckets: Buckets = await collect(data, (key) => key === q.figure);
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

  /** The org and term of a request, after the caller's right to see the org's statistics is checked. */
  private async scopeOf(ctx: Ctx, orgId: string, termId: string) {
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
    return { org, term };
  }

  /**
   * The scope's records of the term and each teacher's compliance; `withTotals`: also every teacher's
   * assessment total, scored in the same pass over the teachers' records (the dashboard's spread).
   */
  private async load(
    org: NonNullable<Awaited<ReturnType<StatsRepo['org']>>>,
    term: NonNullable<Awaited<ReturnType<StatsRepo['term']>>>,
    withTotals = false,
    rest?: () => Promise<void>,
  ): Promise<{ data: StatsData; totals: number[] | null }> {
    const repo = new StatsRepo(this.database.db);
    const w = { from: term.starts_on, to: term.ends_on };
    const path = org.path;
    // Each result's repeated values (ids of orgs and people, kinds, dates) as one copy: a city's rows held
    // 25 MB less while its figures were made (bench/README.md).
    const intern = new Interner();
    const i = <T extends object>(rows: Promise<T[]>) => rows.then((r) => intern.rows(r, rest));
    const [schools, teachers, projects, transitions, members, monthlyReports] = await Promise.all([
      repo.schools(path),
      i(repo.teachers(path)),
      i(repo.projects(path)),
      repo.transitions(path),
      i(repo.members(path)),
      i(repo.monthlyReports(path, monthsOf(w))),
    ]);
    const [activities, observations, growth, mentorships] = await Promise.all([
      i(repo.activities(path, w)),
      i(repo.observations(path, w)),
      i(repo.growth(path, w)),
      i(repo.mentorships(path, w)),
    ]);
    const [mentorshipAssessments, works, entries, publications, studentAwards, trend] = await Promise.all([
      i(
        repo.mentorshipAssessments(
          mentorships.map((m) => m.id),
          monthsOf(w),
        ),
      ),
      i(repo.works(path, w)),
      i(repo.entries(path, w)),
      i(repo.publications(path, w)),
      i(repo.studentAwards(path, w)),
      repo.termsUpTo(term.starts_on, TREND_TERMS),
    ]);
    // Author names only of the works the term's lists show.
    const firstAuthors = await i(
      repo.authorsOf([
        ...new Set([
          ...works.map((x) => x.id),
          ...entries.map((x) => x.work_id),
          ...publications.map((x) => x.work_id),
        ]),
      ]),
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
    const { db } = this.database;
    const shape = ({ personId, rule, required, actual, met }: ComplianceItem) => ({
      personId,
      rule,
      required,
      actual,
      met,
    });
    const { items: compliance, totals } =
      withTotals && this.assessment
        ? await this.assessment.complianceAndTotals(db, rows, term, shape, rest)
        : { items: await this.compliance.evaluate(db, rows, term, undefined, shape), totals: null };
    const data: StatsData = {
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
    return { data, totals };
  }
}
