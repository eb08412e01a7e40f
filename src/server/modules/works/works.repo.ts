import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { coversSubtree } from '../../access/access.js';
import {
  containsText,
  dialectOf,
  inIds,
  pathDepth,
  plannedEachRun,
  startsWith,
  subtreeShape,
} from '../../db/dialect.js';
import { bundle, shaped } from '../../db/templates.js';
import type { DB, PublicationRow, WorkRow } from '../../db/types.js';
import { assignmentsOfWorksPart, entriesOfWorksPart } from './entries.repo.js';
import type { WorkScope } from './works.policy.js';

/** A work with its school's name and path. */
export type WorkWithOrg = WorkRow & { org_name: string; org_path: string };

/** Filters after the service resolved orgId to a path and termId to dates. */
export interface ResolvedWorksFilter {
  orgPath?: string;
  term?: { from: string; to: string };
  kind?: string;
  personId?: string;
  projectId?: string;
  q?: string;
}

/**
 * Whether a list reads a district's works or more: narrowed to such an org, or (not narrowed) by a scope over
 * one or over everything. A caller who reads only their own works, or one school's, reads few.
 */
function readsWide(scope: WorkScope, orgPath: string | undefined): boolean {
  if (orgPath !== undefined) return pathDepth(orgPath) <= 2;
  return scope.all || scope.prefixes.some((p) => pathDepth(p) <= 2);
}

/** A subquery of visible work ids. */
export type WorkIdQuery = ReturnType<WorksRepo['visibleIds']>;

/** Works (论文·成果), their authors and linked projects, and publications (发表). */
export class WorksRepo {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return this.db.selectFrom('works').innerJoin('orgs as wo', 'wo.id', 'works.org_id');
  }

  private filtered(scope: WorkScope, f: ResolvedWorksFilter) {
    const v = listValues(scope, f);
    return filteredWorks(this.db, v, v);
  }

  /** One page and the number of matches in one statement (the count as a subquery run once, as for people). */
  async list(
    scope: WorkScope,
    f: ResolvedWorksFilter,
    page: number,
    pageSize: number,
    counting: boolean,
  ): Promise<{ rows: WorkWithOrg[]; total: number | null }> {
    const values = { ...listValues(scope, f), limit: pageSize, offset: (page - 1) * pageSize, counting };
    const found = await worksPage(this.db, values);
    const rows: WorkWithOrg[] = found.map(({ total_rows: _n, ...row }) => row);
    if (!counting) return { rows, total: null };
    if (found.length > 0) return { rows, total: Number(found[0].total_rows) };
    // A page past the end has no row to carry the count.
    const total =
      page > 1
        ? await this.filtered(scope, f)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        : undefined;
    return { rows, total: Number(total?.n ?? 0) };
  }

  byIds(ids: readonly string[]): Promise<WorkWithOrg[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.base()
      .selectAll('works')
      .select(['wo.name as org_name', 'wo.path as org_path'])
      .where('works.id', 'in', ids)
      .execute();
  }

  async byId(id: string): Promise<WorkWithOrg | undefined> {
    return (await this.byIds([id]))[0];
  }

  /** Authors, linked projects, publications, competition entries and their pre-review assignments of these works. */
  bundle(workIds: readonly string[]) {
    if (workIds.length === 0)
      return Promise.resolve({ authors: [], projects: [], publications: [], entries: [], assignments: [] });
    return worksBundle(this.db, { ids: workIds });
  }

  /** Whether the caller is assigned as pre-reviewer on any entry of the work. */
  async isReviewer(workId: string, personId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('prereview_assignments')
      .innerJoin('work_entries', 'work_entries.id', 'prereview_assignments.entry_id')
      .select('prereview_assignments.id')
      .where('work_entries.work_id', '=', workId)
      .where('prereview_assignments.reviewer_id', '=', personId)
      .executeTakeFirst();
    return r !== undefined;
  }

  /** People with their home org path (authors, reviewers, guiding teachers). */
  people(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('people')
      .leftJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'people.name', 'people.org_id', 'orgs.path as org_path', 'orgs.kind as org_kind'])
      .where('people.id', 'in', ids)
      .execute();
  }

  /** Projects with their school path (to check links stay inside the work's school or its offices). */
  /** The projects of a school (and of its groups), to find one an import names by number or title. */
  projectsUnder(schoolPath: string) {
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['projects.id', 'projects.title', 'projects.number'])
      .where('orgs.path', 'like', `${schoolPath}%`)
      .execute();
  }

  /** Links a work to projects, keeping the links it has. */
  async addProjects(workId: string, projectIds: readonly string[]) {
    if (projectIds.length === 0) return;
    const have = await this.db.selectFrom('work_projects').select('project_id').where('work_id', '=', workId).execute();
    const missing = projectIds.filter((id) => !have.some((h) => h.project_id === id));
    if (missing.length === 0) return;
    await this.db
      .insertInto('work_projects')
      .values(missing.map((projectId) => ({ work_id: workId, project_id: projectId })))
      .execute();
  }

  projectPaths(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('projects')
      .innerJoin('orgs', 'orgs.id', 'projects.org_id')
      .select(['projects.id', 'orgs.path'])
      .where('projects.id', 'in', ids)
      .execute();
  }

  async insert(row: WorkRow) {
    await this.db.insertInto('works').values(row).execute();
  }

  /** A school's works with their first in-school author: how an imported award finds the work it belongs to. */
  firstAuthorsOfSchool(schoolId: string) {
    return this.db
      .selectFrom('works')
      .innerJoin('work_authors', 'work_authors.work_id', 'works.id')
      .select(['works.id', 'works.title', 'work_authors.person_id'])
      .where('works.org_id', '=', schoolId)
      .where('work_authors.position', '=', 1)
      .where('work_authors.person_id', 'is not', null)
      .execute();
  }

  async update(id: string, version: number, patch: Partial<WorkRow>) {
    const r = await this.db
      .updateTable('works')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Replaces the author list (order = position). */
  async setAuthors(
    workId: string,
    authors: readonly { id: string; personId: string | null; outsideName: string | null }[],
  ) {
    await this.db.deleteFrom('work_authors').where('work_id', '=', workId).execute();
    if (authors.length === 0) return;
    await this.db
      .insertInto('work_authors')
      .values(
        authors.map((a, i) => ({
          id: a.id,
          work_id: workId,
          position: i + 1,
          person_id: a.personId,
          outside_name: a.outsideName,
        })),
      )
      .execute();
  }

  async setProjects(workId: string, projectIds: readonly string[]) {
    await this.db.deleteFrom('work_projects').where('work_id', '=', workId).execute();
    if (projectIds.length === 0) return;
    await this.db
      .insertInto('work_projects')
      .values(projectIds.map((projectId) => ({ work_id: workId, project_id: projectId })))
      .execute();
  }

  /** Deletes a work with everything hanging on it. */
  async delete(id: string) {
    const entries = this.db.selectFrom('work_entries').select('id').where('work_id', '=', id);
    await this.db.deleteFrom('prereview_assignments').where('entry_id', 'in', entries).execute();
    await this.db.deleteFrom('work_entries').where('work_id', '=', id).execute();
    await this.db.deleteFrom('publications').where('work_id', '=', id).execute();
    await this.db.deleteFrom('work_projects').where('work_id', '=', id).execute();
    await this.db.deleteFrom('work_authors').where('work_id', '=', id).execute();
    await this.db.deleteFrom('works').where('id', '=', id).execute();
  }

  /** Certificate storage keys of a work's entries (removed from the store after a delete). */
  async certificateKeys(workId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('work_entries')
      .select('certificate_file')
      .where('work_id', '=', workId)
      .where('certificate_file', 'is not', null)
      .execute();
    return rows.map((r) => r.certificate_file).filter((k): k is string => k !== null);
  }

  // ---------- publications ----------

  publication(workId: string, id: string) {
    return this.db
      .selectFrom('publications')
      .selectAll()
      .where('work_id', '=', workId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The publications of a school's works, to find one an import would record twice. */
  publicationsOfSchool(schoolId: string) {
    return this.db
      .selectFrom('publications')
      .innerJoin('works', 'works.id', 'publications.work_id')
      .select(['publications.work_id', 'publications.journal', 'publications.issue', 'publications.published_on'])
      .where('works.org_id', '=', schoolId)
      .execute();
  }

  async insertPublication(row: PublicationRow) {
    await this.db.insertInto('publications').values(row).execute();
  }

  async updatePublication(id: string, version: number, patch: Partial<PublicationRow>) {
    const r = await this.db
      .updateTable('publications')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deletePublication(id: string) {
    await this.db.deleteFrom('publications').where('id', '=', id).execute();
  }

  /** Publications of works in the scope, filtered; `limit` null = all (exports). */
  async listPublications(
    scope: WorkScope,
    f: { orgPath?: string; term?: { from: string; to: string }; level?: string; personId?: string },
    page: number,
    pageSize: number | null,
  ) {
    const works = this.filtered({ ...scope, reviewer: false }, { orgPath: f.orgPath, personId: f.personId }).select(
      'works.id',
    );
    let q = this.db.selectFrom('publications').where('publications.work_id', 'in', works);
    if (f.level) q = q.where('publications.level', '=', f.level);
    if (f.term) {
      q = q.where('publications.published_on', '>=', f.term.from).where('publications.published_on', '<=', f.term.to);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = q.selectAll('publications').orderBy('publications.published_on', 'desc').orderBy('publications.id');
    if (pageSize !== null) rows = rows.limit(pageSize).offset((page - 1) * pageSize);
    return { rows: await rows.execute(), total: Number(total?.n ?? 0) };
  }

  /** The ids of works the scope reads, as a subquery (entries and exports intersect with it). */
  visibleIds(scope: WorkScope, f: ResolvedWorksFilter = {}) {
    return this.filtered(scope, f).select('works.id');
  }
}

// Every page of works reads these (`bundle`): built once (see templates.ts), the ids as one parameter.
const authorsPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('work_authors')
    .leftJoin('people', 'people.id', 'work_authors.person_id')
    .select([
      'work_authors.work_id',
      'work_authors.position',
      'work_authors.person_id',
      'work_authors.outside_name',
      'people.name as person_name',
    ])
    .where((eb) => inIds(dialectOf(db), eb.ref('work_authors.work_id'), p.ids))
    .orderBy('work_authors.work_id')
    .orderBy('work_authors.position');
const projectsPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('work_projects')
    .innerJoin('projects', 'projects.id', 'work_projects.project_id')
    .select(['work_projects.work_id', 'projects.id', 'projects.title', 'projects.level'])
    .where((eb) => inIds(dialectOf(db), eb.ref('work_projects.work_id'), p.ids))
    .orderBy('projects.title');
const publicationsPart = (db: Kysely<DB>, p: { ids: readonly string[] }) =>
  db
    .selectFrom('publications')
    .selectAll()
    .where((eb) => inIds(dialectOf(db), eb.ref('publications.work_id'), p.ids))
    .orderBy('published_on', 'desc')
    .orderBy('id');
/** Everything a page of works shows around its rows: one statement on PostgreSQL, five on SQLite. */
const worksBundle = bundle({
  authors: authorsPart,
  projects: projectsPart,
  publications: publicationsPart,
  entries: entriesOfWorksPart,
  assignments: assignmentsOfWorksPart,
});

/**
 * A works list's values, flat so that a statement built once names each by a slot (templates.ts `shaped`): the
 * caller's subtrees go in as `prefix0`, `prefix1`…
 */
interface ListValues {
  self: string;
  scopeAll: boolean;
  reviewer: boolean;
  /** The chosen org lies inside a granted subtree (the scope's OR adds nothing then). */
  implied: boolean;
  /** A district's works or more (see `readsWide`). */
  wide: boolean;
  prefixes: readonly string[];
  orgPath?: string;
  kind?: string;
  personId?: string;
  projectId?: string;
  q?: string;
  from?: string;
  to?: string;
  [prefix: `prefix${number}`]: string;
}

function listValues(scope: WorkScope, f: ResolvedWorksFilter): ListValues {
  const v: ListValues = {
    self: scope.selfId,
    scopeAll: scope.all,
    reviewer: scope.reviewer !== false,
    implied: coversSubtree(scope.prefixes, f.orgPath),
    wide: readsWide(scope, f.orgPath),
    prefixes: scope.prefixes,
    orgPath: f.orgPath || undefined,
    kind: f.kind || undefined,
    personId: f.personId || undefined,
    projectId: f.projectId || undefined,
    q: f.q || undefined,
    from: f.term?.from,
    to: f.term?.to,
  };
  scope.prefixes.forEach((prefix, i) => {
    v[`prefix${i}`] = prefix;
  });
  return v;
}

/** What of a list's values decides its statement's text (the rest are its parameters). */
const listShape = (v: ListValues & { counting?: boolean }) => [
  v.scopeAll,
  v.reviewer,
  v.implied,
  v.wide,
  v.prefixes.map(subtreeShape),
  v.orgPath === undefined ? null : subtreeShape(v.orgPath),
  [v.kind, v.personId, v.projectId, v.q, v.from].map((x) => x !== undefined),
  v.counting ?? null,
];

function baseOf(db: Kysely<DB>) {
  return db.selectFrom('works').innerJoin('orgs as wo', 'wo.id', 'works.org_id');
}

/**
 * Works the scope reads: own (author or recorder), assigned for pre-review, or in a granted subtree. Values from
 * `p`, the text from `shape` alone (see `listShape`; with a statement built once `p` holds its slots).
 */
function scopedWorks(db: Kysely<DB>, p: ListValues, shape: ListValues) {
  const q = baseOf(db);
  if (shape.scopeAll) return q;
  return q.where((eb) => {
    const terms: Expression<SqlBool>[] = [
      eb('works.created_by', '=', p.self),
      eb.exists(
        eb
          .selectFrom('work_authors as wa')
          .select('wa.id')
          .whereRef('wa.work_id', '=', 'works.id')
          .where('wa.person_id', '=', p.self),
      ),
      ...(!shape.reviewer
        ? []
        : [
            eb.exists(
              eb
                .selectFrom('prereview_assignments as pa')
                .innerJoin('work_entries as pe', 'pe.id', 'pa.entry_id')
                .select('pa.id')
                .whereRef('pe.work_id', '=', 'works.id')
                .where('pa.reviewer_id', '=', p.self),
            ),
          ]),
      ...shape.prefixes.map((prefix, i) => startsWith(eb.ref('wo.path'), prefix, p[`prefix${i}`])),
    ];
    return eb.or(terms);
  });
}

/** The filtered, scoped works query (without ordering or paging), as `scopedWorks` is built. */
function filteredWorks(db: Kysely<DB>, p: ListValues, shape: ListValues) {
  // A chosen org inside a granted subtree already limits the rows to that subtree: the scope's OR (own,
  // reviewed, subtree), which no index serves, adds nothing then.
  let q = shape.implied ? baseOf(db) : scopedWorks(db, p, shape);
  if (shape.orgPath !== undefined) {
    const orgPath = shape.orgPath;
    // A work belongs to a school (never a 教研组; see WorksService.school). Saying so lets the planner count
    // a district's schools (about 50) rather than every org under it (about 500 with the groups), so it
    // reads their works from the index instead of every work of the kind in the city.
    q = q.where((eb) =>
      eb.and([startsWith(eb.ref('wo.path'), orgPath, p.orgPath), sql<SqlBool>`${eb.ref('wo.kind')} = 'school'`]),
    );
  }
  if (shape.kind !== undefined) q = q.where('works.kind', '=', p.kind as string);
  if (shape.personId !== undefined) {
    const personId = p.personId as string;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_authors as fa')
          .select('fa.id')
          .whereRef('fa.work_id', '=', 'works.id')
          .where('fa.person_id', '=', personId),
      ),
    );
  }
  if (shape.projectId !== undefined) {
    const projectId = p.projectId as string;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_projects as fp')
          .select('fp.work_id')
          .whereRef('fp.work_id', '=', 'works.id')
          .where('fp.project_id', '=', projectId),
      ),
    );
  }
  if (shape.q !== undefined) {
    const text = p.q as string;
    q = q.where((eb) => containsText(dialectOf(db), eb.ref('works.title'), text));
  }
  if (shape.from !== undefined) {
    const from = p.from as string;
    const to = p.to as string;
    // In the term: written, entered, awarded or published in it.
    const between = (column: 'works.written_on' | 'te.entered_on' | 'te.result_on' | 'tp.published_on') =>
      sql<SqlBool>`${sql.ref(column)} between ${from} and ${to}`;
    if (shape.wide) {
      // A district or more: the works entered, awarded or published in the term are one set of ids, each date
      // read from its index and the set made once. Tested work by work (two subqueries a work) they read every
      // work of a city (0.7-1.1 s → 0.1 s); for one school the set costs more than the tests (16 → 47-77 ms).
      q = q.where((eb) =>
        eb.or([
          between('works.written_on'),
          eb(
            'works.id',
            'in',
            eb
              .selectFrom('work_entries as te')
              .select('te.work_id as id')
              .where(between('te.entered_on'))
              .union(eb.selectFrom('work_entries as te').select('te.work_id as id').where(between('te.result_on')))
              .union(eb.selectFrom('publications as tp').select('tp.work_id as id').where(between('tp.published_on'))),
          ),
        ]),
      );
    } else {
      q = q.where((eb) =>
        eb.or([
          between('works.written_on'),
          eb.exists(
            eb
              .selectFrom('work_entries as te')
              .select('te.id')
              .whereRef('te.work_id', '=', 'works.id')
              .where((e2) => e2.or([between('te.entered_on'), between('te.result_on')])),
          ),
          eb.exists(
            eb
              .selectFrom('publications as tp')
              .select('tp.id')
              .whereRef('tp.work_id', '=', 'works.id')
              .where(between('tp.published_on')),
          ),
        ]),
      );
    }
  }
  return q;
}

/**
 * One page and the number of matches in one statement (the count as a subquery run once, as for people), built
 * once per shape of list (`shaped`).
 */
const worksPage = shaped(
  (v: ListValues & { limit: number; offset: number; counting: boolean }) => listShape(v),
  (db, p, shape) => {
    const q = filteredWorks(db, p, shape);
    const count = q.select((eb) => eb.fn.countAll<number>().as('n'));
    return q
      .selectAll('works')
      .select(['wo.name as org_name', 'wo.path as org_path'])
      .$if(shape.counting, (c) => c.select(() => count.as('total_rows')))
      .orderBy('works.created_at', 'desc')
      .orderBy('works.id', 'desc')
      .limit(p.limit)
      .offset(p.offset)
      .$if(shape.wide, (c) => c.modifyEnd(plannedEachRun()));
  },
);
