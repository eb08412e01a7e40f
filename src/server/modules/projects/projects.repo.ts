import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import {
  PRE_APPROVAL_STAGES,
  type ProjectScopeTerm,
  RUNNING_STAGES,
  readsAllProjectsUnder,
} from '../../access/projects.policy.js';
import {
  containsText,
  type DialectKind,
  dialectOf,
  inIds,
  pathDepth,
  plannedEachRun,
  startsWith,
} from '../../db/dialect.js';
import { bundle, template, together } from '../../db/templates.js';
import type { DB, ProjectRow } from '../../db/types.js';
import type { ProjectFilter } from './projects.schema.js';

type ProjectQueryDB = DB & { school: DB['orgs'] };
type EB = ExpressionBuilder<ProjectQueryDB, 'projects' | 'school'>;

/** The paths of an org and of every org above it ('/a/b/' → '/a/', '/a/b/'). */
function selfAndAbove(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** Whether a list reads a district's projects or more: narrowed to such an org, or (not narrowed) by a term over one. */
function readsWide(terms: readonly ProjectScopeTerm[], orgPath: string | undefined): boolean {
  if (orgPath !== undefined) return pathDepth(orgPath) <= 2;
  return terms.some((t) => t.kind === 'all' || ('prefix' in t && pathDepth(t.prefix) <= 2));
}

/** Projects (课题): the scoped list, members, transitions and numbering. */
export class ProjectRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DialectKind,
  ) {}

  /** One WHERE clause from the policy's scope terms. */
  private scopeWhere(eb: EB, terms: readonly ProjectScopeTerm[]): Expression<SqlBool> {
    const ors: Expression<SqlBool>[] = [];
    for (const t of terms) {
      if (t.kind === 'all') return sql<SqlBool>`1 = 1`;
      if (t.kind === 'own') {
        ors.push(eb('projects.host_id', '=', t.personId));
        ors.push(
          eb.exists(
            eb
              .selectFrom('project_members as pm')
              .select('pm.person_id')
              .whereRef('pm.project_id', '=', 'projects.id')
              .where('pm.person_id', '=', t.personId),
          ),
        );
      } else if (t.kind === 'school') {
        const inSchool = startsWith(eb.ref('school.path'), t.prefix);
        if (t.stages === 'any') ors.push(inSchool);
        else if (t.stages === 'not_draft') ors.push(eb.and([inSchool, eb('projects.stage', '!=', 'draft')]));
        else ors.push(eb.and([inSchool, eb('projects.stage', 'in', RUNNING_STAGES)]));
      } else {
        ors.push(
          eb.and([
            startsWith(eb.ref('school.path'), t.prefix),
            eb.or([
              eb('projects.stage', 'in', RUNNING_STAGES),
              eb.and([
                eb('projects.stage', 'in', PRE_APPROVAL_STAGES),
                // Held (受理) at the office or above it: the holder's path is a prefix of the office's.
                eb(
                  'projects.holder_org_id',
                  'in',
                  eb.selectFrom('orgs as above').select('above.id').where('above.path', 'in', selfAndAbove(t.prefix)),
                ),
              ]),
            ]),
          ]),
        );
      }
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  }

  private filtered(terms: readonly ProjectScopeTerm[], f: ProjectFilter & { orgPath?: string }) {
    // A chosen school inside a subtree whose every project the caller reads (a director's school) already
    // limits the rows: the scope's OR, which no index serves, adds nothing then.
    const implied = readsAllProjectsUnder(terms, f.orgPath);
    let q = this.db.selectFrom('projects').innerJoin('orgs as school', 'school.id', 'projects.org_id');
    if (!implied) q = q.where((eb) => this.scopeWhere(eb, terms));
    if (f.orgPath) {
      const p = f.orgPath;
      q = q.where((eb) => startsWith(eb.ref('school.path'), p));
    }
    if (f.level) q = q.where('projects.level', '=', f.level);
    if (f.kind) q = q.where('projects.kind', '=', f.kind);
    if (f.stage) q = q.where('projects.stage', '=', f.stage);
    if (f.callId) q = q.where('projects.call_id', '=', f.callId);
    if (f.hostId) q = q.where('projects.host_id', '=', f.hostId);
    if (f.planPeriod) q = q.where('projects.plan_period', '=', f.planPeriod);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) =>
        eb.or([containsText(this.kind, eb.ref('projects.title'), text), eb('projects.number', '=', text)]),
      );
    }
    return q;
  }

  /** The ids of the projects the scope reads, as a subquery (search intersects its hits with it). */
  visibleIds(terms: readonly ProjectScopeTerm[]) {
    return this.filtered(terms, {}).select('projects.id');
  }

  /** The ids of one page (the total comes from the stage counts). */
  private pageQuery(
    terms: readonly ProjectScopeTerm[],
    f: ProjectFilter & { orgPath?: string },
    page: number,
    pageSize: number,
  ) {
    return (
      this.filtered(terms, f)
        .select('projects.id')
        // A desk's ranking (推荐排序) first when listing one call; otherwise the latest changes first.
        .$if(Boolean(f.callId), (qb) => qb.orderBy(sql`coalesce(projects.rank, 1000000)`))
        .orderBy('projects.updated_at', 'desc')
        .orderBy('projects.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .$if(readsWide(terms, f.orgPath), (qb) => qb.modifyEnd(plannedEachRun()))
    );
  }

  /** Counts per stage for the same filter without its stage (the list's header). */
  private countsQuery(terms: readonly ProjectScopeTerm[], f: ProjectFilter & { orgPath?: string }) {
    const { stage: _ignored, ...rest } = f;
    return this.filtered(terms, rest)
      .select(['projects.stage', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('projects.stage');
  }

  /** The ids of one page, in the list's order. */
  async page(
    terms: readonly ProjectScopeTerm[],
    f: ProjectFilter & { orgPath?: string },
    page: number,
    pageSize: number,
  ): Promise<string[]> {
    return (await this.pageQuery(terms, f, page, pageSize).execute()).map((r) => r.id);
  }

  /** One page's ids and the list's counts per stage (one statement on PostgreSQL). */
  async pageAndCounts(
    terms: readonly ProjectScopeTerm[],
    f: ProjectFilter & { orgPath?: string },
    page: number,
    pageSize: number,
  ): Promise<{ ids: string[]; counts: Record<string, number> }> {
    const got = await together(this.db, {
      ids: this.pageQuery(terms, f, page, pageSize),
      counts: this.countsQuery(terms, f),
    });
    return {
      ids: got.ids.map((r) => r.id),
      counts: Object.fromEntries(got.counts.map((r) => [r.stage, Number(r.n)])),
    };
  }

  /** These projects' rows with their names, and their members. */
  details(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve({ rows: [], members: [] });
    return projectsBundle(this.db, { ids });
  }

  members(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return membersOf(this.db, { ids });
  }

  async insert(row: ProjectRow, members: { person_id: string; role: string }[]) {
    await this.db.insertInto('projects').values(row).execute();
    await this.replaceMembers(row.id, members);
  }

  async replaceMembers(projectId: string, members: { person_id: string; role: string }[]) {
    await this.db.deleteFrom('project_members').where('project_id', '=', projectId).execute();
    if (members.length > 0) {
      await this.db
        .insertInto('project_members')
        .values(members.map((m, i) => ({ project_id: projectId, person_id: m.person_id, role: m.role, sort: i })))
        .execute();
    }
  }

  async update(id: string, version: number, patch: Partial<ProjectRow>) {
    const r = await this.db
      .updateTable('projects')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Moves the stage only if nobody moved it first (compare-and-set on stage and version). */
  async moveStage(id: string, fromStage: string, version: number, patch: Partial<ProjectRow>) {
    const r = await this.db
      .updateTable('projects')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('stage', '=', fromStage)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string) {
    await this.db.deleteFrom('projects').where('id', '=', id).execute();
  }

  /** Applications of a call on one org's desk (for 推荐排序). */
  onDesk(callId: string, orgId: string) {
    return this.db
      .selectFrom('projects')
      .select(['id', 'stage'])
      .where('call_id', '=', callId)
      .where('holder_org_id', '=', orgId)
      .where('stage', 'in', ['submitted', 'school_recommended', 'district_recommended'])
      .execute();
  }

  async setRank(id: string, rank: number) {
    await this.db.updateTable('projects').set({ rank }).where('id', '=', id).execute();
  }

  async addTransition(row: DB['project_transitions']) {
    await this.db.insertInto('project_transitions').values(row).execute();
  }

  history(projectId: string) {
    return this.db
      .selectFrom('project_transitions')
      .leftJoin('people', 'people.id', 'project_transitions.actor_id')
      .selectAll('project_transitions')
      .select('people.name as actor_name')
      .where('project_id', '=', projectId)
      .orderBy('at')
      .orderBy('project_transitions.id')
      .execute();
  }

  /** The stage a project came from into its current stage (for 退回修改). */
  async previousStage(projectId: string, current: string) {
    const row = await this.db
      .selectFrom('project_transitions')
      .select(['from_stage'])
      .where('project_id', '=', projectId)
      .where('to_stage', '=', current)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.from_stage ?? null;
  }

  /** Numbers already given that start with a prefix (for the next sequence number). */
  numbersWithPrefix(prefix: string) {
    return this.db.selectFrom('projects').select('number').where('number', 'like', `${prefix}%`).execute();
  }

  /** Other applications of the same host to the same call (one application per host per call). */
  otherApplications(callId: string, hostId: string, exceptId: string) {
    return this.db
      .selectFrom('projects')
      .select(['id', 'title', 'stage'])
      .where('call_id', '=', callId)
      .where('host_id', '=', hostId)
      .where('id', '!=', exceptId)
      .where('stage', '!=', 'rejected')
      .execute();
  }

  /** Everyone whose home org lies in the school, present or past (historic imports match names). */
  peopleOfSchool(schoolPath: string) {
    return this.db
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name'])
      .where((eb) => startsWith(eb.ref('orgs.path'), schoolPath))
      .execute();
  }

  /** Which of these 立项编号 some project already carries. */
  async numbersTaken(numbers: readonly string[]): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const rows = await this.db.selectFrom('projects').select('number').where('number', 'in', numbers).execute();
    return new Set(rows.flatMap((r) => (r.number === null ? [] : [r.number])));
  }

  /** Titles and hosts of a school's projects (the same project is not imported twice). */
  titlesOfSchool(schoolId: string) {
    return this.db.selectFrom('projects').select(['title', 'host_id']).where('org_id', '=', schoolId).execute();
  }

  /** The host's unfinished projects of a level (a warning before applying again). */
  unfinishedOfHost(hostId: string, level: string, exceptId: string) {
    return this.db
      .selectFrom('projects')
      .select(['id', 'title', 'stage'])
      .where('host_id', '=', hostId)
      .where('level', '=', level)
      .where('id', '!=', exceptId)
      .where(
        'stage',
        'in',
        RUNNING_STAGES.filter((s) => !['concluded', 'not_passed', 'terminated'].includes(s)),
      )
      .execute();
  }
}

// Every page of projects reads both (`bundle`): built once (see templates.ts), the ids as one parameter.
const detailsPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('projects')
    .innerJoin('orgs as school', 'school.id', 'projects.org_id')
    .innerJoin('people as host', 'host.id', 'projects.host_id')
    .leftJoin('orgs as holder', 'holder.id', 'projects.holder_org_id')
    .leftJoin('orgs as manager', 'manager.id', 'projects.manager_org_id')
    .leftJoin('calls', 'calls.id', 'projects.call_id')
    .selectAll('projects')
    .select([
      'school.name as school_name',
      'host.name as host_name',
      'holder.name as holder_name',
      'manager.name as manager_name',
      'calls.title as call_title',
      'school.path as school_path',
      'holder.path as holder_path',
      'manager.path as manager_path',
    ])
    .where((eb) => inIds(dialectOf(db), eb.ref('projects.id'), p.ids));
const membersPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('project_members')
    .innerJoin('people', 'people.id', 'project_members.person_id')
    .select([
      'project_members.project_id',
      'project_members.person_id',
      'project_members.role',
      'people.name',
      'people.org_id',
    ])
    .where((eb) => inIds(dialectOf(db), eb.ref('project_members.project_id'), p.ids))
    .orderBy('project_members.sort');
/** A page of projects' rows (with their orgs', host's and call's names) and members: one statement on PostgreSQL. */
const membersOf = template(membersPart);
const projectsBundle = bundle({ rows: detailsPart, members: membersPart });
