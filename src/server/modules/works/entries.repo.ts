import type { Kysely } from 'kysely';
import { dialectOf, inIds } from '../../db/dialect.js';
import type { DB, PrereviewAssignmentRow, WorkEntryRow } from '../../db/types.js';
import type { WorkIdQuery } from './works.repo.js';

/** An entry with its competition and edition. */
export type EntryWithCompetition = WorkEntryRow & {
  competition_name: string;
  competition_level: string;
  edition_title: string | null;
};

export type AssignmentWithName = PrereviewAssignmentRow & { reviewer_name: string };

/** Filters of the entries list after resolution. */
export interface ResolvedEntriesFilter {
  term?: { from: string; to: string };
  /** Term by result_on (awards) instead of entered_on. */
  byResult?: boolean;
  result?: string;
  awarded?: boolean;
  status?: string;
  level?: string;
  competitionId?: string;
  kind?: string;
}

/** Competition entries (参评) and the school's pre-review (校内初审). */
export class EntriesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return entryRows(this.db);
  }

  byId(workId: string, id: string): Promise<EntryWithCompetition | undefined> {
    return this.base().where('work_entries.work_id', '=', workId).where('work_entries.id', '=', id).executeTakeFirst();
  }

  /** Entries of the given (visible) works, filtered; `pageSize` null = all (exports). */
  async list(works: WorkIdQuery, f: ResolvedEntriesFilter, page: number, pageSize: number | null) {
    let q = this.db
      .selectFrom('work_entries')
      .innerJoin('competitions', 'competitions.id', 'work_entries.competition_id')
      .innerJoin('works', 'works.id', 'work_entries.work_id')
      .where('work_entries.work_id', 'in', works);
    if (f.result) q = q.where('work_entries.result', '=', f.result);
    if (f.awarded === true) q = q.where('work_entries.result', 'is not', null);
    if (f.awarded === false) q = q.where('work_entries.result', 'is', null);
    if (f.status) q = q.where('work_entries.status', '=', f.status);
    if (f.level) q = q.where('competitions.level', '=', f.level);
    if (f.competitionId) q = q.where('work_entries.competition_id', '=', f.competitionId);
    if (f.kind) q = q.where('works.kind', '=', f.kind);
    if (f.term) {
      const col = f.byResult ? 'work_entries.result_on' : 'work_entries.entered_on';
      q = q.where(col, '>=', f.term.from).where(col, '<=', f.term.to);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let ids = q
      .select('work_entries.id')
      .orderBy(f.byResult ? 'work_entries.result_on' : 'work_entries.entered_on', 'desc')
      .orderBy('work_entries.id');
    if (pageSize !== null) ids = ids.limit(pageSize).offset((page - 1) * pageSize);
    const order = (await ids.execute()).map((r) => r.id);
    const rows = order.length ? await this.base().where('work_entries.id', 'in', order).execute() : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      rows: order.map((id) => byId.get(id)).filter((r): r is EntryWithCompetition => r !== undefined),
      total: Number(total?.n ?? 0),
    };
  }

  /** Which competition and year each of a school's works was already entered in. */
  competitionYearsOfSchool(schoolId: string) {
    return this.db
      .selectFrom('work_entries')
      .innerJoin('works', 'works.id', 'work_entries.work_id')
      .select(['work_entries.work_id', 'work_entries.competition_id', 'work_entries.year'])
      .where('works.org_id', '=', schoolId)
      .execute();
  }

  /** How many pre-review sheets a reviewer has still to score (entries still in the school's pre-review). */
  async unscoredPrereviews(reviewerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('prereview_assignments')
      .innerJoin('work_entries', 'work_entries.id', 'prereview_assignments.entry_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('prereview_assignments.reviewer_id', '=', reviewerId)
      .where('prereview_assignments.submitted_at', 'is', null)
      .where('work_entries.status', '=', 'prereview')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async insert(row: WorkEntryRow) {
    await this.db.insertInto('work_entries').values(row).execute();
  }

  async update(id: string, version: number, patch: Partial<WorkEntryRow>) {
    const r = await this.db
      .updateTable('work_entries')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string) {
    await this.db.deleteFrom('prereview_assignments').where('entry_id', '=', id).execute();
    await this.db.deleteFrom('work_entries').where('id', '=', id).execute();
  }

  // ---------- pre-review ----------

  async insertAssignments(rows: readonly PrereviewAssignmentRow[]) {
    if (rows.length === 0) return;
    await this.db.insertInto('prereview_assignments').values(rows).execute();
  }

  async updateAssignment(id: string, patch: Partial<PrereviewAssignmentRow>) {
    await this.db.updateTable('prereview_assignments').set(patch).where('id', '=', id).execute();
  }

  async deleteAssignment(id: string) {
    await this.db.deleteFrom('prereview_assignments').where('id', '=', id).execute();
  }

  /** Entry ids assigned to a reviewer ('pending' = not yet submitted). */
  async assignedEntryIds(reviewerId: string, state: 'pending' | 'done' | 'all') {
    let q = this.db.selectFrom('prereview_assignments').select('entry_id').where('reviewer_id', '=', reviewerId);
    if (state === 'pending') q = q.where('submitted_at', 'is', null);
    if (state === 'done') q = q.where('submitted_at', 'is not', null);
    return (await q.execute()).map((r) => r.entry_id);
  }

  /** Entries (id, work id) in pre-review statuses of the given visible works. */
  async schoolPrereviewEntries(works: WorkIdQuery, state: 'pending' | 'done' | 'all') {
    let q = this.db.selectFrom('work_entries').select(['id', 'work_id']).where('work_id', 'in', works);
    if (state === 'pending') q = q.where('status', '=', 'prereview');
    else if (state === 'done') q = q.where('status', 'in', ['recommended', 'not_recommended']);
    else q = q.where('status', 'in', ['prereview', 'recommended', 'not_recommended']);
    return q.execute();
  }

  entriesByIds(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.base().where('work_entries.id', 'in', ids).orderBy('work_entries.entered_on', 'desc').execute();
  }
}

function entryRows(db: Kysely<DB>) {
  return db
    .selectFrom('work_entries')
    .innerJoin('competitions', 'competitions.id', 'work_entries.competition_id')
    .leftJoin('competition_editions', 'competition_editions.id', 'work_entries.edition_id')
    .selectAll('work_entries')
    .select([
      'competitions.name as competition_name',
      'competitions.level as competition_level',
      'competition_editions.title as edition_title',
    ]);
}

// Every page of works reads these (in its bundle, see works.repo.ts): built once, the ids as one parameter.
export const entriesOfWorksPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  entryRows(db)
    .where((eb) => inIds(dialectOf(db), eb.ref('work_entries.work_id'), p.ids))
    .orderBy('work_entries.entered_on', 'desc')
    .orderBy('work_entries.id');
/** The pre-review assignments on the entries of these works (so the page need not wait for its entries first). */
export const assignmentsOfWorksPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('prereview_assignments')
    .innerJoin('work_entries as ae', 'ae.id', 'prereview_assignments.entry_id')
    .innerJoin('people', 'people.id', 'prereview_assignments.reviewer_id')
    .selectAll('prereview_assignments')
    .select('people.name as reviewer_name')
    .where((eb) => inIds(dialectOf(db), eb.ref('ae.work_id'), p.ids))
    .orderBy('prereview_assignments.created_at')
    .orderBy('prereview_assignments.id');
