import type { Kysely, Selectable } from 'kysely';
import type { ConclusionRuleTable, DB, ProjectOutputTable } from '../../db/types.js';
import type { OutputFact } from './conclusion.rules.js';

export type OutputRow = Selectable<ProjectOutputTable>;
export type RuleRow = Selectable<ConclusionRuleTable>;

/** Project outputs (成果) and conclusion rules (结题条件). */
export class ConclusionRepo {
  constructor(private readonly db: Kysely<DB>) {}

  outputs(projectId: string) {
    return this.db
      .selectFrom('project_outputs')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  output(projectId: string, id: string) {
    return this.db
      .selectFrom('project_outputs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async insertOutput(row: OutputRow) {
    await this.db.insertInto('project_outputs').values(row).execute();
  }

  async updateOutput(id: string, version: number, patch: Partial<OutputRow>) {
    const r = await this.db
      .updateTable('project_outputs')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteOutput(id: string) {
    await this.db.deleteFrom('project_outputs').where('id', '=', id).execute();
  }

  /** Names of people by id (authors). */
  people(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** The stored rule rows of these orgs plus the deployment defaults (org_id null). */
  rulesFor(orgIds: readonly string[]) {
    return this.db
      .selectFrom('conclusion_rules')
      .selectAll()
      .where((eb) =>
        orgIds.length ? eb.or([eb('org_id', 'is', null), eb('org_id', 'in', orgIds)]) : eb('org_id', 'is', null),
      )
      .execute();
  }

  ruleRow(orgId: string | null, level: string) {
    const q = this.db.selectFrom('conclusion_rules').selectAll().where('level', '=', level);
    return (orgId ? q.where('org_id', '=', orgId) : q.where('org_id', 'is', null)).executeTakeFirst();
  }

  async insertRule(row: RuleRow) {
    await this.db.insertInto('conclusion_rules').values(row).execute();
  }

  async updateRule(id: string, version: number, patch: Partial<RuleRow>) {
    const r = await this.db
      .updateTable('conclusion_rules')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Outputs from the works registry linked to the project (work_projects): each publication (with the
   * journal's level and the work's 字数), each awarded entry (with the competition's level and the result),
   * and each paper not yet published (a publication already counts as a paper).
   */
  async linkedWorkOutputs(projectId: string): Promise<OutputFact[]> {
    const linked = this.db.selectFrom('work_projects').select('work_id').where('project_id', '=', projectId);
    const publications = await this.db
      .selectFrom('publications')
      .innerJoin('works', 'works.id', 'publications.work_id')
      .select(['publications.id', 'works.title', 'publications.level', 'works.char_count', 'publications.journal'])
      .where('publications.work_id', 'in', linked)
      .orderBy('publications.published_on')
      .orderBy('publications.id')
      .execute();
    const awards = await this.db
      .selectFrom('work_entries')
      .innerJoin('works', 'works.id', 'work_entries.work_id')
      .innerJoin('competitions', 'competitions.id', 'work_entries.competition_id')
      .select(['work_entries.id', 'works.title', 'competitions.level', 'competitions.name', 'work_entries.result'])
      .where('work_entries.work_id', 'in', linked)
      .where('work_entries.result', 'is not', null)
      .orderBy('work_entries.result_on')
      .orderBy('work_entries.id')
      .execute();
    const papers = await this.db
      .selectFrom('works')
      .select(['works.id', 'works.title', 'works.char_count'])
      .where('works.id', 'in', linked)
      .where('works.kind', '=', 'paper')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('publications as pb').select('pb.id').whereRef('pb.work_id', '=', 'works.id'))),
      )
      .orderBy('works.created_at')
      .orderBy('works.id')
      .execute();
    const chars = (n: number | string | null) => (n === null ? null : Number(n));
    return [
      ...publications.map((r) => ({
        id: r.id,
        kind: 'publication',
        title: `${r.title}（${r.journal}）`,
        level: r.level,
        charCount: chars(r.char_count),
        result: null,
      })),
      ...awards.map((r) => ({
        id: r.id,
        kind: 'award',
        title: `${r.title}（${r.name}）`,
        level: r.level,
        charCount: null,
        result: r.result,
      })),
      ...papers.map((r) => ({
        id: r.id,
        kind: 'paper',
        title: r.title,
        level: null,
        charCount: chars(r.char_count),
        result: null,
      })),
    ];
  }

  /** What the conclusion check needs about a project: level, promises and the path rules are looked up on. */
  project(projectId: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .leftJoin('orgs as manager', 'manager.id', 'projects.manager_org_id')
      .select([
        'projects.id',
        'projects.level',
        'projects.expected_outcomes',
        'school.path as school_path',
        'manager.path as manager_path',
      ])
      .where('projects.id', '=', projectId)
      .executeTakeFirst();
  }
}
