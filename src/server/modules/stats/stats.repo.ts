import { type Kysely, sql } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';

/** A date window, both ends inclusive ('YYYY-MM-DD'). */
export interface Window {
  from: string;
  to: string;
}

/**
 * The raw rows behind the statistics of one org subtree (`path` prefix). Reads only; every count
 * is made in the service from these rows, so a figure and its click-through list share one source.
 */
export class StatsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  org(id: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'kind', 'path']).where('id', '=', id).executeTakeFirst();
  }

  term(id: string) {
    return this.db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Terms starting on or before the date, newest first. */
  termsUpTo(startsOn: string, limit: number) {
    return this.db
      .selectFrom('terms')
      .selectAll()
      .where('starts_on', '<=', startsOn)
      .orderBy('starts_on', 'desc')
      .limit(limit)
      .execute();
  }

  schools(path: string) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'path'])
      .where('kind', '=', 'school')
      .where((eb) => startsWith(eb.ref('path'), path))
      .orderBy('sort')
      .orderBy('name')
      .execute();
  }

  /** Active people on the rosters of the subtree's schools. */
  teachers(path: string) {
    return this.db
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'people.org_id', 'people.birth_date', 'people.name_key'])
      .where('people.active', '=', 1)
      .where('orgs.kind', '=', 'school')
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('people.name_key')
      .execute();
  }

  projects(path: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .leftJoin('people as host', 'host.id', 'projects.host_id')
      .select([
        'projects.id',
        'projects.title',
        'projects.level',
        'projects.kind',
        'projects.stage',
        'projects.org_id',
        'projects.host_id',
        'host.name as host_name',
        'projects.number',
        'projects.grade',
        'projects.starts_on',
        'projects.ends_on',
        'projects.created_at',
      ])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('projects.created_at')
      .orderBy('projects.id')
      .execute();
  }

  /**
   * Each project's stage changes as one text, in order: `at|from|to` joined by commas. A city has 133,000
   * changes; as one row each they were 39 MB of the 120 MB its figures hold while they are made.
   */
  transitions(path: string) {
    return this.db
      .selectFrom('project_transitions as t')
      .innerJoin('projects', 'projects.id', 't.project_id')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select([
        't.project_id',
        sql<string>`string_agg(${sql.ref('t.at')} || '|' || ${sql.ref('t.from_stage')} || '|' || ${sql.ref('t.to_stage')}, ',' order by ${sql.ref('t.at')}, ${sql.ref('t.id')})`.as(
          'events',
        ),
      ])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .groupBy('t.project_id')
      .execute();
  }

  members(path: string) {
    return this.db
      .selectFrom('project_members as m')
      .innerJoin('projects', 'projects.id', 'm.project_id')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['m.project_id', 'm.person_id'])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .execute();
  }

  monthlyReports(path: string, months: readonly string[]) {
    if (months.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('project_reports as r')
      .innerJoin('projects', 'projects.id', 'r.project_id')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['r.id', 'r.project_id', 'r.month', 'r.created_at'])
      .where('r.kind', '=', 'monthly')
      .where('r.month', 'in', [...months])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('r.created_at')
      .execute();
  }

  activities(path: string, w: Window) {
    return this.db
      .selectFrom('activities as a')
      .innerJoin('orgs', 'orgs.id', 'a.org_id')
      .leftJoin('people as presenter', 'presenter.id', 'a.presenter_id')
      .select(['a.id', 'a.kind', 'a.title', 'a.date', 'a.org_id', 'orgs.path', 'presenter.name as presenter_name'])
      .where('a.date', '>=', w.from)
      .where('a.date', '<=', w.to)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('a.date')
      .orderBy('a.id')
      .execute();
  }

  /** Submitted observations of the term whose observed teacher's school lies in the subtree. */
  observations(path: string, w: Window) {
    return this.db
      .selectFrom('observations as o')
      .innerJoin('orgs', 'orgs.id', 'o.org_id')
      .leftJoin('people as teacher', 'teacher.id', 'o.teacher_id')
      .leftJoin('people as observer', 'observer.id', 'o.observer_id')
      .select([
        'o.id',
        'o.org_id',
        'o.observer_id',
        'o.date',
        'o.topic',
        'o.subject',
        'teacher.name as teacher_name',
        'observer.name as observer_name',
      ])
      .where('o.status', '!=', 'draft')
      .where('o.date', '>=', w.from)
      .where('o.date', '<=', w.to)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('o.date')
      .orderBy('o.id')
      .execute();
  }

  growth(path: string, w: Window) {
    return this.db
      .selectFrom('growth_records as g')
      .innerJoin('orgs', 'orgs.id', 'g.org_id')
      .leftJoin('people', 'people.id', 'g.person_id')
      .select([
        'g.id',
        'g.kind',
        'g.title',
        'g.date',
        'g.org_id',
        'g.person_id',
        'g.hours',
        'people.name as person_name',
      ])
      .where('g.date', '>=', w.from)
      .where('g.date', '<=', w.to)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('g.date')
      .orderBy('g.id')
      .execute();
  }

  mentorships(path: string, w: Window) {
    return this.db
      .selectFrom('mentorships as m')
      .innerJoin('orgs', 'orgs.id', 'm.org_id')
      .leftJoin('people as mentor', 'mentor.id', 'm.mentor_id')
      .leftJoin('people as mentee', 'mentee.id', 'm.mentee_id')
      .select([
        'm.id',
        'm.org_id',
        'm.starts_on',
        'm.ends_on',
        'm.status',
        'm.evaluation',
        'm.updated_at',
        'mentor.name as mentor_name',
        'mentee.name as mentee_name',
      ])
      .where('m.starts_on', '<=', w.to)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('m.starts_on')
      .orderBy('m.id')
      .execute();
  }

  mentorshipAssessments(ids: readonly string[], months: readonly string[]) {
    if (ids.length === 0 || months.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('mentorship_assessments')
      .select(['id', 'mentorship_id', 'month'])
      .where('mentorship_id', 'in', [...ids])
      .where('month', 'in', [...months])
      .execute();
  }

  /**
   * Works of the subtree written in the window — or, without a writing date, recorded around it: the
   * service keeps those whose local recording date falls inside (a UTC instant may be a day off).
   */
  works(path: string, w: Window) {
    return this.db
      .selectFrom('works as w')
      .innerJoin('orgs', 'orgs.id', 'w.org_id')
      .select(['w.id', 'w.kind', 'w.title', 'w.org_id', 'w.written_on', 'w.created_at'])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .where((eb) =>
        eb.or([
          eb.and([eb('w.written_on', '>=', w.from), eb('w.written_on', '<=', w.to)]),
          eb.and([
            eb('w.written_on', 'is', null),
            eb('w.created_at', '>=', shiftDate(w.from, -1)),
            eb('w.created_at', '<', shiftDate(w.to, 2)),
          ]),
        ]),
      )
      .orderBy('w.created_at')
      .orderBy('w.id')
      .execute();
  }

  /** Authors of these works in order (for record lists), a thousand works per statement. */
  async authorsOf(workIds: readonly string[]) {
    const out: { work_id: string; position: number; person_name: string | null; outside_name: string | null }[] = [];
    for (let i = 0; i < workIds.length; i += 1000) {
      const rows = await this.db
        .selectFrom('work_authors as a')
        .leftJoin('people', 'people.id', 'a.person_id')
        .select(['a.work_id', 'a.position', 'people.name as person_name', 'a.outside_name'])
        .where('a.work_id', 'in', workIds.slice(i, i + 1000))
        .execute();
      out.push(...rows);
    }
    return out.sort((a, b) => a.position - b.position);
  }

  /** Entries of the subtree entered, or decided, in the window. */
  entries(path: string, w: Window) {
    return this.db
      .selectFrom('work_entries as e')
      .innerJoin('works as w', 'w.id', 'e.work_id')
      .innerJoin('orgs', 'orgs.id', 'w.org_id')
      .innerJoin('competitions as c', 'c.id', 'e.competition_id')
      .select([
        'e.id',
        'e.work_id',
        'e.competition_id',
        'c.name as competition_name',
        'c.level as competition_level',
        'e.entered_on',
        'e.status',
        'e.result',
        'e.result_on',
        'w.title',
        'w.org_id',
      ])
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .where((eb) =>
        eb.or([
          eb.and([eb('e.entered_on', '>=', w.from), eb('e.entered_on', '<=', w.to)]),
          eb.and([eb('e.result_on', '>=', w.from), eb('e.result_on', '<=', w.to)]),
        ]),
      )
      .orderBy('e.entered_on')
      .orderBy('e.id')
      .execute();
  }

  publications(path: string, w: Window) {
    return this.db
      .selectFrom('publications as p')
      .innerJoin('works as w', 'w.id', 'p.work_id')
      .innerJoin('orgs', 'orgs.id', 'w.org_id')
      .select(['p.id', 'p.work_id', 'p.journal', 'p.level', 'p.issue', 'p.published_on', 'w.title', 'w.org_id'])
      .where('p.published_on', '>=', w.from)
      .where('p.published_on', '<=', w.to)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('p.published_on')
      .orderBy('p.id')
      .execute();
  }

  studentAwards(path: string, w: Window) {
    return this.db
      .selectFrom('student_awards as s')
      .innerJoin('orgs', 'orgs.id', 's.org_id')
      .leftJoin('people', 'people.id', 's.person_id')
      .select([
        's.id',
        's.org_id',
        's.student_name',
        's.competition',
        's.title',
        's.level',
        's.result',
        's.awarded_on',
        'people.name as person_name',
      ])
      .where('s.awarded_on', '>=', w.from)
      .where('s.awarded_on', '<=', w.to)
      .where((eb) => startsWith(eb.ref('orgs.path'), path))
      .orderBy('s.awarded_on')
      .orderBy('s.id')
      .execute();
  }
}

/** A 'YYYY-MM-DD' date moved by whole days. */
function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
