import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { coversSubtree } from '../../access/access.js';
import { type DialectKind, inSubquery } from '../../db/dialect.js';
import type { DB, ObservationRow, RubricTable } from '../../db/types.js';
import { groupMembersUnder, orgIdsUnder } from '../orgs/orgs.repo.js';
import type { ObservationScope } from './observations.policy.js';
import type { ObservationFilter } from './observations.schema.js';

/** An observation with the names and the school path around it. */
export type ObservationWithNames = ObservationRow & {
  observer_name: string;
  teacher_name: string;
  school_path: string;
};

type Eb = ExpressionBuilder<DB, 'observations'>;

/** Key of the per-school setting: does the observed teacher see who observed them? */
export const showObserverKey = (schoolId: string) => `observation.showObserver:${schoolId}`;

/** Lesson observation queries (and the schools' rubrics and observation settings). */
export class ObservationRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private withNames() {
    return this.db
      .selectFrom('observations')
      .innerJoin('people as observer', 'observer.id', 'observations.observer_id')
      .innerJoin('people as teacher', 'teacher.id', 'observations.teacher_id')
      .innerJoin('orgs as school', 'school.id', 'observations.org_id')
      .selectAll('observations')
      .select(['observer.name as observer_name', 'teacher.name as teacher_name', 'school.path as school_path']);
  }

  byId(id: string): Promise<ObservationWithNames | undefined> {
    return this.withNames().where('observations.id', '=', id).executeTakeFirst();
  }

  /**
   * The records inside the scope, filtered. A subtree is two id sets on indexed columns (the record's school,
   * the observed teacher by group): it used to be an OR with an EXISTS per row, which read every observation
   * of the city even for one school (0.4–0.7 s on the generated city).
   */
  private where(kind: DialectKind, eb: Eb, scope: ObservationScope, f: ObservationFilter & { orgPath?: string }) {
    const shared = eb('observations.status', '<>', 'draft');
    const mine = eb('observations.observer_id', '=', scope.selfId);
    const conds: Expression<SqlBool>[] = [];
    // A chosen org inside a granted subtree already limits the records to that subtree: what is left of
    // the scope there is "mine, or shared" (the same as for a reader of everything).
    if (scope.all || coversSubtree(scope.prefixes, f.orgPath)) {
      conds.push(eb.or([mine, shared]));
    } else {
      const visible: Expression<SqlBool>[] = [mine];
      if (scope.asObserved) visible.push(eb.and([shared, eb('observations.teacher_id', '=', scope.selfId)]));
      if (scope.prefixes.length > 0) visible.push(eb.and([shared, inSubtrees(kind, this.db, eb, scope.prefixes)]));
      conds.push(eb.or(visible));
    }
    if (f.orgPath) conds.push(inSubtrees(kind, this.db, eb, [f.orgPath]));
    if (f.teacherId) conds.push(eb('observations.teacher_id', '=', f.teacherId));
    if (f.observerId) conds.push(eb('observations.observer_id', '=', f.observerId));
    if (f.from) conds.push(eb('observations.date', '>=', f.from));
    if (f.to) conds.push(eb('observations.date', '<=', f.to));
    if (f.status) conds.push(eb('observations.status', '=', f.status));
    return eb.and(conds);
  }

  async list(
    kind: DialectKind,
    scope: ObservationScope,
    f: ObservationFilter & { orgPath?: string },
    page: number,
    pageSize: number,
  ) {
    const totalRow = await this.db
      .selectFrom('observations')
      .where((eb) => this.where(kind, eb, scope, f))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    // The page's ids first, then their names: joined before the limit, a city's page joined every record.
    const ids = this.db
      .selectFrom('observations')
      .where((eb) => this.where(kind, eb, scope, f))
      .select('observations.id')
      .orderBy('observations.date', 'desc')
      .orderBy('observations.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const rows = await this.withNames()
      .where('observations.id', 'in', ids)
      .orderBy('observations.date', 'desc')
      .orderBy('observations.id', 'desc')
      .execute();
    return { rows, total: Number(totalRow?.n ?? 0) };
  }

  /** Group paths of each person (the policy's teacher paths), in one query. */
  async groupPaths(personIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (personIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('person_groups')
      .innerJoin('orgs', 'orgs.id', 'person_groups.group_id')
      .select(['person_groups.person_id', 'orgs.path'])
      .where('person_groups.person_id', 'in', personIds)
      .execute();
    for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.path]);
    return out;
  }

  person(id: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'people.org_id', 'orgs.path as org_path', 'orgs.kind as org_kind'])
      .where('people.id', '=', id)
      .executeTakeFirst();
  }

  org(id: string) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'kind', 'path', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async insert(row: ObservationRow) {
    await this.db.insertInto('observations').values(row).execute();
  }

  /** Updates when the version matches; returns whether a row changed. */
  async delete(id: string) {
    await this.db.deleteFrom('observations').where('id', '=', id).execute();
  }

  async update(id: string, version: number, patch: Partial<ObservationRow>) {
    const r = await this.db
      .updateTable('observations')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async addHistory(e: {
    id: string;
    observationId: string;
    action: string;
    actorId: string;
    at: string;
    reason: string | null;
  }) {
    await this.db
      .insertInto('observation_history')
      .values({
        id: e.id,
        observation_id: e.observationId,
        action: e.action,
        actor_id: e.actorId,
        at: e.at,
        reason: e.reason,
      })
      .execute();
  }

  history(observationId: string) {
    return this.db
      .selectFrom('observation_history as h')
      .innerJoin('people as actor', 'actor.id', 'h.actor_id')
      .selectAll('h')
      .select('actor.name as actor_name')
      .where('h.observation_id', '=', observationId)
      .orderBy('h.at')
      .orderBy('h.id')
      .execute();
  }

  /** Other shared records that might be copied: the same text in the school, or anything by the same observer. */
  copyCandidates(row: Pick<ObservationRow, 'id' | 'org_id' | 'observer_id' | 'text_hash'>) {
    return this.db
      .selectFrom('observations')
      .select(['id', 'notes', 'text_hash', 'created_at'])
      .where('id', '<>', row.id)
      .where('status', '<>', 'draft')
      .where((eb) =>
        eb.or([
          eb('observer_id', '=', row.observer_id),
          eb.and([eb('org_id', '=', row.org_id), eb('text_hash', '=', row.text_hash ?? '')]),
        ]),
      )
      .orderBy('id', 'desc')
      .limit(1000)
      .execute();
  }

  async replaceFlags(observationId: string, flags: readonly { copyOfId: string; similarity: number }[], at: string) {
    await this.db.deleteFrom('observation_flags').where('observation_id', '=', observationId).execute();
    if (flags.length === 0) return;
    await this.db
      .insertInto('observation_flags')
      .values(
        flags.map((f) => ({
          observation_id: observationId,
          copy_of_id: f.copyOfId,
          similarity: f.similarity,
          created_at: at,
        })),
      )
      .execute();
  }

  /** Which of the observations carry a copy flag. */
  async flagged(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('observation_flags')
      .select('observation_id')
      .where('observation_id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.observation_id));
  }

  /** The copy flags of a school's observations, newest first. */
  flagsOfSchool(schoolId: string) {
    return this.db
      .selectFrom('observation_flags as f')
      .innerJoin('observations as o', 'o.id', 'f.observation_id')
      .innerJoin('people as observer', 'observer.id', 'o.observer_id')
      .innerJoin('people as teacher', 'teacher.id', 'o.teacher_id')
      .select([
        'f.observation_id',
        'f.copy_of_id',
        'f.similarity',
        'o.observer_id',
        'observer.name as observer_name',
        'teacher.name as teacher_name',
        'o.date',
      ])
      .where('o.org_id', '=', schoolId)
      .orderBy('o.date', 'desc')
      .orderBy('f.observation_id')
      .execute();
  }

  rubric(orgId: string, kind: string) {
    return this.db
      .selectFrom('rubrics')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('kind', '=', kind)
      .executeTakeFirst();
  }

  async insertRubric(row: RubricTable) {
    await this.db.insertInto('rubrics').values(row).execute();
  }

  async updateRubric(id: string, version: number, patch: Pick<RubricTable, 'items' | 'updated_by' | 'updated_at'>) {
    const r = await this.db
      .updateTable('rubrics')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The schools' "show the observer" settings; a school without a row shows them. */
  async showObserver(schoolIds: readonly string[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>(schoolIds.map((id) => [id, true]));
    if (schoolIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', schoolIds.map(showObserverKey))
      .execute();
    for (const id of schoolIds) {
      const row = rows.find((r) => r.key === showObserverKey(id));
      if (row) out.set(id, row.value !== 'false');
    }
    return out;
  }

  async setShowObserver(schoolId: string, show: boolean) {
    const key = showObserverKey(schoolId);
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
    await this.db
      .insertInto('settings')
      .values({ key, value: show ? 'true' : 'false' })
      .execute();
  }
}

/** Records made at a school of the subtrees, or of a teacher in one of its groups (a group leader's scope). */
function inSubtrees(kind: DialectKind, db: Kysely<DB>, eb: Eb, prefixes: readonly string[]): Expression<SqlBool> {
  return eb.or([
    inSubquery(kind, eb.ref('observations.org_id'), orgIdsUnder(db, prefixes)),
    inSubquery(kind, eb.ref('observations.teacher_id'), groupMembersUnder(db, prefixes)),
  ]);
}
