import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import { today } from '../../calendar.js';
import { BATCH_PEOPLE, BATCHES_AT_ONCE, batchesOf, groupBy, mapLimit } from '../../concurrency.js';
import type { Database } from '../../db/database.js';
import type { DB, TermRow } from '../../db/types.js';
import { invalid, notFound } from '../../errors.js';
import { type ComplianceItem, type EntryFact, evaluateTeacher } from '../compliance/compliance.evaluate.js';
import { decidedFactsOf, entryFactsOf, loadTeacherFacts } from '../compliance/compliance.facts.js';
import { ComplianceRepo, type TeacherRow } from '../compliance/compliance.repo.js';
import { officesOf, type ResolvedView, viewKey, WideViews } from '../compliance/compliance.view.js';
import { canReadAssessment } from '../rules/rules.policy.js';
import { RulesRepo } from '../rules/rules.repo.js';
import type { Reward } from '../rules/rules.schema.js';
import { type RulesService, rulesOfSchool } from '../rules/rules.service.js';
import { FiguresCache } from '../stats/stats.cache.js';
import { AssessmentRepo } from './assessment.repo.js';
import type { AssessmentFilter, AssessmentQuery, RewardItem, TeacherScore } from './assessment.schema.js';
import { earnsReward, ranks, type ScoreItem, scoreTeacher, sumPoints } from './assessment.score.js';
import { assessmentWorkbook } from './assessment.xlsx.js';

/** Per-teacher running figures over the terms asked for. */
interface Tally {
  items: ScoreItem[];
  /** The points of every item (kept also when the items are not). */
  points: number[];
  weighted: number;
  rewards: RewardItem[];
}

/** The research assessment (教科研考核): points per record, weighting, ranking and the rewards list. */
export class AssessmentService {
  constructor(
    private readonly database: Database,
    private readonly rules: RulesService,
    /** A view of more teachers than this is kept a minute for the caller's next pages. */
    wideAt?: number,
  ) {
    this.views = new WideViews(canReadAssessment, (view) => view, wideAt);
  }

  /** Wide views (a district's, a city's teachers) read a short while ago. */
  private readonly views: WideViews<ResolvedView>;

  /**
   * Views rolled up school by school, kept a minute (a city's is every one of its 50,000 teachers scored: 5.5–7.9 s
   * on the generated city). Ended, as the views, by any write the app answers.
   */
  private readonly bySchool = new FiguresCache<Awaited<ReturnType<AssessmentService['rollUp']>>>(
    60_000,
    20,
    Date.now,
    Number.POSITIVE_INFINITY,
  );

  /** A write was answered: wide views are read again. */
  invalidate(): void {
    this.views.invalidate();
    this.bySchool.invalidate();
  }

  private async termsOf(db: Kysely<DB>, f: AssessmentFilter): Promise<TermRow[]> {
    const repo = new RulesRepo(db);
    if (f.termId) {
      const term = await repo.term(f.termId);
      if (!term) throw notFound('学期');
      return [term];
    }
    if (f.schoolYear === undefined) throw invalid('请选择学期（termId）或学年（schoolYear）');
    const terms = await repo.termsOfYear(f.schoolYear);
    if (terms.length === 0) throw notFound('学年');
    return terms;
  }

  /** The terms asked for and the teachers of the view whose assessment the caller may read. */
  private async viewOf(ctx: Ctx, f: AssessmentFilter) {
    const { db } = this.database;
    const terms = await this.termsOf(db, f);
    const view = await this.views.resolve(db, ctx.principal, { ...f, termId: terms[0].id });
    return { view, terms };
  }

  /**
   * Tallies these teachers over the terms, a batch of schools at a time, each school with its own points table.
   * Without `keep`, only the points are kept (the dashboard's spread needs a total per teacher, and a
   * city's items and rewards would hold every scored record of 50,000 teachers at once).
   */
  private async tallied(terms: readonly TermRow[], teachers: readonly TeacherRow[], keep: boolean) {
    const { db } = this.database;
    const tally = new Map<string, Tally>(
      teachers.map((t) => [t.id, { items: [], points: [], weighted: 0, rewards: [] }]),
    );
    // Each school's own 先进 count (of the terms asked for, the largest).
    const advancedOf = new Map<string, number>();
    const batches = batchesOf(groupBy(teachers, (t) => t.school_id));
    for (const term of terms) {
      // Batches of schools touch disjoint teachers' tallies: a few at once.
      await mapLimit(batches, BATCHES_AT_ONCE, (batch) => this.scoreTerm(db, term, batch, tally, keep, advancedOf));
    }
    const rows = teachers.map((t) => {
      const x = tally.get(t.id) ?? { items: [], points: [], weighted: 0, rewards: [] };
      return { t, items: x.items, total: sumPoints(x.points), weighted: x.weighted, rewards: x.rewards };
    });
    return { rows, advancedOf };
  }

  /**
   * One term's compliance items (each mapped by `shape`, in the teachers' order) and every teacher's total
   * points, in one pass over the batches. The dashboard needs both for the same teachers: computed apart,
   * a city's teachers' records were read twice (the assessment scores compliance too).
   */
  async complianceAndTotals<T>(
    db: Kysely<DB>,
    teachers: readonly TeacherRow[],
    term: TermRow,
    shape: (item: ComplianceItem) => T,
    rest?: () => Promise<void>,
  ): Promise<{ items: T[]; totals: number[] }> {
    const tally = new Map<string, Tally>(
      teachers.map((t) => [t.id, { items: [], points: [], weighted: 0, rewards: [] }]),
    );
    const perBatch = await mapLimit(
      batchesOf(groupBy(teachers, (t) => t.school_id)),
      BATCHES_AT_ONCE,
      async (batch) => {
        const items = await this.scoreTerm(db, term, batch, tally, false, new Map(), shape);
        await rest?.();
        return items;
      },
    );
    return { items: perBatch.flat(), totals: teachers.map((t) => sumPoints(tally.get(t.id)?.points ?? [])) };
  }

  /** Every teacher's total points of the view (the dashboard's 考核分布), in the view's teacher order. */
  async totals(ctx: Ctx, f: AssessmentFilter): Promise<number[]> {
    const { view, terms } = await this.viewOf(ctx, f);
    const { rows } = await this.tallied(terms, view.teachers, false);
    return rows.map((r) => r.total);
  }

  /**
   * Scores these teachers over the terms, with the items behind each score: by school, then by rank in it. Only a
   * school's own teachers decide a rank, so whole schools scored alone rank as they do among all.
   */
  private async scored(terms: readonly TermRow[], teachers: readonly TeacherRow[]) {
    const { rows, advancedOf } = await this.tallied(terms, teachers, true);
    const scores: TeacherScore[] = [];
    for (const mine of groupBy(rows, (r) => r.t.school_id).values()) {
      const rank = ranks(mine.map((r) => r.total));
      for (const [i, r] of mine.entries()) {
        scores.push({
          personId: r.t.id,
          name: r.t.name,
          orgId: r.t.school_id,
          orgName: r.t.school_name,
          total: r.total,
          weighted: sumPoints([r.weighted]),
          rank: rank[i],
          advanced: r.total > 0 && rank[i] <= (advancedOf.get(r.t.school_id) ?? 0),
          items: r.items,
        });
      }
    }
    scores.sort((a, b) => bySchool(a.orgId, b.orgId) || a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'));
    return { scores, rewards: rows.flatMap((r) => r.rewards) };
  }

  /**
   * Adds one term's items, weighted share and rewards of a batch of schools' teachers, each school with its own
   * points table; notes each school's 先进 count in `advancedOf`.
   */
  private async scoreTerm<T = never>(
    db: Kysely<DB>,
    term: TermRow,
    batch: [string, TeacherRow[]][],
    tally: Map<string, Tally>,
    keep: boolean,
    advancedOf: Map<string, number>,
    shape?: (item: ComplianceItem) => T,
  ): Promise<T[]> {
    const shaped: T[] = [];
    const rules = await this.rules.effectiveOf(
      batch.map(([id]) => id),
      term,
      db,
    );
    const mine = batch.flatMap(([, people]) => people);
    const ids = mine.map((t) => t.id);
    const repo = new AssessmentRepo(db);
    const [facts, publications, events, studentAwards] = await Promise.all([
      loadTeacherFacts(db, mine, term, (t) => rulesOfSchool(rules, t.school_id).rules.eight_ones.enabled),
      repo.publications(ids, term.starts_on, term.ends_on),
      repo.projectEvents(ids, term.starts_on, term.ends_on),
      repo.studentAwards(ids, term.starts_on, term.ends_on),
    ]);
    const publicationsOf = groupBy(publications, (p) => p.person_id);
    const eventsOf = groupBy(events, (ev) => ev.person_id);
    const studentAwardsOf = groupBy(studentAwards, (x) => x.person_id);
    const asOf = today();
    for (const [schoolId] of batch) {
      const count = rulesOfSchool(rules, schoolId).points.advancedCount;
      advancedOf.set(schoolId, Math.max(advancedOf.get(schoolId) ?? 0, count));
    }
    const window = { startsOn: term.starts_on, endsOn: term.ends_on };
    for (const t of mine) {
      const f = facts.get(t.id);
      const x = tally.get(t.id);
      if (!f || !x) continue;
      const e = rulesOfSchool(rules, t.school_id);
      const compliance = evaluateTeacher(f, e.rules, e.ageOn, window, asOf);
      if (shape) for (const item of compliance) shaped.push(shape(item));
      const items = scoreTeacher(
        {
          entries: f.entries,
          presented: f.presented,
          publications: (publicationsOf.get(t.id) ?? []).map((p) => ({ ...p, publishedOn: p.published_on })),
          projectEvents: (eventsOf.get(t.id) ?? []).map((ev) => ({ ...ev, projectId: ev.project_id })),
          studentAwards: (studentAwardsOf.get(t.id) ?? []).map((s) => ({
            ...s,
            studentName: s.student_name,
            awardedOn: s.awarded_on,
          })),
          compliance,
        },
        e.points,
        { id: term.id, ...window },
      );
      const points = items.map((i) => i.points);
      x.points.push(...points);
      x.weighted += (sumPoints(points) * e.points.weightPercent) / 100;
      if (!keep) continue;
      x.items.push(...items);
      x.rewards.push(...rewardsOf(t, f.entries, e.rewards, term));
    }
    return shaped;
  }

  /**
   * The view school by school (各校考核情况): each school's teachers, those with points, the average and top score
   * and the 先进个人 its own count names, from every teacher's total (the items behind them are not kept).
   */
  async schools(ctx: Ctx, f: AssessmentFilter) {
    const { db } = this.database;
    const terms = await this.termsOf(db, f);
    const q = { orgId: f.orgId, termId: terms.map((t) => t.id).join('+') };
    const key = viewKey(ctx.principal, q, today());
    return (await this.bySchool.get(key, () => this.rollUp(ctx, f))).value;
  }

  private async rollUp(ctx: Ctx, f: AssessmentFilter) {
    const { view, terms } = await this.viewOf(ctx, f);
    const { rows, advancedOf } = await this.tallied(terms, view.teachers, false);
    const offices = await officesOf(this.database.db, view.teachers);
    const average = (totals: readonly number[]) =>
      totals.length ? Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10 : 0;
    const items = [...groupBy(rows, (r) => r.t.school_id)]
      .sort(([a], [b]) => bySchool(a, b))
      .map(([orgId, mine]) => {
        const totals = mine.map((r) => r.total);
        const rank = ranks(totals);
        const quota = advancedOf.get(orgId) ?? 0;
        return {
          orgId,
          orgName: mine[0].t.school_name,
          parentId: offices.get(orgId)?.parentId ?? null,
          parentName: offices.get(orgId)?.parentName ?? null,
          teachers: mine.length,
          scored: totals.filter((x) => x > 0).length,
          average: average(totals),
          top: totals.reduce((a, b) => Math.max(a, b), 0),
          // as in the ranking: a teacher with points, within the school's count
          advanced: totals.filter((x, i) => x > 0 && rank[i] <= quota).length,
        };
      });
    const summary = {
      teachers: rows.length,
      scored: items.reduce((n, s) => n + s.scored, 0),
      average: average(rows.map((r) => r.total)),
      advanced: items.reduce((n, s) => n + s.advanced, 0),
    };
    return { items, summary, terms: terms.map((t) => ({ id: t.id, name: t.name })) };
  }

  /**
   * One page of the ranking. The page shows whole schools' teachers in school order, so only the schools it
   * shows are scored (a city office's first page was every one of 50,000 teachers scored).
   */
  async list(ctx: Ctx, q: AssessmentQuery) {
    const { page, pageSize, ...f } = q;
    const { view, terms } = await this.viewOf(ctx, f);
    const from = (page - 1) * pageSize;
    const to = page * pageSize;
    const shown: TeacherRow[] = [];
    let at = 0;
    let first = 0;
    for (const [, people] of [...groupBy(view.teachers, (t) => t.school_id)].sort(([a], [b]) => bySchool(a, b))) {
      if (at < to && at + people.length > from) {
        if (shown.length === 0) first = at;
        shown.push(...people);
      }
      at += people.length;
    }
    // A teacher, or a group leader, sees part of a school: their ranks are still among the whole school's teachers.
    const peers = await new ComplianceRepo(this.database.db).teachersOfSchools([
      ...new Set(shown.map((t) => t.school_id)),
    ]);
    const seen = new Set(shown.map((t) => t.id));
    const partial = peers.length > shown.length;
    const { scores: all } = await this.scored(terms, partial ? peers : shown);
    const scores = partial ? all.filter((s) => seen.has(s.personId)) : all;
    return {
      items: scores.slice(from - first, to - first),
      total: view.teachers.length,
      page,
      pageSize,
      terms: terms.map((t) => ({ id: t.id, name: t.name })),
    };
  }

  /**
   * The rewards list: only competition entries decided in the term earn a reward, so only those are read (not every
   * record the score is made of), and only the rules of schools with such entries. In the view's teacher order,
   * each teacher's rewards term by term.
   */
  async rewards(ctx: Ctx, q: AssessmentQuery) {
    const { page, pageSize, ...f } = q;
    const { db } = this.database;
    const { view, terms } = await this.viewOf(ctx, f);
    const found = new Map<string, RewardItem[]>();
    const ids = view.teachers.map((t) => t.id);
    // Up to a batch of people, their entries are one statement by person; for more, the term's decided entries are
    // read by date (a school: 12 ms against 40; the city: 0.4 s against 1.4-1.9 s).
    const read = ids.length <= BATCH_PEOPLE ? entryFactsOf : decidedFactsOf;
    for (const term of terms) {
      const entries = await read(new ComplianceRepo(db), ids, term.starts_on, term.ends_on);
      const awarded = view.teachers.filter((t) => entries.has(t.id));
      await mapLimit(batchesOf(groupBy(awarded, (t) => t.school_id)), BATCHES_AT_ONCE, async (batch) => {
        const rules = await this.rules.effectiveOf(
          batch.map(([id]) => id),
          term,
          db,
        );
        for (const t of batch.flatMap(([, people]) => people)) {
          const earned = rewardsOf(t, entries.get(t.id) ?? [], rulesOfSchool(rules, t.school_id).rewards, term);
          if (earned.length > 0) found.set(t.id, [...(found.get(t.id) ?? []), ...earned]);
        }
      });
    }
    const rewards = view.teachers.flatMap((t) => found.get(t.id) ?? []);
    return { items: rewards.slice((page - 1) * pageSize, page * pageSize), total: rewards.length, page, pageSize };
  }

  async exportXlsx(ctx: Ctx, f: AssessmentFilter) {
    const { view, terms } = await this.viewOf(ctx, f);
    const { scores, rewards } = await this.scored(terms, view.teachers);
    const { org } = view;
    const period = f.termId ? terms[0].name : `${f.schoolYear}学年`;
    const data = await assessmentWorkbook(`${org.name} ${period}`, scores, rewards);
    return { filename: `${org.name}-${period}-教科研考核.xlsx`, data };
  }
}

/** The ranking's order of schools. */
const bySchool = (a: string, b: string) => a.localeCompare(b);

/** The rewards a teacher's entries decided in the term earn under the school's reward settings. */
function rewardsOf(
  t: TeacherRow,
  entries: readonly EntryFact[],
  settings: readonly Reward[],
  term: TermRow,
): RewardItem[] {
  const out: RewardItem[] = [];
  for (const entry of entries) {
    if (!entry.resultOn || entry.resultOn < term.starts_on || entry.resultOn > term.ends_on) continue;
    for (const r of settings.filter((r) => earnsReward(r, entry))) {
      out.push({
        personId: t.id,
        name: t.name,
        orgId: t.school_id,
        rewardKey: r.key,
        rewardLabel: r.label,
        amount: r.amount,
        entryId: entry.id,
        workId: entry.workId,
        title: entry.title,
        competition: entry.competition,
        level: entry.level,
        result: entry.result ?? '',
        resultOn: entry.resultOn,
        termId: term.id,
      });
    }
  }
  return out;
}
