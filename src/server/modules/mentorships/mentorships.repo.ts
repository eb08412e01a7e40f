import type { Expression, Kysely, SqlBool } from 'kysely';
import { startsWith } from '../../db/dialect.js';
import type { DB, MentorshipAssessmentRow, MentorshipRow } from '../../db/types.js';
import type { GrowthScope } from '../growth/growth.policy.js';
import type { MentorshipFilter } from './mentorships.schema.js';

/** A filter whose orgId the service has resolved to the org's path. */
export type ResolvedPairFilter = Omit<MentorshipFilter, 'orgId'> & { orgPath?: string };

/** A pair with the names and the school path the presenter and policy need. */
export type PairRowWithNames = MentorshipRow & {
  org_name: string;
  org_path: string;
  mentor_name: string;
  mentee_name: string;
};

/** Mentoring pairs (师徒结对), their monthly assessments and the mutual observations behind them. */
export class MentorshipRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return this.db
      .selectFrom('mentorships')
      .innerJoin('orgs as school', 'school.id', 'mentorships.org_id')
      .innerJoin('people as mentor', 'mentor.id', 'mentorships.mentor_id')
      .innerJoin('people as mentee', 'mentee.id', 'mentorships.mentee_id');
  }

  private withNames() {
    return this.base()
      .selectAll('mentorships')
      .select(['school.name as org_name', 'school.path as org_path', 'mentor.name as mentor_name'])
      .select('mentee.name as mentee_name');
  }

  /** Pairs whose school, or whose mentor's or mentee's group, lies under one of the prefixes. */
  private inSubtrees(prefixes: readonly string[]) {
    return this.base()
      .select('mentorships.id')
      .where((eb) => {
        const terms: Expression<SqlBool>[] = prefixes.map((p) => startsWith(eb.ref('school.path'), p));
        terms.push(
          eb.exists(
            eb
              .selectFrom('person_groups as pg')
              .innerJoin('orgs as g', 'g.id', 'pg.group_id')
              .select('pg.person_id')
              .where((e2) =>
                e2.or([
                  e2('pg.person_id', '=', e2.ref('mentorships.mentor_id')),
                  e2('pg.person_id', '=', e2.ref('mentorships.mentee_id')),
                ]),
              )
              .where((e2) => e2.or(prefixes.map((p) => startsWith(e2.ref('g.path'), p)))),
          ),
        );
        return eb.or(terms);
      });
  }

  private filtered(scope: GrowthScope, f: ResolvedPairFilter) {
    let q = this.base();
    if (!scope.all) {
      q = q.where((eb) =>
        eb.or([
          eb('mentorships.mentor_id', '=', scope.selfId),
          eb('mentorships.mentee_id', '=', scope.selfId),
          ...(scope.prefixes.length > 0 ? [eb('mentorships.id', 'in', this.inSubtrees(scope.prefixes))] : []),
        ]),
      );
    }
    if (f.orgPath) q = q.where('mentorships.id', 'in', this.inSubtrees([f.orgPath]));
    if (f.personId) {
      const personId = f.personId;
      q = q.where((eb) =>
        eb.or([eb('mentorships.mentor_id', '=', personId), eb('mentorships.mentee_id', '=', personId)]),
      );
    }
    if (f.status) q = q.where('mentorships.status', '=', f.status);
    return q;
  }

  async list(scope: GrowthScope, f: ResolvedPairFilter, page: number, pageSize: number) {
    const q = this.filtered(scope, f);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const ids = await q
      .select('mentorships.id')
      .orderBy('mentorships.starts_on', 'desc')
      .orderBy('mentorships.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const rows = await this.byIds(ids.map((r) => r.id));
    return { rows: ids.flatMap((r) => rows.filter((x) => x.id === r.id)), total: Number(total?.n ?? 0) };
  }

  byIds(ids: readonly string[]): Promise<PairRowWithNames[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.withNames().where('mentorships.id', 'in', ids).execute();
  }

  byId(id: string): Promise<PairRowWithNames | undefined> {
    return this.withNames().where('mentorships.id', '=', id).executeTakeFirst();
  }

  /** The group paths of a set of people. */
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

  /** People with their home org (kind and path). */
  people(ids: readonly string[]) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'people.org_id', 'orgs.kind as org_kind', 'orgs.path as org_path'])
      .where('people.id', 'in', ids)
      .execute();
  }

  /** The mentee's active pair other than `exceptId`, if any (one active pair per mentee). */
  activeFor(menteeId: string, exceptId = '') {
    return this.db
      .selectFrom('mentorships')
      .select('id')
      .where('mentee_id', '=', menteeId)
      .where('status', '=', 'active')
      .where('id', '!=', exceptId)
      .executeTakeFirst();
  }

  async insert(row: MentorshipRow) {
    await this.db.insertInto('mentorships').values(row).execute();
  }

  /** Updates a pair only if nobody changed it first. */
  async update(id: string, version: number, patch: Partial<MentorshipRow>) {
    const r = await this.db
      .updateTable('mentorships')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async assessments(mentorshipId: string, page: number, pageSize: number) {
    const q = this.db.selectFrom('mentorship_assessments').where('mentorship_id', '=', mentorshipId);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .innerJoin('people', 'people.id', 'mentorship_assessments.assessor_id')
      .selectAll('mentorship_assessments')
      .select('people.name as assessor_name')
      .orderBy('mentorship_assessments.month')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total: Number(total?.n ?? 0) };
  }

  assessment(id: string) {
    return this.db
      .selectFrom('mentorship_assessments')
      .innerJoin('people', 'people.id', 'mentorship_assessments.assessor_id')
      .selectAll('mentorship_assessments')
      .select('people.name as assessor_name')
      .where('mentorship_assessments.id', '=', id)
      .executeTakeFirst();
  }

  monthTaken(mentorshipId: string, month: string) {
    return this.db
      .selectFrom('mentorship_assessments')
      .select('id')
      .where('mentorship_id', '=', mentorshipId)
      .where('month', '=', month)
      .executeTakeFirst();
  }

  async insertAssessment(row: MentorshipAssessmentRow) {
    await this.db.insertInto('mentorship_assessments').values(row).execute();
  }

  /** How many monthly assessments each pair has, and the latest month assessed. */
  async assessmentCounts(ids: readonly string[]): Promise<Map<string, { count: number; lastMonth: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('mentorship_assessments')
      .select(['mentorship_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('month').as('last')])
      .where('mentorship_id', 'in', ids)
      .groupBy('mentorship_id')
      .execute();
    return new Map(rows.map((r) => [r.mentorship_id, { count: Number(r.n), lastMonth: r.last ?? null }]));
  }

  /** Submitted observations (听课记录) among a set of people, for the pairs' mutual counts. */
  submittedObservationsAmong(personIds: readonly string[]) {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('observations')
      .select(['observer_id', 'teacher_id', 'date'])
      .where('status', '=', 'submitted')
      .where('observer_id', 'in', personIds)
      .where('teacher_id', 'in', personIds)
      .execute();
  }
}
