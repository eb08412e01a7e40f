import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { ActivityRow, DB } from '../../db/types.js';
import type { ActivityScope } from './activities.policy.js';
import type { ActivityFilter } from './activities.schema.js';

/** An activity with the names and paths around it. */
export type ActivityWithNames = ActivityRow & {
  org_name: string;
  org_path: string;
  org_kind: string;
  org_parent_id: string | null;
  presenter_name: string | null;
  project_title: string | null;
  project_host_id: string | null;
  reviewed_title: string | null;
};

export interface AttendanceRow {
  activity_id: string;
  person_id: string;
  person_name: string;
  status: string;
}

type Eb = ExpressionBuilder<DB & { o: DB['orgs'] }, 'activities' | 'o'>;

/** Teaching-research activity queries. */
export class ActivityRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private withNames() {
    return this.db
      .selectFrom('activities')
      .innerJoin('orgs as o', 'o.id', 'activities.org_id')
      .leftJoin('people as presenter', 'presenter.id', 'activities.presenter_id')
      .leftJoin('projects as project', 'project.id', 'activities.project_id')
      .leftJoin('activities as reviewed', 'reviewed.id', 'activities.reviewed_activity_id')
      .selectAll('activities')
      .select([
        'o.name as org_name',
        'o.path as org_path',
        'o.kind as org_kind',
        'o.parent_id as org_parent_id',
        'presenter.name as presenter_name',
        'project.title as project_title',
        'project.host_id as project_host_id',
        'reviewed.title as reviewed_title',
      ]);
  }

  byId(id: string): Promise<ActivityWithNames | undefined> {
    return this.withNames().where('activities.id', '=', id).executeTakeFirst();
  }

  /** The WHERE clause of the caller's scope and the filters. */
  private where(eb: Eb, scope: ActivityScope, f: ActivityFilter & { orgPath?: string }) {
    const visible = scope.all
      ? []
      : [
          ...scope.prefixes.map((p) => startsWith(eb.ref('o.path'), p)),
          ...(scope.homeSchoolId
            ? [eb('o.id', '=', scope.homeSchoolId), eb('o.parent_id', '=', scope.homeSchoolId)]
            : []),
          eb('activities.presenter_id', '=', scope.personId),
          eb.exists(
            eb
              .selectFrom('projects as hp')
              .select('hp.id')
              .whereRef('hp.id', '=', 'activities.project_id')
              .where('hp.host_id', '=', scope.personId),
          ),
        ];
    const conds: Expression<SqlBool>[] = scope.all ? [] : [eb.or(visible)];
    if (f.orgPath) conds.push(startsWith(eb.ref('o.path'), f.orgPath));
    if (f.kind) conds.push(eb('activities.kind', '=', f.kind));
    if (f.from) conds.push(eb('activities.date', '>=', f.from));
    if (f.to) conds.push(eb('activities.date', '<=', f.to));
    if (f.projectId) conds.push(eb('activities.project_id', '=', f.projectId));
    if (f.presenterId) conds.push(eb('activities.presenter_id', '=', f.presenterId));
    if (f.attendeeId) {
      const attendeeId = f.attendeeId;
      conds.push(
        eb.exists(
          eb
            .selectFrom('activity_attendance as aa')
            .select('aa.person_id')
            .whereRef('aa.activity_id', '=', 'activities.id')
            .where('aa.person_id', '=', attendeeId),
        ),
      );
    }
    return eb.and(conds);
  }

  /** The ids of the activities the scope reads, as a subquery (search intersects its hits with it). */
  visibleIds(scope: ActivityScope) {
    return this.db
      .selectFrom('activities')
      .innerJoin('orgs as o', 'o.id', 'activities.org_id')
      .where((eb) => this.where(eb, scope, {}))
      .select('activities.id');
  }

  async list(scope: ActivityScope, f: ActivityFilter & { orgPath?: string }, page: number, pageSize: number) {
    const totalRow = await this.db
      .selectFrom('activities')
      .innerJoin('orgs as o', 'o.id', 'activities.org_id')
      .where((eb) => this.where(eb, scope, f))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    const rows = await this.withNames()
      .where((eb) => this.where(eb, scope, f))
      .orderBy('activities.date', 'desc')
      .orderBy('activities.starts_at', 'desc')
      .orderBy('activities.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total: Number(totalRow?.n ?? 0) };
  }

  /** Every matching activity (calendar and export), oldest first. */
  all(scope: ActivityScope, f: ActivityFilter & { orgPath?: string }, limit: number) {
    return this.withNames()
      .where((eb) => this.where(eb, scope, f))
      .orderBy('activities.date')
      .orderBy('activities.starts_at')
      .orderBy('activities.id')
      .limit(limit)
      .execute();
  }

  async attendance(activityIds: readonly string[]): Promise<AttendanceRow[]> {
    if (activityIds.length === 0) return [];
    return this.db
      .selectFrom('activity_attendance as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.activity_id', 'a.person_id', 'p.name as person_name', 'a.status'])
      .where('a.activity_id', 'in', activityIds)
      .orderBy('p.name_key')
      .execute();
  }

  async insert(row: ActivityRow) {
    await this.db.insertInto('activities').values(row).execute();
  }

  /** Updates when the version matches; returns whether a row changed. */
  async update(id: string, version: number, patch: Partial<ActivityRow>) {
    const r = await this.db
      .updateTable('activities')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Bumps the version (the attendance sheet changed) when it matches. */
  async touch(id: string, version: number | undefined, at: string) {
    let q = this.db
      .updateTable('activities')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', id);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string) {
    await this.db.deleteFrom('activities').where('id', '=', id).execute();
  }

  /** Replaces the whole attendance sheet. */
  async setAttendance(activityId: string, rows: readonly { personId: string; status: string }[]) {
    await this.db.deleteFrom('activity_attendance').where('activity_id', '=', activityId).execute();
    if (rows.length === 0) return;
    await this.db
      .insertInto('activity_attendance')
      .values(rows.map((r) => ({ activity_id: activityId, person_id: r.personId, status: r.status })))
      .execute();
  }

  /** Which of the ids belong to the organiser: a school's roster, or a group's members. */
  async membersOf(org: { id: string; kind: string }, personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows =
      org.kind === 'group'
        ? await this.db
            .selectFrom('person_groups')
            .select('person_id as id')
            .where('group_id', '=', org.id)
            .where('person_id', 'in', personIds)
            .execute()
        : await this.db
            .selectFrom('people')
            .select('id')
            .where('org_id', '=', org.id)
            .where('id', 'in', personIds)
            .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Activities that discuss this one (评课议课). */
  async reviewsOf(id: string) {
    return this.db.selectFrom('activities').select('id').where('reviewed_activity_id', '=', id).execute();
  }

  org(id: string) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'path', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The school a person's home org belongs to (members of a school read its activities), or null. */
  async homeSchoolId(orgId: string | null): Promise<string | null> {
    if (!orgId) return null;
    const org = await this.org(orgId);
    if (!org) return null;
    if (org.kind === 'school') return org.id;
    return org.kind === 'group' ? org.parent_id : null;
  }

  person(id: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'people.org_id', 'orgs.path as org_path'])
      .where('people.id', '=', id)
      .executeTakeFirst();
  }

  lesson(id: string) {
    return this.db.selectFrom('research_lessons').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks a 四定 lesson held by an activity (or, with nulls, planned again). */
  async setLessonHeld(lessonId: string, activityId: string | null, heldOn: string | null) {
    await this.db
      .updateTable('research_lessons')
      .set((eb) => ({ activity_id: activityId, held_on: heldOn, version: eb('version', '+', 1) }))
      .where('id', '=', lessonId)
      .execute();
  }
}
