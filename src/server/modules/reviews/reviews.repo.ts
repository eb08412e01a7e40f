import type { Kysely, Selectable } from 'kysely';
import type { Scope } from '../../access/access.js';
import { startsWith } from '../../db/dialect.js';
import type { DB, ReviewAssignmentTable, ReviewRoundTable } from '../../db/types.js';
import type { RoundFilter } from './reviews.schema.js';

/** A round with the path of its managing org (for scope checks). */
export type RoundRow = Selectable<ReviewRoundTable> & { org_path: string };
/** An assignment with the project's code and title and the expert's name. */
export type AssignmentRow = Selectable<ReviewAssignmentTable> & { code: string; title: string; expert_name: string };

/** Review rounds, their projects and experts, assignments and score sheets. */
export class ReviewRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private rounds() {
    return this.db
      .selectFrom('review_rounds')
      .innerJoin('orgs', 'orgs.id', 'review_rounds.org_id')
      .selectAll('review_rounds')
      .select('orgs.path as org_path');
  }

  /** People holding the expert role, with the path of the org of their expert grant. */
  expertPool() {
    return this.db
      .selectFrom('role_grants')
      .innerJoin('people', 'people.id', 'role_grants.person_id')
      .leftJoin('orgs as g', 'g.id', 'role_grants.org_id')
      .leftJoin('orgs as home', 'home.id', 'people.org_id')
      .select([
        'people.id',
        'people.name',
        'people.subjects',
        'people.title',
        'home.name as org_name',
        'g.path as grant_path',
      ])
      .where('role_grants.role', '=', 'expert')
      .where('people.active', '=', 1)
      .orderBy('people.name_key')
      .execute();
  }

  roundById(id: string): Promise<RoundRow | undefined> {
    return this.rounds().where('review_rounds.id', '=', id).executeTakeFirst();
  }

  /** Rounds managed inside the scope, plus rounds where the person is an expert. */
  async listRounds(scope: Scope, expertId: string, f: RoundFilter, page: number, pageSize: number) {
    let q = this.rounds();
    if (!scope.all) {
      const prefixes = scope.prefixes;
      q = q.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('review_round_experts as rx')
              .select('rx.expert_id')
              .whereRef('rx.round_id', '=', 'review_rounds.id')
              .where('rx.expert_id', '=', expertId),
          ),
          ...prefixes.map((p) => startsWith(eb.ref('orgs.path'), p)),
        ]),
      );
    }
    if (f.status) q = q.where('review_rounds.status', '=', f.status);
    if (f.kind) q = q.where('review_rounds.kind', '=', f.kind);
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const rows = await q
      .orderBy('review_rounds.created_at', 'desc')
      .orderBy('review_rounds.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total: Number(total?.n ?? 0) };
  }

  /** Project and expert counts for a set of rounds. */
  async counts(roundIds: readonly string[]) {
    const out = new Map<string, { projects: number; experts: number }>();
    for (const id of roundIds) out.set(id, { projects: 0, experts: 0 });
    if (roundIds.length === 0) return out;
    const projects = await this.db
      .selectFrom('review_round_projects')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', roundIds)
      .groupBy('round_id')
      .execute();
    const experts = await this.db
      .selectFrom('review_round_experts')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', roundIds)
      .groupBy('round_id')
      .execute();
    for (const p of projects) {
      const c = out.get(p.round_id);
      if (c) c.projects = Number(p.n);
    }
    for (const e of experts) {
      const c = out.get(e.round_id);
      if (c) c.experts = Number(e.n);
    }
    return out;
  }

  /** Which of these rounds list the person as an expert. */
  async expertRounds(roundIds: readonly string[], expertId: string): Promise<Set<string>> {
    if (roundIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('review_round_experts')
      .select('round_id')
      .where('round_id', 'in', roundIds)
      .where('expert_id', '=', expertId)
      .execute();
    return new Set(rows.map((r) => r.round_id));
  }

  roundProjects(roundId: string) {
    return this.db
      .selectFrom('review_round_projects as rp')
      .innerJoin('projects', 'projects.id', 'rp.project_id')
      .select(['rp.project_id', 'rp.code', 'projects.title'])
      .where('rp.round_id', '=', roundId)
      .orderBy('rp.code')
      .execute();
  }

  roundExperts(roundId: string) {
    return this.db
      .selectFrom('review_round_experts as rx')
      .innerJoin('people', 'people.id', 'rx.expert_id')
      .select(['people.id', 'people.name', 'people.name_key'])
      .where('rx.round_id', '=', roundId)
      .orderBy('people.name_key')
      .orderBy('people.id')
      .execute();
  }

  /** Of these people, those holding an expert grant. */
  async expertsAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('role_grants')
      .select('person_id')
      .where('person_id', 'in', ids)
      .where('role', '=', 'expert')
      .execute();
    return new Set(rows.map((r) => r.person_id));
  }

  async insertRound(row: Selectable<ReviewRoundTable>) {
    await this.db.insertInto('review_rounds').values(row).execute();
  }

  async insertRoundProjects(rows: DB['review_round_projects'][]) {
    if (rows.length > 0) await this.db.insertInto('review_round_projects').values(rows).execute();
  }

  async insertRoundExperts(rows: DB['review_round_experts'][]) {
    if (rows.length > 0) await this.db.insertInto('review_round_experts').values(rows).execute();
  }

  async updateRound(id: string, version: number, patch: Partial<Selectable<ReviewRoundTable>>) {
    const r = await this.db
      .updateTable('review_rounds')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A round's assignments (only one expert's when expertId is given), by code and expert. */
  assignments(roundId: string, expertId?: string): Promise<AssignmentRow[]> {
    let q = this.db
      .selectFrom('review_assignments as a')
      .innerJoin('review_round_projects as rp', (j) =>
        j.onRef('rp.round_id', '=', 'a.round_id').onRef('rp.project_id', '=', 'a.project_id'),
      )
      .innerJoin('projects', 'projects.id', 'a.project_id')
      .innerJoin('people as e', 'e.id', 'a.expert_id')
      .selectAll('a')
      .select(['rp.code', 'projects.title', 'e.name as expert_name'])
      .where('a.round_id', '=', roundId);
    if (expertId) q = q.where('a.expert_id', '=', expertId);
    return q.orderBy('rp.code').orderBy('e.name_key').orderBy('a.id').execute();
  }

  async assignmentById(roundId: string, id: string): Promise<AssignmentRow | undefined> {
    return (await this.assignmentsByIds(roundId, [id]))[0];
  }

  assignmentsByIds(roundId: string, ids: readonly string[]): Promise<AssignmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('review_assignments as a')
      .innerJoin('review_round_projects as rp', (j) =>
        j.onRef('rp.round_id', '=', 'a.round_id').onRef('rp.project_id', '=', 'a.project_id'),
      )
      .innerJoin('projects', 'projects.id', 'a.project_id')
      .innerJoin('people as e', 'e.id', 'a.expert_id')
      .selectAll('a')
      .select(['rp.code', 'projects.title', 'e.name as expert_name'])
      .where('a.round_id', '=', roundId)
      .where('a.id', 'in', ids)
      .orderBy('rp.code')
      .orderBy('e.name_key')
      .execute();
  }

  async insertAssignments(rows: Selectable<ReviewAssignmentTable>[]) {
    if (rows.length > 0) await this.db.insertInto('review_assignments').values(rows).execute();
  }

  async deleteAssignment(id: string) {
    await this.db.deleteFrom('review_assignments').where('id', '=', id).execute();
  }

  /** How many of an expert's score sheets in open rounds are not submitted yet. */
  async unscoredOf(expertId: string): Promise<number> {
    const row = await this.db
      .selectFrom('review_assignments')
      .innerJoin('review_rounds', 'review_rounds.id', 'review_assignments.round_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_assignments.expert_id', '=', expertId)
      .where('review_assignments.submitted_at', 'is', null)
      .where('review_rounds.status', '=', 'open')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Saves a score sheet; false when the version moved on meanwhile. */
  async saveScores(
    id: string,
    version: number,
    sheet: { scores: string; total: number; comment: string; submitted_at: string },
  ) {
    const r = await this.db
      .updateTable('review_assignments')
      .set({ ...sheet, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Names that identify each project: host, members and the school (for blinding text). */
  async identityTerms(projectIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (projectIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('projects')
      .innerJoin('people as host', 'host.id', 'projects.host_id')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .select(['projects.id', 'host.name as host_name', 'school.name as school_name'])
      .where('projects.id', 'in', projectIds)
      .execute();
    for (const r of rows) out.set(r.id, [r.host_name, r.school_name]);
    for (const m of await this.members(projectIds)) out.get(m.project_id)?.push(m.name);
    return out;
  }

  members(projectIds: readonly string[]) {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('project_members as m')
      .innerJoin('people', 'people.id', 'm.person_id')
      .select(['m.project_id', 'm.person_id', 'm.role', 'people.name'])
      .where('m.project_id', 'in', projectIds)
      .orderBy('m.sort')
      .orderBy('people.name_key')
      .execute();
  }

  /** The host's and school's names of one project. */
  projectIdentity(projectId: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('people as host', 'host.id', 'projects.host_id')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .select(['host.name as host_name', 'school.name as school_name'])
      .where('projects.id', '=', projectId)
      .executeTakeFirst();
  }

  /** One stored file of a project (a file of another project is not found), with where its bytes are. */
  projectFile(projectId: string, fileId: string) {
    return this.db
      .selectFrom('project_files')
      .select(['id', 'category', 'original_name', 'storage_key', 'mime', 'size'])
      .where('project_id', '=', projectId)
      .where('id', '=', fileId)
      .executeTakeFirst();
  }

  projectFiles(projectId: string) {
    return this.db
      .selectFrom('project_files')
      .select(['id', 'category', 'original_name'])
      .where('project_id', '=', projectId)
      .orderBy('category')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
