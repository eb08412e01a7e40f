import type { Kysely } from 'kysely';
import { bookTitle } from '../../book-title.js';
import { groupBy } from '../../concurrency.js';
import { fromJson } from '../../db/dialect.js';
import type { DB, TermRow } from '../../db/types.js';
import { type EightOneFacts, evaluateEightOnes, schoolYearRange, workFact } from '../growth/eight-ones.js';
import type { EntryFact, TeacherFacts } from './compliance.evaluate.js';
import { ComplianceRepo, type TeacherRow } from './compliance.repo.js';

/**
 * The facts compliance is computed from, for many teachers of one term in a few queries. `withEightOnes`
 * tells whose school counts 八个一 (their growth is read over the whole school year, and their 八个一 facts).
 */
export async function loadTeacherFacts(
  db: Kysely<DB>,
  teachers: readonly TeacherRow[],
  term: Pick<TermRow, 'starts_on' | 'ends_on' | 'school_year'>,
  withEightOnes: (teacher: TeacherRow) => boolean,
): Promise<Map<string, TeacherFacts>> {
  const repo = new ComplianceRepo(db);
  const ids = teachers.map((t) => t.id);
  const eightIds = teachers.filter(withEightOnes).map((t) => t.id);
  const counted = new Set(eightIds);
  const plainIds = ids.filter((id) => !counted.has(id));
  const { starts_on: from, ends_on: to } = term;
  const year = schoolYearRange(term.school_year);
  const [groups, observations, plainGrowth, yearGrowth, presented, entries] = await Promise.all([
    repo.groups(ids),
    repo.observations(ids, from, to),
    repo.growth(plainIds, from, to),
    repo.growth(eightIds, minDate(from, year.from), maxDate(to, year.to)),
    repo.presented(ids, from, to),
    entryFactsOf(repo, ids, from, to),
  ]);
  // Each person's rows come from one of the two reads, in date order.
  const growth = plainGrowth.concat(yearGrowth);
  const eight =
    eightIds.length > 0 ? await eightOneFacts(repo, eightIds, yearGrowth, year) : new Map<string, EightOneFacts>();
  const groupsOf = groupBy(groups, (g) => g.person_id);
  const obsOf = groupBy(observations, (o) => o.observer_id);
  const growthOf = groupBy(growth, (g) => g.person_id);
  const presentedOf = groupBy(presented, (a) => a.presenter_id);
  const out = new Map<string, TeacherFacts>();
  for (const t of teachers) {
    const facts = eight.get(t.id);
    out.set(t.id, {
      personId: t.id,
      personName: t.name,
      orgId: t.school_id,
      birthDate: t.birth_date,
      inPrepGroup: (groupsOf.get(t.id) ?? []).some((g) => g.group_type === 'subject'),
      observations: (obsOf.get(t.id) ?? []).map((o) => ({
        id: o.id,
        kind: 'observation',
        title: `${o.teacher_name}${bookTitle(o.topic)}${o.subject ? `（${o.subject}）` : ''}`,
        date: o.date,
      })),
      growth: (growthOf.get(t.id) ?? [])
        .filter((g) => g.date >= from && g.date <= to)
        .map((g) => ({ id: g.id, kind: g.kind, title: g.title, date: g.date })),
      presented: (presentedOf.get(t.id) ?? []).map((a) => ({ id: a.id, kind: a.kind, title: a.title, date: a.date })),
      entries: entries.get(t.id) ?? [],
      eightOnes: facts ? evaluateEightOnes(facts, term.school_year) : null,
    });
  }
  return out;
}

/** Each person's competition entries entered or decided between two dates, in entry order. */
export async function entryFactsOf(
  repo: ComplianceRepo,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, EntryFact[]>> {
  return entryFactsByPerson(await repo.entries(ids, from, to));
}

/**
 * Each person's competition entries decided between two dates, in entry order: read by date and kept for these
 * people (a city's rewards read 50,000 people's entries in a hundred statements, for a term's few thousand).
 */
export async function decidedFactsOf(
  repo: ComplianceRepo,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, EntryFact[]>> {
  const wanted = new Set(ids);
  const rows = await repo.decidedEntries(from, to);
  return entryFactsByPerson(rows.filter((e) => e.person_id !== null && wanted.has(e.person_id)));
}

function entryFactsByPerson(rows: Awaited<ReturnType<ComplianceRepo['entries']>>): Map<string, EntryFact[]> {
  const out = new Map<string, EntryFact[]>();
  for (const e of rows) {
    if (e.person_id === null) continue;
    const fact: EntryFact = {
      id: e.id,
      workId: e.work_id,
      workKind: e.work_kind,
      title: e.title,
      competition: e.competition,
      level: e.level,
      enteredOn: e.entered_on,
      status: e.status,
      result: e.result,
      resultOn: e.result_on,
    };
    const mine = out.get(e.person_id);
    if (mine) mine.push(fact);
    else out.set(e.person_id, [fact]);
  }
  return out;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** 八个一 facts of the school year, as the growth module builds them for one teacher. */
async function eightOneFacts(
  repo: ComplianceRepo,
  ids: string[],
  growth: Awaited<ReturnType<ComplianceRepo['growth']>>,
  year: { from: string; to: string },
): Promise<Map<string, EightOneFacts>> {
  const [projects, lessons, outputs, works] = await Promise.all([
    repo.projects(ids),
    repo.researchLessons(ids, year.from, year.to),
    repo.paperOutputs(ids),
    repo.worksAuthored(ids),
  ]);
  const worksOf = groupBy(works, (w) => w.person_id);
  // Each output's author list is read once, not once per teacher of the school.
  const authored = [...new Map(outputs.map((o) => [o.id, o])).values()].flatMap((o) => {
    const paper = { id: o.id, title: o.title, date: o.on_date ?? o.created_at.slice(0, 10) };
    return [...new Set(fromJson<unknown[]>(o.author_ids, []))].map((author) => ({ author, paper }));
  });
  const outputsOf = groupBy(authored, (a) => a.author);
  const growthOf = groupBy(growth, (g) => g.person_id);
  const projectsOf = groupBy(projects, (p) => p.person_id);
  const lessonsOf = groupBy(lessons, (l) => l.teacher_id);
  const out = new Map<string, EightOneFacts>();
  for (const id of ids) {
    out.set(id, {
      records: (growthOf.get(id) ?? [])
        .filter((r) => r.date >= year.from && r.date <= year.to)
        .map((r) => ({ id: r.id, kind: r.kind, date: r.date, title: r.title, text: r.text, bookKind: r.book_kind })),
      projects: (projectsOf.get(id) ?? []).map((p) => ({
        id: p.id,
        title: p.title,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
      })),
      researchLessons: (lessonsOf.get(id) ?? []).map((l) => ({
        id: l.id,
        title: `${l.content}（${l.title}）`,
        heldOn: l.held_on,
      })),
      paperOutputs: (outputsOf.get(id) ?? []).map((a) => a.paper),
      works: (worksOf.get(id) ?? []).map(workFact),
    });
  }
  return out;
}
