import type { Kysely } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB, SummaryDraftRow } from '../../db/types.js';

/** A window of plain dates (the term) and the same window as instants (for transitions). */
export interface TermWindow {
  from: string;
  to: string;
  fromInstant: string;
  toInstant: string;
}

/** The named lists the summary cites (titles, winners) and its saved drafts. Counts come from stats only. */
export class SummaryRepo {
  constructor(private readonly db: Kysely<DB>) {}

  org(id: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'kind', 'path']).where('id', '=', id).executeTakeFirst();
  }

  term(id: string) {
    return this.db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The term that starts right after the given date. */
  nextTerm(after: string) {
    return this.db
      .selectFrom('terms')
      .selectAll()
      .where('starts_on', '>', after)
      .orderBy('starts_on')
      .limit(1)
      .executeTakeFirst();
  }

  /** Projects under the org that took a step (立项, 开题, 中期, 结题) in the term, with the step. */
  projectSteps(path: string, w: TermWindow) {
    return this.db
      .selectFrom('project_transitions as t')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .innerJoin('people as h', 'h.id', 'p.host_id')
      .select(['t.action', 't.at', 'p.id', 'p.title', 'p.level', 'p.grade', 'h.name as host_name'])
      .where('t.action', 'in', ['approve', 'open', 'pass_midterm', 'conclude'])
      .where('t.at', '>=', w.fromInstant)
      .where('t.at', '<=', w.toInstant)
      .where((eb) => startsWith(eb.ref('o.path'), path))
      .orderBy('t.at')
      .orderBy('p.id')
      .execute();
  }

  /** Research lessons (课题研究课) held in the term by the org's teachers. */
  researchLessons(path: string, w: TermWindow) {
    return this.db
      .selectFrom('research_lessons as l')
      .innerJoin('projects as p', 'p.id', 'l.project_id')
      .innerJoin('orgs as o', 'o.id', 'p.org_id')
      .innerJoin('people as t', 't.id', 'l.teacher_id')
      .select(['l.id', 'l.content', 'l.held_on', 't.name as teacher_name', 'p.title as project_title'])
      .where('l.held_on', '>=', w.from)
      .where('l.held_on', '<=', w.to)
      .where((eb) => startsWith(eb.ref('o.path'), path))
      .orderBy('l.held_on')
      .orderBy('l.id')
      .execute();
  }

  /** Awarded competition entries (result_on in the term) of works of the org, with competition and result. */
  awards(path: string, w: TermWindow) {
    return this.db
      .selectFrom('work_entries as e')
      .innerJoin('works', 'works.id', 'e.work_id')
      .innerJoin('orgs as o', 'o.id', 'works.org_id')
      .innerJoin('competitions as c', 'c.id', 'e.competition_id')
      .select([
        'e.id',
        'e.result',
        'e.result_on',
        'works.id as work_id',
        'works.title',
        'c.name as competition',
        'c.level',
      ])
      .where('e.status', '=', 'awarded')
      .where('e.result_on', '>=', w.from)
      .where('e.result_on', '<=', w.to)
      .where((eb) => startsWith(eb.ref('o.path'), path))
      .orderBy('c.level')
      .orderBy('e.result')
      .orderBy('e.id')
      .execute();
  }

  /** The authors of some works in order, by name (an outside co-author by the written name). */
  async authors(workIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (workIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('work_authors as a')
      .leftJoin('people', 'people.id', 'a.person_id')
      .select(['a.work_id', 'a.position', 'people.name', 'a.outside_name'])
      .where('a.work_id', 'in', workIds)
      .orderBy('a.work_id')
      .orderBy('a.position')
      .execute();
    for (const r of rows) {
      const name = r.name ?? r.outside_name;
      if (name) out.set(r.work_id, [...(out.get(r.work_id) ?? []), name]);
    }
    return out;
  }

  /** Activities of the term under the org, the showcase kinds first. */
  activities(path: string, w: TermWindow) {
    return this.db
      .selectFrom('activities as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.kind', 'a.title', 'a.date'])
      .where('a.date', '>=', w.from)
      .where('a.date', '<=', w.to)
      .where((eb) => startsWith(eb.ref('o.path'), path))
      .orderBy('a.date')
      .orderBy('a.id')
      .execute();
  }

  /** The items of the org's plan for a term (empty when there is no plan). */
  planItems(orgId: string, termId: string) {
    return this.db
      .selectFrom('plan_items as i')
      .innerJoin('plans', 'plans.id', 'i.plan_id')
      .select(['i.month', 'i.title', 'i.done'])
      .where('plans.org_id', '=', orgId)
      .where('plans.term_id', '=', termId)
      .orderBy('i.month')
      .orderBy('i.sort')
      .orderBy('i.id')
      .execute();
  }

  draft(orgId: string, termId: string): Promise<SummaryDraftRow | undefined> {
    return this.db
      .selectFrom('summary_drafts')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('term_id', '=', termId)
      .executeTakeFirst();
  }

  async insertDraft(row: SummaryDraftRow) {
    await this.db.insertInto('summary_drafts').values(row).execute();
  }

  async updateDraft(id: string, version: number, patch: Partial<SummaryDraftRow>) {
    const r = await this.db
      .updateTable('summary_drafts')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
