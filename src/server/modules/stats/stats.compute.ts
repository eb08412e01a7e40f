import { groupBy, nextTurn, SLICE } from '../../concurrency.js';
import { fromJson } from '../../db/dialect.js';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '../activities/activities.schema.js';
import { PROJECT_KINDS } from '../calls/calls.schema.js';
import { GROWTH_KIND_LABELS, GROWTH_KINDS } from '../growth/growth.schema.js';
import { monthlyReportDue } from '../plans/months.js';
import { GRADE_LABELS, LEVEL_LABELS, LEVELS, STAGE_LABELS, STAGES } from '../projects/projects.workflow.js';
import { REPORTING_STAGES } from '../reports/reports.repo.js';
import { monthEnd } from '../reports/reports.service.js';
import { Interner } from './stats.intern.js';
import type { StatsRepo, Window } from './stats.repo.js';
import {
  AWARD_RESULTS,
  CONCLUSION_GRADES,
  ENTRY_STATUSES,
  type Figures,
  PYRAMID_LAYERS,
  type StatsRecord,
  WORK_KINDS,
} from './stats.schema.js';
import { dateOf, ProjectTimeline, type StageEvent } from './stats.timeline.js';

type Rows<K extends keyof StatsRepo> = StatsRepo[K] extends (...a: never[]) => Promise<infer R> ? R : never;

/** Everything loaded for one scope and term. */
export interface StatsData {
  org: { id: string; name: string; kind: string; path: string };
  term: { id: string; name: string; starts_on: string; ends_on: string };
  /** Earlier terms for the coverage trend, oldest first, ending with `term`. */
  trendTerms: { id: string; name: string; starts_on: string; ends_on: string }[];
  today: string;
  schools: Rows<'schools'>;
  teachers: Rows<'teachers'>;
  projects: Rows<'projects'>;
  transitions: Rows<'transitions'>;
  members: Rows<'members'>;
  monthlyReports: Rows<'monthlyReports'>;
  activities: Rows<'activities'>;
  observations: Rows<'observations'>;
  growth: Rows<'growth'>;
  mentorships: Rows<'mentorships'>;
  mentorshipAssessments: Rows<'mentorshipAssessments'>;
  works: Rows<'works'>;
  firstAuthors: Rows<'authorsOf'>;
  entries: Rows<'entries'>;
  publications: Rows<'publications'>;
  studentAwards: Rows<'studentAwards'>;
  /** Compliance per teacher and rule, evaluated by the rules module with each school's own rules. */
  compliance: { personId: string; rule: string; required: number; actual: number; met: boolean }[];
}

/** Stages in which a monthly report is due (as the overdue list of the reports module). */
const REPORTING: ReadonlySet<string> = new Set(REPORTING_STAGES);

/** Months ('YYYY-MM') overlapping the window. */
export function monthsOf(w: Window): string[] {
  const out: string[] = [];
  let [y, m] = w.from.split('-').map(Number);
  const last = w.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Record lists keyed by figure name: a figure is the number of records added to it, always. Only the
 * figures `keep` names hold their records (the list behind a click); the others count them, per school
 * too, so a city's figures do not hold a record object per row and figure.
 */
export class Buckets {
  private readonly map = new Map<string, StatsRecord[]>();
  private readonly totals = new Map<string, number>();
  private readonly perSchool = new Map<string, Map<string | null, number>>();
  /** Per kept figure, its records by school: built when a school's row first asks (a city has hundreds). */
  private readonly bySchool = new Map<string, Map<string | null, StatsRecord[]>>();

  constructor(private readonly keep: (key: string) => boolean = () => true) {}

  ensure(key: string) {
    if (!this.totals.has(key)) this.totals.set(key, 0);
  }

  add(key: string, rec: StatsRecord) {
    this.totals.set(key, (this.totals.get(key) ?? 0) + 1);
    let schools = this.perSchool.get(key);
    if (!schools) {
      schools = new Map();
      this.perSchool.set(key, schools);
    }
    schools.set(rec.schoolId, (schools.get(rec.schoolId) ?? 0) + 1);
    if (!this.keep(key)) return;
    this.bySchool.delete(key);
    const list = this.map.get(key);
    if (list) list.push(rec);
    else this.map.set(key, [rec]);
  }

  has(key: string) {
    return this.totals.has(key);
  }

  list(key: string, schoolId?: string): StatsRecord[] {
    if (!this.keep(key)) throw new Error(`the records of ${key} were counted, not kept`);
    const list = this.map.get(key) ?? [];
    if (schoolId === undefined) return list;
    let index = this.bySchool.get(key);
    if (!index) {
      index = groupBy(list, (r) => r.schoolId);
      this.bySchool.set(key, index);
    }
    return index.get(schoolId) ?? [];
  }

  n(key: string, schoolId?: string): number {
    if (schoolId === undefined) return this.totals.get(key) ?? 0;
    return this.perSchool.get(key)?.get(schoolId) ?? 0;
  }

  counts<T extends string>(prefix: string, keys: readonly T[]): Record<T, number> {
    const out: Partial<Record<T, number>> = {};
    for (const k of keys) out[k] = this.n(`${prefix}.${k}`);
    return out as Record<T, number>;
  }
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const known = <T extends string>(keys: readonly T[], v: string | null): v is T =>
  v !== null && (keys as readonly string[]).includes(v);
export const levelLabel = (l: string) => (known(LEVELS, l) ? LEVEL_LABELS[l] : l);
export const RESULT_LABELS: Record<(typeof AWARD_RESULTS)[number], string> = {
  special: '特等奖',
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  merit: '优秀奖',
  shortlisted: '入围',
};
const resultLabel = (r: string | null) => (known(AWARD_RESULTS, r) ? RESULT_LABELS[r] : (r ?? ''));

/** A project's stage changes from their text (`at|from|to`, comma-joined, in order; see StatsRepo.transitions). */
export function stageEvents(text: string | null | undefined, intern = new Interner()): StageEvent[] {
  if (!text) return [];
  return text.split(',').map((one) => {
    const [at, from, to] = one.split('|');
    return { date: intern.one(dateOf(at)), from: intern.one(from), to: intern.one(to) };
  });
}

/** Builds the timelines of the scope's projects, pausing between slices. */
async function buildTimelines(d: StatsData, rest: () => Promise<void>) {
  const events = new Map(d.transitions.map((t) => [t.project_id, t.events]));
  // A city's 133,000 changes name a few hundred days and a dozen stages: one copy of each.
  const intern = new Interner();
  const out = new Map<string, ProjectTimeline>();
  for (const [i, p] of d.projects.entries()) {
    if (i > 0 && i % SLICE === 0) await rest();
    out.set(p.id, new ProjectTimeline(p, stageEvents(events.get(p.id), intern)));
  }
  return out;
}

/** People (host + members) of each project. */
function buildPeople(d: StatsData) {
  const out = new Map<string, Set<string>>();
  for (const p of d.projects) out.set(p.id, new Set([p.host_id]));
  for (const m of d.members) out.get(m.project_id)?.add(m.person_id);
  return out;
}

/**
 * Timelines and people per project, built once per loaded data: `collect` and `figuresOf` both need them,
 * and for a city the two took 0.35–0.7 s together (the timelines most of it).
 */
const derived = new WeakMap<
  StatsData,
  { tl?: Promise<Map<string, ProjectTimeline>>; people?: ReturnType<typeof buildPeople> }
>();
function derivedOf(d: StatsData) {
  let x = derived.get(d);
  if (!x) {
    x = {};
    derived.set(d, x);
  }
  return x;
}
function timelines(d: StatsData, rest: () => Promise<void> = nextTurn) {
  const x = derivedOf(d);
  x.tl ??= buildTimelines(d, rest);
  return x.tl;
}
function peopleOf(d: StatsData) {
  const x = derivedOf(d);
  x.people ??= buildPeople(d);
  return x.people;
}

/** Coverage of one window: roster teachers in a project active in it. */
function coverageOf(d: StatsData, w: Window, tl: Map<string, ProjectTimeline>, people: Map<string, Set<string>>) {
  const inProjects = new Set<string>();
  for (const p of d.projects) {
    const t = tl.get(p.id);
    if (!t?.activeDuring(w.from, w.to)) continue;
    for (const id of people.get(p.id) ?? []) inProjects.add(id);
  }
  const roster = new Set(d.teachers.map((t) => t.id));
  const covered = new Set([...inProjects].filter((id) => roster.has(id)));
  return { teachers: roster.size, inProjects: covered.size, rate: ratio(covered.size, roster.size), covered };
}

/** Every figure's records for the scope and term; `keep` names the figures whose records are listed. */

/** `rest`: what runs between sections (a turn for other requests; longer in the background, see halfPace). */
export async function collect(
  d: StatsData,
  keep?: (key: string) => boolean,
  rest: () => Promise<void> = nextTurn,
): Promise<Buckets> {
  const b = new Buckets(keep);
  const w: Window = { from: d.term.starts_on, to: d.term.ends_on };
  const until = d.today < w.to ? d.today : w.to;
  const endRef = until < w.from ? w.from : until;
  const schoolIds = new Set(d.schools.map((s) => s.id));
  const schoolName = new Map(d.schools.map((s) => [s.id, s.name]));
  const schoolOfPath = (path: string) => path.split('/').find((id) => schoolIds.has(id)) ?? null;
  const at = (schoolId: string | null) => ({ schoolId, school: schoolId ? (schoolName.get(schoolId) ?? null) : null });
  for (const key of [
    'projects.total',
    'projects.active',
    'projects.approved',
    'projects.concluded',
    'coverage.teachers',
    'coverage.inProjects',
    'coverage.uncovered',
    'punctuality.due',
    'punctuality.onTime',
    'punctuality.late',
    'punctuality.missing',
    'activities.count',
    'observations.count',
    'observations.observers',
    'growth.count',
    'mentorships.active',
    'mentorships.assessments',
    'mentorships.excellent',
    'works.count',
    'works.entries',
    'awards.count',
    'publications.count',
    'studentAwards.count',
  ])
    b.ensure(key);
  const enumKeys: [string, readonly string[]][] = [
    ['projects.byStage', STAGES],
    ['projects.byLevel', LEVELS],
    ['projects.byKind', PROJECT_KINDS],
    ['projects.activeByLevel', LEVELS],
    ['projects.concludedByGrade', CONCLUSION_GRADES],
    ['activities.byKind', ACTIVITY_KINDS],
    ['growth.byKind', GROWTH_KINDS],
    ['works.byKind', WORK_KINDS],
    ['works.entriesByStatus', ENTRY_STATUSES],
    ['awards.byLevel', LEVELS],
    ['awards.byResult', AWARD_RESULTS],
    ['publications.byLevel', LEVELS],
    ['studentAwards.byLevel', LEVELS],
    ['studentAwards.byResult', AWARD_RESULTS],
    ['pyramid', PYRAMID_LAYERS],
  ];
  for (const [prefix, keys] of enumKeys) for (const k of keys) b.ensure(`${prefix}.${k}`);

  await rest();
  // Projects.
  const tl = await timelines(d, rest);
  await rest();
  const people = peopleOf(d);
  await rest();
  for (const [i, p] of d.projects.entries()) {
    if (i > 0 && i % SLICE === 0) await rest();
    const t = tl.get(p.id);
    if (!t) continue;
    const base = {
      type: 'project' as const,
      id: p.id,
      title: p.title,
      person: p.host_name,
      ...at(p.org_id),
      date: p.starts_on,
      link: `/projects/${p.id}`,
    };
    const stage = t.stageAt(endRef);
    const level = known(LEVELS, p.level) ? p.level : 'school';
    const rec = (detail: string): StatsRecord => ({ ...base, detail });
    const summary = `${levelLabel(level)} · ${stage && known(STAGES, stage) ? STAGE_LABELS[stage] : (stage ?? '')}`;
    if (t.touched(w.from, w.to) && stage !== null && stage !== 'draft') {
      b.add('projects.total', rec(summary));
      if (known(STAGES, stage)) b.add(`projects.byStage.${stage}`, rec(summary));
      b.add(`projects.byLevel.${level}`, rec(summary));
      if (known(PROJECT_KINDS, p.kind)) b.add(`projects.byKind.${p.kind}`, rec(summary));
    }
    if (t.activeDuring(w.from, w.to)) {
      b.add('projects.active', rec(summary));
      b.add(`projects.activeByLevel.${level}`, rec(summary));
      const layer =
        level === 'school'
          ? 'school_projects'
          : level === 'district' || level === 'city'
            ? 'district_city_projects'
            : 'top_projects';
      b.add(`pyramid.${layer}`, rec(summary));
    }
    if (t.entered('approved', w.from, w.to)) b.add('projects.approved', rec(summary));
    if (t.entered('concluded', w.from, w.to)) {
      const grade = known(CONCLUSION_GRADES, p.grade) ? p.grade : null;
      b.add('projects.concluded', rec(grade ? GRADE_LABELS[grade] : summary));
      if (grade) b.add(`projects.concludedByGrade.${grade}`, rec(GRADE_LABELS[grade]));
    }
  }

  await rest();
  // Coverage.
  const cov = coverageOf(d, w, tl, people);
  for (const [i, t] of d.teachers.entries()) {
    if (i > 0 && i % (SLICE * 2) === 0) await rest();
    const rec: StatsRecord = {
      type: 'person',
      id: t.id,
      title: t.name,
      person: t.name,
      ...at(t.org_id),
      date: null,
      detail: cov.covered.has(t.id) ? '参与课题' : '未参与课题',
      link: `/people/${t.id}`,
    };
    b.add('coverage.teachers', rec);
    b.add(cov.covered.has(t.id) ? 'coverage.inProjects' : 'coverage.uncovered', rec);
  }

  await rest();
  // Monthly-report punctuality.
  const reports = new Map(d.monthlyReports.map((r) => [`${r.project_id}:${r.month}`, r]));
  for (const month of monthsOf(w)) {
    const deadline = monthlyReportDue(month);
    if (deadline >= d.today) continue;
    const end = monthEnd(month);
    for (const p of d.projects) {
      const stage = tl.get(p.id)?.stageAt(end) ?? null;
      if (stage === null || !REPORTING.has(stage)) continue;
      if (p.starts_on && p.starts_on > end) continue;
      const r = reports.get(`${p.id}:${month}`);
      const rec: StatsRecord = {
        type: 'monthly_report',
        id: r?.id ?? `${p.id}:${month}`,
        title: `${p.title}（${month} 月报）`,
        person: p.host_name,
        ...at(p.org_id),
        date: r ? dateOf(r.created_at) : null,
        detail: `${month} · 截止 ${deadline}`,
        link: `/projects/${p.id}`,
      };
      b.add('punctuality.due', rec);
      if (!r) b.add('punctuality.missing', { ...rec, detail: `${month} · 未交` });
      else if (dateOf(r.created_at) <= deadline) b.add('punctuality.onTime', rec);
      else b.add('punctuality.late', { ...rec, detail: `${month} · 逾期提交` });
    }
  }

  await rest();
  // Activities.
  for (const a of d.activities) {
    const kindText = known(ACTIVITY_KINDS, a.kind) ? ACTIVITY_KIND_LABELS[a.kind] : a.kind;
    const rec: StatsRecord = {
      type: 'activity',
      id: a.id,
      title: a.title,
      person: a.presenter_name,
      ...at(schoolOfPath(a.path)),
      date: a.date,
      detail: kindText,
      link: `/activities/${a.id}`,
    };
    b.add('activities.count', rec);
    if (known(ACTIVITY_KINDS, a.kind)) b.add(`activities.byKind.${a.kind}`, rec);
  }

  await rest();
  // Observations.
  const observers = new Map<string, StatsRecord>();
  for (const o of d.observations) {
    b.add('observations.count', {
      type: 'observation',
      id: o.id,
      title: `${o.subject} · ${o.topic}`,
      person: `${o.observer_name ?? ''} → ${o.teacher_name ?? ''}`,
      ...at(o.org_id),
      date: o.date,
      detail: null,
      link: `/observations/${o.id}`,
    });
    if (!observers.has(o.observer_id))
      observers.set(o.observer_id, {
        type: 'person',
        id: o.observer_id,
        title: o.observer_name ?? '',
        person: o.observer_name,
        ...at(o.org_id),
        date: null,
        detail: null,
        link: `/people/${o.observer_id}`,
      });
  }
  for (const rec of observers.values()) b.add('observations.observers', rec);

  await rest();
  // Growth records and the pyramid's base.
  for (const g of d.growth) {
    const rec: StatsRecord = {
      type: 'growth',
      id: g.id,
      title: g.title,
      person: g.person_name,
      ...at(g.org_id),
      date: g.date,
      detail: known(GROWTH_KINDS, g.kind) ? GROWTH_KIND_LABELS[g.kind] : g.kind,
      link: `/growth/${g.id}`,
    };
    b.add('growth.count', rec);
    if (known(GROWTH_KINDS, g.kind)) b.add(`growth.byKind.${g.kind}`, rec);
    if (g.kind === 'narrative' || g.kind === 'case') b.add('pyramid.narrative_case', rec);
  }

  await rest();
  // Mentoring.
  const months = new Set(monthsOf(w));
  const running = new Map<string, StatsRecord>();
  for (const m of d.mentorships) {
    const end = m.ends_on ?? (m.status === 'ended' ? dateOf(m.updated_at) : '9999-12-31');
    if (m.starts_on > w.to || end < w.from) continue;
    const rec: StatsRecord = {
      type: 'mentorship',
      id: m.id,
      title: `${m.mentor_name ?? ''} — ${m.mentee_name ?? ''}`,
      person: m.mentee_name,
      ...at(m.org_id),
      date: m.starts_on,
      detail: null,
      link: `/mentorships/${m.id}`,
    };
    running.set(m.id, rec);
    b.add('mentorships.active', rec);
    const ev = fromJson<{ excellent?: boolean; at?: string | null } | null>(m.evaluation, null);
    const evDate = ev?.at ? dateOf(ev.at) : null;
    if (ev?.excellent && evDate && evDate >= w.from && evDate <= w.to)
      b.add('mentorships.excellent', { ...rec, detail: '优秀师徒' });
  }
  for (const a of d.mentorshipAssessments) {
    const pair = running.get(a.mentorship_id);
    if (!pair || !months.has(a.month)) continue;
    b.add('mentorships.assessments', { ...pair, id: a.id, date: a.month, detail: `${a.month} 月考核` });
  }

  await rest();
  // Works, entries, awards, publications.
  const authors = new Map<string, string>();
  for (const a of d.firstAuthors) {
    const name = a.person_name ?? a.outside_name ?? '';
    const prev = authors.get(a.work_id);
    authors.set(a.work_id, prev ? `${prev}、${name}` : name);
  }
  for (const wk of d.works) {
    const date = wk.written_on ?? dateOf(wk.created_at);
    if (date < w.from || date > w.to) continue;
    const rec: StatsRecord = {
      type: 'work',
      id: wk.id,
      title: wk.title,
      person: authors.get(wk.id) ?? null,
      ...at(wk.org_id),
      date,
      detail: null,
      link: `/works/${wk.id}`,
    };
    b.add('works.count', rec);
    if (known(WORK_KINDS, wk.kind)) b.add(`works.byKind.${wk.kind}`, rec);
  }
  await rest();
  for (const e of d.entries) {
    const rec = (date: string | null, detail: string): StatsRecord => ({
      type: 'entry',
      id: e.id,
      title: e.title,
      person: authors.get(e.work_id) ?? null,
      ...at(e.org_id),
      date,
      detail,
      link: `/works/${e.work_id}`,
    });
    if (e.entered_on >= w.from && e.entered_on <= w.to) {
      const r = rec(e.entered_on, `${e.competition_name}（${levelLabel(e.competition_level)}）`);
      b.add('works.entries', r);
      if (known(ENTRY_STATUSES, e.status)) b.add(`works.entriesByStatus.${e.status}`, r);
      b.add(`entries.byCompetition.${e.competition_id}`, r);
    }
    if (e.status === 'awarded' && e.result && e.result_on && e.result_on >= w.from && e.result_on <= w.to) {
      const r = rec(e.result_on, `${e.competition_name} · ${resultLabel(e.result)}`);
      b.add('awards.count', r);
      if (known(LEVELS, e.competition_level)) b.add(`awards.byLevel.${e.competition_level}`, r);
      if (known(AWARD_RESULTS, e.result)) {
        b.add(`awards.byResult.${e.result}`, r);
        b.add(`awards.byCompetition.${e.competition_id}.${e.result}`, r);
      }
      b.add(`awards.byCompetition.${e.competition_id}`, r);
    }
  }
  await rest();
  for (const p of d.publications) {
    const rec: StatsRecord = {
      type: 'publication',
      id: p.id,
      title: p.title,
      person: authors.get(p.work_id) ?? null,
      ...at(p.org_id),
      date: p.published_on,
      detail: `${p.journal}${p.issue ? ` ${p.issue}` : ''}（${levelLabel(p.level)}）`,
      link: `/works/${p.work_id}`,
    };
    b.add('publications.count', rec);
    if (known(LEVELS, p.level)) b.add(`publications.byLevel.${p.level}`, rec);
  }
  await rest();
  for (const s of d.studentAwards) {
    const rec: StatsRecord = {
      type: 'student_award',
      id: s.id,
      title: `${s.student_name} · ${s.competition}${s.title ? ` · ${s.title}` : ''}`,
      person: s.person_name,
      ...at(s.org_id),
      date: s.awarded_on,
      detail: `${levelLabel(s.level)} · ${resultLabel(s.result)}`,
      link: null,
    };
    b.add('studentAwards.count', rec);
    if (known(LEVELS, s.level)) b.add(`studentAwards.byLevel.${s.level}`, rec);
    if (known(AWARD_RESULTS, s.result)) b.add(`studentAwards.byResult.${s.result}`, rec);
  }

  await rest();
  // Compliance as the rules module evaluated it (each school's own rules and reference dates).
  for (const rule of complianceRules(d))
    for (const k of ['required', 'met', 'unmet']) b.ensure(`compliance.${rule}.${k}`);
  const byId = new Map(d.teachers.map((t) => [t.id, t]));
  for (const [i, item] of d.compliance.entries()) {
    if (i > 0 && i % (SLICE * 4) === 0) await rest();
    const t = byId.get(item.personId);
    if (!t) continue;
    const rec: StatsRecord = {
      type: 'person',
      id: t.id,
      title: t.name,
      person: t.name,
      ...at(t.org_id),
      date: null,
      detail: `${item.actual}/${item.required}`,
      link: `/people/${t.id}`,
    };
    b.add(`compliance.${item.rule}.required`, rec);
    b.add(item.met ? `compliance.${item.rule}.met` : `compliance.${item.rule}.unmet`, rec);
  }
  return b;
}

/** The rules the compliance figure lists: the rules module's keys in its order. */
function complianceRules(d: StatsData): string[] {
  return [...new Set(d.compliance.map((i) => i.rule))];
}

/** The figures object from the buckets (counts only; every count is a bucket's length). */
export async function figuresOf(
  d: StatsData,
  b: Buckets,
  rest: () => Promise<void> = nextTurn,
): Promise<Omit<Figures, 'asOf'>> {
  const tl = await timelines(d, rest);
  const people = peopleOf(d);
  const trend: Figures['coverage']['trend'] = [];
  for (const t of d.trendTerms) {
    await rest();
    if (t.id === d.term.id) {
      trend.push({
        termId: t.id,
        termName: t.name,
        teachers: b.n('coverage.teachers'),
        inProjects: b.n('coverage.inProjects'),
        rate: ratio(b.n('coverage.inProjects'), b.n('coverage.teachers')),
      });
      continue;
    }
    const c = coverageOf(d, { from: t.starts_on, to: t.ends_on }, tl, people);
    trend.push({ termId: t.id, termName: t.name, teachers: c.teachers, inProjects: c.inProjects, rate: c.rate });
  }
  await rest();
  const competitions = new Map<string, { name: string; level: string }>();
  for (const e of d.entries)
    competitions.set(e.competition_id, { name: e.competition_name, level: e.competition_level });
  const levelRank = (l: string) => (known(LEVELS, l) ? LEVELS.indexOf(l) : LEVELS.length);
  const byCompetition = [...competitions.entries()]
    .map(([id, c]) => ({
      competitionId: id,
      name: c.name,
      level: c.level,
      entries: b.n(`entries.byCompetition.${id}`),
      awards: b.n(`awards.byCompetition.${id}`),
      byResult: b.counts(`awards.byCompetition.${id}`, AWARD_RESULTS),
    }))
    .filter((c) => c.entries > 0 || c.awards > 0)
    .sort((x, y) => levelRank(x.level) - levelRank(y.level) || x.name.localeCompare(y.name, 'zh-CN'));
  const rule = (key: string) => ({
    rule: key,
    required: b.n(`compliance.${key}.required`),
    met: b.n(`compliance.${key}.met`),
    rate: ratio(b.n(`compliance.${key}.met`), b.n(`compliance.${key}.required`)),
  });
  const trainingHours = d.growth.filter((g) => g.kind === 'training').reduce((sum, g) => sum + Number(g.hours ?? 0), 0);
  return {
    org: { id: d.org.id, name: d.org.name, kind: d.org.kind },
    term: { id: d.term.id, name: d.term.name, startsOn: d.term.starts_on, endsOn: d.term.ends_on },
    projects: {
      total: b.n('projects.total'),
      active: b.n('projects.active'),
      byStage: b.counts('projects.byStage', STAGES),
      byLevel: b.counts('projects.byLevel', LEVELS),
      byKind: b.counts('projects.byKind', PROJECT_KINDS),
      activeByLevel: b.counts('projects.activeByLevel', LEVELS),
      approved: b.n('projects.approved'),
      concluded: b.n('projects.concluded'),
      concludedByGrade: b.counts('projects.concludedByGrade', CONCLUSION_GRADES),
    },
    coverage: {
      teachers: b.n('coverage.teachers'),
      inProjects: b.n('coverage.inProjects'),
      rate: ratio(b.n('coverage.inProjects'), b.n('coverage.teachers')),
      trend,
    },
    punctuality: {
      due: b.n('punctuality.due'),
      onTime: b.n('punctuality.onTime'),
      late: b.n('punctuality.late'),
      missing: b.n('punctuality.missing'),
      rate: ratio(b.n('punctuality.onTime'), b.n('punctuality.due')),
    },
    activities: { count: b.n('activities.count'), byKind: b.counts('activities.byKind', ACTIVITY_KINDS) },
    observations: { count: b.n('observations.count'), observers: b.n('observations.observers') },
    growth: {
      count: b.n('growth.count'),
      byKind: b.counts('growth.byKind', GROWTH_KINDS),
      trainingHours: Math.round(trainingHours * 10) / 10,
    },
    mentorships: {
      active: b.n('mentorships.active'),
      assessments: b.n('mentorships.assessments'),
      excellent: b.n('mentorships.excellent'),
    },
    works: {
      count: b.n('works.count'),
      byKind: b.counts('works.byKind', WORK_KINDS),
      entries: b.n('works.entries'),
      entriesByStatus: b.counts('works.entriesByStatus', ENTRY_STATUSES),
    },
    awards: {
      count: b.n('awards.count'),
      byLevel: b.counts('awards.byLevel', LEVELS),
      byResult: b.counts('awards.byResult', AWARD_RESULTS),
      byCompetition,
    },
    publications: { count: b.n('publications.count'), byLevel: b.counts('publications.byLevel', LEVELS) },
    studentAwards: {
      count: b.n('studentAwards.count'),
      byLevel: b.counts('studentAwards.byLevel', LEVELS),
      byResult: b.counts('studentAwards.byResult', AWARD_RESULTS),
    },
    compliance: { source: 'rules', rules: complianceRules(d).map(rule) },
    assessment: null,
    pyramid: PYRAMID_LAYERS.map((layer) => ({ layer, count: b.n(`pyramid.${layer}`) })),
    schools: d.schools.map((s) => ({
      orgId: s.id,
      name: s.name,
      teachers: b.n('coverage.teachers', s.id),
      inProjects: b.n('coverage.inProjects', s.id),
      coverageRate: ratio(b.n('coverage.inProjects', s.id), b.n('coverage.teachers', s.id)),
      projectsActive: b.n('projects.active', s.id),
      topProjects: b.n('pyramid.top_projects', s.id),
      activities: b.n('activities.count', s.id),
      observations: b.n('observations.count', s.id),
      growth: b.n('growth.count', s.id),
      awards: b.n('awards.count', s.id),
      publications: b.n('publications.count', s.id),
      punctualityRate: ratio(b.n('punctuality.onTime', s.id), b.n('punctuality.due', s.id)),
      mentorships: b.n('mentorships.active', s.id),
    })),
  };
}
