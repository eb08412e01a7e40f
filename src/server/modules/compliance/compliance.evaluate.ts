import { ageOn, schoolYearOf } from '../../calendar.js';
import { schoolYearRange } from '../growth/eight-ones.js';
import type { EightOneItem } from '../growth/growth.schema.js';
import { LEVELS } from '../projects/projects.workflow.js';
import { type QuotaRules, RULE_LABELS, type RuleKey } from '../rules/rules.schema.js';

/**
 * Compliance (达标情况) of one teacher in one term, computed from the records and the school's rules:
 * which rules bind them (by age at the reference date, and group for 一人一课), what each requires,
 * how many records count, and which. Pure: the service loads the facts.
 */

/** A record counted for a rule. */
export interface CountedRecord {
  id: string;
  kind: string;
  title: string;
  date: string | null;
}

/** A competition entry of a work the teacher (co-)authored. */
export interface EntryFact {
  id: string;
  workId: string;
  workKind: string;
  title: string;
  competition: string;
  level: string;
  enteredOn: string;
  status: string;
  result: string | null;
  resultOn: string | null;
}

export interface TeacherFacts {
  personId: string;
  personName: string;
  orgId: string;
  birthDate: string | null;
  /** Member of a subject group (教研组/备课组). */
  inPrepGroup: boolean;
  observations: CountedRecord[];
  growth: CountedRecord[];
  presented: CountedRecord[];
  entries: EntryFact[];
  /** 八个一 of the term's school year, or null when that rule is off. */
  eightOnes: EightOneItem[] | null;
}

export interface ComplianceItem {
  personId: string;
  personName: string;
  orgId: string;
  rule: RuleKey;
  label: string;
  /** Age at the reference date (null when the birth date is unknown). */
  age: number | null;
  required: number;
  actual: number;
  met: boolean;
  /** How many are missing for the whole term. */
  behind: number;
  /** What should be done by now (the whole requirement once the term is over). */
  dueToDate: number;
  /** How many are missing against `dueToDate`: who gets a reminder. */
  behindToDate: number;
  records: CountedRecord[];
}

/** Entry statuses that mean the work went out to the competition (not stuck in or dropped at 校内初审). */
export const ENTERED_STATUSES: readonly string[] = ['recommended', 'submitted', 'awarded', 'not_awarded'];

export interface TermWindow {
  startsOn: string;
  endsOn: string;
}

const DAY = 86_400_000;
/** Day numbers of the few dates a term's evaluation meets (its ends and today), parsed once each. */
const dayNos = new Map<string, number>();
function dayNo(d: string): number {
  let n = dayNos.get(d);
  if (n === undefined) {
    // a city's evaluation parsed the same three dates for each of its 194,000 items (150 ms of a request)
    if (dayNos.size >= 1024) dayNos.clear();
    n = Date.parse(`${d}T00:00:00Z`) / DAY;
    dayNos.set(d, n);
  }
  return n;
}

/** Whole weeks of a term (a trailing part-week requires nothing). */
export function termWeeks(term: TermWindow): number {
  return Math.floor((dayNo(term.endsOn) - dayNo(term.startsOn) + 1) / 7);
}

/** The share of a requirement due by `asOf`: none before the term, all of it after. */
export function dueBy(required: number, term: TermWindow, asOf: string): number {
  if (asOf >= term.endsOn) return required;
  if (asOf < term.startsOn) return 0;
  const total = dayNo(term.endsOn) - dayNo(term.startsOn) + 1;
  const elapsed = dayNo(asOf) - dayNo(term.startsOn) + 1;
  return Math.floor((required * elapsed) / total);
}

/** The school year a term belongs to, as a window (八个一 is a yearly checklist). */
export function schoolYearWindow(term: TermWindow): TermWindow {
  const { from, to } = schoolYearRange(schoolYearOf(term.startsOn));
  return { startsOn: from, endsOn: to };
}

/** True when `level` is `min` or higher (levels run national → school). */
export function levelAtLeast(level: string, min: string): boolean {
  const levels: readonly string[] = LEVELS;
  const i = levels.indexOf(level);
  const m = levels.indexOf(min);
  return i >= 0 && m >= 0 && i <= m;
}

interface Binding {
  rule: RuleKey;
  required: number;
  records: CountedRecord[];
  /** What counts when it is not one per record (八个一: the items met). */
  actual?: number;
  /** The period the requirement is spread over, when not the term (八个一: the school year). */
  window?: TermWindow;
}

/** The rules that bind the teacher, each with its requirement and counted records. */
function bindings(t: TeacherFacts, rules: QuotaRules, age: number | null, term: TermWindow): Binding[] {
  const out: Binding[] = [];
  const under = (limit: number) => age !== null && age < limit;
  const o = rules.observations;
  if (o.enabled) {
    out.push({
      rule: 'observations',
      required: under(o.ageLimit) ? o.youngerRequired : o.olderRequired,
      records: t.observations,
    });
  }
  const w = rules.writing;
  if (w.enabled && under(w.underAge)) {
    out.push({
      rule: 'writing',
      required: w.perWeek * (w.weeks ?? termWeeks(term)),
      records: t.growth.filter((r) => w.growthKinds.some((k) => k === r.kind)),
    });
  }
  const l = rules.one_lesson;
  if (l.enabled && under(l.underAge) && (t.inPrepGroup || !l.prepGroupsOnly)) {
    out.push({
      rule: 'one_lesson',
      required: l.perTerm,
      records: t.presented.filter((r) => l.activityKinds.some((k) => k === r.kind)),
    });
  }
  const c = rules.competition;
  if (c.enabled && under(c.underAge)) {
    const counted = t.entries.filter(
      (e) =>
        e.enteredOn >= term.startsOn &&
        e.enteredOn <= term.endsOn &&
        ENTERED_STATUSES.includes(e.status) &&
        levelAtLeast(e.level, c.minLevel) &&
        (c.workKinds.length === 0 || c.workKinds.some((k) => k === e.workKind)),
    );
    out.push({
      rule: 'competition',
      required: c.perTerm,
      records: counted.map((e) => ({
        id: e.id,
        kind: 'entry',
        title: `${e.title}（${e.competition}）`,
        date: e.enteredOn,
      })),
    });
  }
  if (rules.eight_ones.enabled && t.eightOnes) {
    const met = t.eightOnes.filter((i) => i.met);
    out.push({
      rule: 'eight_ones',
      required: t.eightOnes.length,
      actual: met.length,
      window: schoolYearWindow(term),
      records: met.flatMap((i) =>
        i.evidence.map((e) => ({ id: e.id, kind: e.source, title: `${i.label}：${e.title}`, date: e.date })),
      ),
    });
  }
  return out;
}

/** The teacher's compliance items, one per rule that binds them. */
export function evaluateTeacher(
  t: TeacherFacts,
  rules: QuotaRules,
  ageOnDate: string,
  term: TermWindow,
  asOf: string,
): ComplianceItem[] {
  const age = t.birthDate ? ageOn(t.birthDate, ageOnDate) : null;
  return bindings(t, rules, age, term).map((b) => {
    const actual = b.actual ?? b.records.length;
    const dueToDate = dueBy(b.required, b.window ?? term, asOf);
    return {
      personId: t.personId,
      personName: t.personName,
      orgId: t.orgId,
      rule: b.rule,
      label: RULE_LABELS[b.rule],
      age,
      required: b.required,
      actual,
      met: actual >= b.required,
      behind: Math.max(0, b.required - actual),
      dueToDate,
      behindToDate: Math.max(0, dueToDate - actual),
      records: b.records,
    };
  });
}
