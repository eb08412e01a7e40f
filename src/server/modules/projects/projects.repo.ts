import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import {
  PRE_APPROVAL_STAGES,
  type ProjectScopeTerm,
  RUNNING_STAGES,
  readsAllProjectsUnder,
} from '../../access/projects.policy.js';
import {
  containsText,
  dialectOf,
  inIds,
  pathDepth,
  plannedEachRun,
  startsWith,
  subtreeShape,
} from '../../db/dialect.js';
import { bundle, shaped, shapedTogether, template } from '../../db/templates.js';
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
/** What a project's documents print above their content: title, number, level, stage, host and school. */
export type ProjectDocumentHeader = NonNullable<Awaited<ReturnType<ProjectRepo['documentHeader']>>>;

export class ProjectRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** What a project's documents print above their content (the dossier's table of contents, reports in Word). */
  documentHeader(projectId: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('people as host', 'host.id', 'projects.host_id')
      .innerJoin('orgs as school', 'school.id', 'projects.org_id')
      .select([
        'projects.title',
        'projects.number',
        'projects.level',
        'projects.stage',
        'host.name as host_name',
        'school.name as school_name',
      ])
      .where('projects.id', '=', projectId)
      .executeTakeFirst();
  }

  private filtered(terms: readonly ProjectScopeTerm[], f: ProjectFilter & { orgPath?: string }) {
    const v = listValues(terms, f);
    return filteredProjects(this.db, v, v, true);
  }

  /** The ids of the projects the scope reads, as a subquery (search intersects its hits with it). */
  visibleIds(terms: readonly ProjectScopeTerm[]) {
    return this.filtered(terms, {}).select('projects.id');
  }

  /** The ids of one page, in the list's order (the total comes from the stage counts). */
  async page(
    terms: readonly ProjectScopeTerm[],
    f: ProjectFilter & { orgPath?: string },
    page: number,
    pageSize: number,
  ): Promise<string[]> {
    const values = { ...listValues(terms, f), limit: pageSize, offset: (page - 1) * pageSize };
    return (await projectsPage(this.db, values)).map((r) => r.id);
  }

  /** One page's ids and the list's counts per stage (one statement on PostgreSQL). */
  async pageAndCounts(
    terms: readonly ProjectScopeTerm[],
    f: ProjectFilter & { orgPath?: string },
    page: number,
    pageSize: number,
  ): Promise<{ ids: string[]; counts: Record<string, number> }> {
    const values = { ...listValues(terms, f), limit: pageSize, offset: (page - 1) * pageSize };
    const got = await projectsPageAndCounts(this.db, values);
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

/**
 * A projects list's values, flat so that a statement built once names each by a slot (templates.ts `shaped`): each
 * scope term's person or subtree goes in as `t0`, `t1`…, an office's own path and those above it as `t0a0`, `t0a1`…
 */
interface ListValues {
  terms: readonly ProjectScopeTerm[];
  /** The chosen school lies in a subtree whose every project the caller reads (the scope's OR adds nothing). */
  implied: boolean;
  /** A district's projects or more (see `readsWide`). */
  wide: boolean;
  orgPath?: string;
  level?: string;
  kind?: string;
  stage?: string;
  callId?: string;
  hostId?: string;
  planPeriod?: string;
  q?: string;
  [term: `t${number}`]: string;
  [above: `t${number}a${number}`]: string;
}

function listValues(terms: readonly ProjectScopeTerm[], f: ProjectFilter & { orgPath?: string }): ListValues {
  const v: ListValues = {
    terms,
    implied: readsAllProjectsUnder(terms, f.orgPath),
    wide: readsWide(terms, f.orgPath),
    orgPath: f.orgPath || undefined,
    level: f.level || undefined,
    kind: f.kind || undefined,
    stage: f.stage || undefined,
    callId: f.callId || undefined,
    hostId: f.hostId || undefined,
    planPeriod: f.planPeriod || undefined,
    q: f.q || undefined,
  };
  terms.forEach((t, i) => {
    if (t.kind === 'own') v[`t${i}`] = t.personId;
    else if (t.kind !== 'all') v[`t${i}`] = t.prefix;
    if (t.kind === 'office') {
      for (const [j, path] of selfAndAbove(t.prefix).entries()) v[`t${i}a${j}`] = path;
    }
  });
  return v;
}

/** What of a list's values decides its statement's text (the rest are its parameters). */
const listShape = (v: ListValues) => [
  v.terms.map((t) =>
    t.kind === 'all' || t.kind === 'own'
      ? t.kind
      : t.kind === 'school'
        ? [t.kind, subtreeShape(t.prefix), t.stages]
        : [t.kind, subtreeShape(t.prefix), selfAndAbove(t.prefix).length],
  ),
  v.implied,
  v.wide,
  v.orgPath === undefined ? null : subtreeShape(v.orgPath),
  [v.level, v.kind, v.stage, v.callId, v.hostId, v.planPeriod, v.q].map((x) => x !== undefined),
];

/** One WHERE clause from the policy's scope terms: values from `p`, the text from `shape` alone. */
function scopeWhere(eb: EB, p: ListValues, shape: ListValues): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [];
  for (const [i, t] of shape.terms.entries()) {
    const value = p[`t${i}`];
    if (t.kind === 'all') return sql<SqlBool>`1 = 1`;
    if (t.kind === 'own') {
      ors.push(eb('projects.host_id', '=', value));
      ors.push(
        eb.exists(
          eb
            .selectFrom('project_members as pm')
            .select('pm.person_id')
            .whereRef('pm.project_id', '=', 'projects.id')
            .where('pm.person_id', '=', value),
        ),
      );
    } else if (t.kind === 'school') {
      const inSchool = startsWith(eb.ref('school.path'), t.prefix, value);
      if (t.stages === 'any') ors.push(inSchool);
      else if (t.stages === 'not_draft') ors.push(eb.and([inSchool, eb('projects.stage', '!=', 'draft')]));
      else ors.push(eb.and([inSchool, eb('projects.stage', 'in', RUNNING_STAGES)]));
    } else {
      const above = selfAndAbove(t.prefix).map((_, j) => p[`t${i}a${j}`]);
      ors.push(
        eb.and([
          startsWith(eb.ref('school.path'), t.prefix, value),
          eb.or([
            eb('projects.stage', 'in', RUNNING_STAGES),
            eb.and([
              eb('projects.stage', 'in', PRE_APPROVAL_STAGES),
              // Held (受理) at the office or above it: the holder's path is a prefix of the office's.
              eb(
                'projects.holder_org_id',
                'in',
                eb.selectFrom('orgs as above').select('above.id').where('above.path', 'in', above),
              ),
            ]),
          ]),
        ]),
      );
    }
  }
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

/** The filtered, scoped projects query (without ordering or paging); the stage filter only `withStage`. */
function filteredProjects(db: Kysely<DB>, p: ListValues, shape: ListValues, withStage: boolean) {
  // A chosen school inside a subtree whose every project the caller reads (a director's school) already
  // limits the rows: the scope's OR, which no index serves, adds nothing then.
  let q = db.selectFrom('projects').innerJoin('orgs as school', 'school.id', 'projects.org_id');
  if (!shape.implied) q = q.where((eb) => scopeWhere(eb, p, shape));
  if (shape.orgPath !== undefined) {
    const orgPath = shape.orgPath;
    q = q.where((eb) => startsWith(eb.ref('school.path'), orgPath, p.orgPath));
  }
  if (shape.level !== undefined) q = q.where('projects.level', '=', p.level as string);
  if (shape.kind !== undefined) q = q.where('projects.kind', '=', p.kind as string);
  if (withStage && shape.stage !== undefined) q = q.where('projects.stage', '=', p.stage as string);
  if (shape.callId !== undefined) q = q.where('projects.call_id', '=', p.callId as string);
  if (shape.hostId !== undefined) q = q.where('projects.host_id', '=', p.hostId as string);
  if (shape.planPeriod !== undefined) q = q.where('projects.plan_period', '=', p.planPeriod as string);
  if (shape.q !== undefined) {
    const text = p.q as string;
    q = q.where((eb) =>
      eb.or([containsText(dialectOf(db), eb.ref('projects.title'), text), eb('projects.number', '=', text)]),
    );
  }
  return q;
}

type PageValues = ListValues & { limit: number; offset: number };

/** The ids of one page. */
function pageQueryOf(db: Kysely<DB>, p: PageValues, shape: PageValues) {
  return (
    filteredProjects(db, p, shape, true)
      .select('projects.id')
      // A desk's ranking (推荐排序) first when listing one call; otherwise the latest changes first.
      .$if(shape.callId !== undefined, (qb) => qb.orderBy(sql`coalesce(projects.rank, 1000000)`))
      .orderBy('projects.updated_at', 'desc')
      .orderBy('projects.id', 'desc')
      .limit(p.limit)
      .offset(p.offset)
      .$if(shape.wide, (qb) => qb.modifyEnd(plannedEachRun()))
  );
}

/** Counts per stage for the same filter without its stage (the list's header). */
function countsQueryOf(db: Kysely<DB>, p: ListValues, shape: ListValues) {
  return filteredProjects(db, p, shape, false)
    .select(['projects.stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('projects.stage');
}

/** A page's ids, built once per shape of list (`shaped`). */
const projectsPage = shaped((v: PageValues) => listShape(v), pageQueryOf);
/** A page's ids and the list's counts per stage: one statement on PostgreSQL, built once per shape of list. */
const projectsPageAndCounts = shapedTogether((v: PageValues) => listShape(v), {
  ids: pageQueryOf,
  counts: countsQueryOf,
});
