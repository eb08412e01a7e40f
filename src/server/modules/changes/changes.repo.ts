import type { Kysely } from 'kysely';
import type { DB, ProjectChangeRow } from '../../db/types.js';

/** A change row with the names of the people who asked, endorsed and decided. */
export type ChangeRowWithNames = ProjectChangeRow & {
  requested_by_name: string | null;
  school_by_name: string | null;
  decided_by_name: string | null;
};

/** Change requests (变更申请) of projects. */
export class ChangeRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private withNames() {
    return this.db
      .selectFrom('project_changes')
      .leftJoin('people as requester', 'requester.id', 'project_changes.requested_by')
      .leftJoin('people as endorser', 'endorser.id', 'project_changes.school_by')
      .leftJoin('people as decider', 'decider.id', 'project_changes.decided_by')
      .selectAll('project_changes')
      .select([
        'requester.name as requested_by_name',
        'endorser.name as school_by_name',
        'decider.name as decided_by_name',
      ]);
  }

  async list(projectId: string, status: string | undefined, page: number, pageSize: number) {
    let count = this.db.selectFrom('project_changes').where('project_id', '=', projectId);
    if (status) count = count.where('status', '=', status);
    const total = await count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let q = this.withNames().where('project_changes.project_id', '=', projectId);
    if (status) q = q.where('project_changes.status', '=', status);
    const rows = await q
      .orderBy('project_changes.requested_at', 'desc')
      .orderBy('project_changes.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total: Number(total?.n ?? 0) };
  }

  byId(projectId: string, id: string): Promise<ChangeRowWithNames | undefined> {
    return this.withNames()
      .where('project_changes.project_id', '=', projectId)
      .where('project_changes.id', '=', id)
      .executeTakeFirst();
  }

  /** The kinds of the project's requests still waiting for a decision. */
  async pendingKinds(projectId: string, pending: readonly string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('project_changes')
      .select('kind')
      .where('project_id', '=', projectId)
      .where('status', 'in', pending)
      .execute();
    return rows.map((r) => r.kind);
  }

  /** People by id with their names (the members of a change must exist). */
  people(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** The project's current members with their names, in order. */
  members(projectId: string) {
    return this.db
      .selectFrom('project_members')
      .innerJoin('people', 'people.id', 'project_members.person_id')
      .select(['project_members.person_id', 'project_members.role', 'people.name'])
      .where('project_members.project_id', '=', projectId)
      .orderBy('project_members.sort')
      .execute();
  }

  async insert(row: ProjectChangeRow) {
    await this.db.insertInto('project_changes').values(row).execute();
  }

  /** Updates a change only if nobody changed it first. */
  async update(id: string, version: number, patch: Partial<ProjectChangeRow>) {
    const r = await this.db
      .updateTable('project_changes')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Closes the project's other pending requests (after 撤项 nothing else can be changed). */
  async closePending(
    projectId: string,
    exceptId: string,
    pending: readonly string[],
    patch: Partial<ProjectChangeRow>,
  ) {
    const rows = await this.db
      .selectFrom('project_changes')
      .select(['id', 'version'])
      .where('project_id', '=', projectId)
      .where('id', '!=', exceptId)
      .where('status', 'in', pending)
      .execute();
    for (const r of rows) await this.update(r.id, r.version, patch);
    return rows.map((r) => r.id);
  }
}
