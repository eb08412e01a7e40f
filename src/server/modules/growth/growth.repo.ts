import type { Expression, ExpressionBuilder, Kysely, SelectQueryBuilder, SqlBool } from 'kysely';
import { coversSubtree } from '../../access/access.js';
import { type DialectKind, inSubquery, startsWithAny } from '../../db/dialect.js';
import type { DB, GrowthRecordRow } from '../../db/types.js';
import { groupMembersUnder, orgIdsUnder } from '../orgs/orgs.repo.js';
import { isHomeOrg } from '../people/people.repo.js';
import { EIGHT_ONE_WORK_KINDS } from './eight-ones.js';
import type { GrowthScope } from './growth.policy.js';
import type { GrowthFilter } from './growth.schema.js';

/** A filter whose orgId the service has resolved to the org's path. */
export type ResolvedGrowthFilter = Omit<GrowthFilter, 'orgId'> & { orgPath?: string };

/** A growth record with its person's name and the paths the policy needs. */
export type GrowthRowWithNames = GrowthRecordRow & {
  person_name: string;
  org_path: string;
  home_path: string | null;
};

/** Stages from 立项 on that make a project count for 参与一个课题 (撤项 does not). */
const PROJECT_STAGES = [
  'approved',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
] as const;

/** Growth records (专业发展) and the facts behind 八个一. */
export class GrowthRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DialectKind,
  ) {}

  /** Records with their person's name, their org's path and the person's home path. */
  private named(q: SelectQueryBuilder<DB, 'growth_records', object>) {
    return q
      .innerJoin('people', 'people.id', 'growth_records.person_id')
      .innerJoin('orgs as rec_org', 'rec_org.id', 'growth_records.org_id')
      .leftJoin('orgs as home', 'home.id', 'people.org_id')
      .selectAll('growth_records')
      .select(['people.name as person_name', 'rec_org.path as org_path', 'home.path as home_path']);
  }

  /**
   * Records inside the scope (own, or in a granted subtree by school, home org or group), filtered. Each
   * subtree test is three id sets on indexed columns (the record's org, the person by home, the person by
   * group): it used to be a self-join of every record, which on a city (500,000 records) ran for minutes.
   */
  private filtered(scope: GrowthScope, f: ResolvedGrowthFilter) {
    // Every condition is on the record's own columns: the count reads no other table (a record's person and
    // org always exist), which a city's 500,000 records need.
    let q = this.db.selectFrom('growth_records');
    // A chosen org inside a granted subtree already limits the records to that subtree.
    const implied = !scope.all && coversSubtree(scope.prefixes, f.orgPath);
    if (!scope.all && !implied) {
      const prefixes = scope.prefixes;
      q = q.where((eb) =>
        eb.or([
          eb('growth_records.person_id', '=', scope.selfId),
          ...(prefixes.length > 0 ? [inSubtrees(this.kind, this.db, eb, prefixes)] : []),
        ]),
      );
    }
    if (f.orgPath) {
      const orgPath = f.orgPath;
      q = q.where((eb) => inSubtrees(this.kind, this.db, eb, [orgPath]));
    }
    if (f.personId) q = q.where('growth_records.person_id', '=', f.personId);
    if (f.kind) q = q.where('growth_records.kind', '=', f.kind);
    if (f.from) q = q.where('growth_records.date', '>=', f.from);
    if (f.to) q = q.where('growth_records.date', '<=', f.to);
    return q;
  }

  /** The ids of the records the scope reads, as a subquery (search intersects its hits with it). */
  visibleIds(scope: GrowthScope) {
    return this.filtered(scope, {}).select('growth_records.id');
  }

  async list(scope: GrowthScope, f: ResolvedGrowthFilter, page: number, pageSize: number) {
    const q = this.filtered(scope, f);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    // The page's ids first, then their names: joined before the limit, a city's page joined every record.
    const ids = q
      .select('growth_records.id')
      .orderBy('growth_records.date', 'desc')
      .orderBy('growth_records.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const rows: GrowthRowWithNames[] = await this.named(this.db.selectFrom('growth_records'))
      .where('growth_records.id', 'in', ids)
      .orderBy('growth_records.date', 'desc')
      .orderBy('growth_records.id', 'desc')
      .execute();
    return { rows, total: Number(total?.n ?? 0) };
  }

  byId(id: string): Promise<GrowthRowWithNames | undefined> {
    return this.named(this.db.selectFrom('growth_records')).where('growth_records.id', '=', id).executeTakeFirst();
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

  /** A person with their home org (kind and path), for recording and access checks. */
  person(id: string) {
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'people.org_id', 'orgs.kind as org_kind', 'orgs.path as org_path'])
      .where('people.id', '=', id)
      .executeTakeFirst();
  }

  async insert(row: GrowthRecordRow) {
    await this.db.insertInto('growth_records').values(row).execute();
  }

  /** Updates a record only if nobody changed it first. */
  async update(id: string, version: number, patch: Partial<GrowthRecordRow>) {
    const r = await this.db
      .updateTable('growth_records')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string) {
    await this.db.deleteFrom('growth_records').where('id', '=', id).execute();
  }

  /** The person's growth records between two dates (for 八个一). */
  recordsBetween(personId: string, from: string, to: string) {
    return this.db
      .selectFrom('growth_records')
      .select(['id', 'kind', 'date', 'title', 'text', 'book_kind'])
      .where('person_id', '=', personId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('id')
      .execute();
  }

  /** Projects from 立项 on that the person hosts or belongs to. */
  projectsOf(personId: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('project_members', 'project_members.project_id', 'projects.id')
      .select(['projects.id', 'projects.title', 'projects.starts_on', 'projects.ends_on'])
      .where('project_members.person_id', '=', personId)
      .where('projects.stage', 'in', PROJECT_STAGES)
      .orderBy('projects.id')
      .execute();
  }

  /** Research lessons (课题研究课) the person gave between two dates. */
  researchLessonsOf(personId: string, from: string, to: string) {
    return this.db
      .selectFrom('research_lessons')
      .innerJoin('projects', 'projects.id', 'research_lessons.project_id')
      .select(['research_lessons.id', 'research_lessons.content', 'research_lessons.held_on', 'projects.title'])
      .where('research_lessons.teacher_id', '=', personId)
      .where('research_lessons.held_on', '>=', from)
      .where('research_lessons.held_on', '<=', to)
      .orderBy('research_lessons.held_on')
      .execute();
  }

  /** Project outputs of kind paper/publication whose author list may name the person (checked by the caller). */
  /** Works (论文与获奖) of the kinds 八个一 counts, with this person among the authors. */
  worksAuthoredBy(personId: string) {
    return this.db
      .selectFrom('works')
      .innerJoin('work_authors as wa', 'wa.work_id', 'works.id')
      .select(['works.id', 'works.kind', 'works.title', 'works.char_count', 'works.written_on', 'works.created_at'])
      .where('wa.person_id', '=', personId)
      .where('works.kind', 'in', EIGHT_ONE_WORK_KINDS)
      .orderBy('works.id')
      .execute();
  }

  paperOutputsNaming(personId: string) {
    return this.db
      .selectFrom('project_outputs')
      .select(['id', 'title', 'on_date', 'created_at', 'author_ids'])
      .where('kind', 'in', ['paper', 'publication'])
      .where('author_ids', 'like', `%${JSON.stringify(personId)}%`)
      .orderBy('id')
      .execute();
  }
}

/** Records made at an org of the subtrees, or of a person at home or in a group there. */
function inSubtrees(
  kind: DialectKind,
  db: Kysely<DB>,
  eb: ExpressionBuilder<DB, 'growth_records'>,
  prefixes: readonly string[],
): Expression<SqlBool> {
  return eb.or([
    inSubquery(kind, eb.ref('growth_records.org_id'), orgIdsUnder(db, prefixes)),
    inSubquery(
      kind,
      eb.ref('growth_records.person_id'),
      db
        .selectFrom('people as hp')
        .innerJoin('orgs as ho', 'ho.id', 'hp.org_id')
        .select('hp.id')
        .where((e) => e.and([startsWithAny(e.ref('ho.path'), prefixes), isHomeOrg(e.ref('ho.kind'))])),
    ),
    inSubquery(kind, eb.ref('growth_records.person_id'), groupMembersUnder(db, prefixes)),
  ]);
}
