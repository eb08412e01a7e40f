import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import { type Ctx, callerKey, type Principal } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso } from '../../db/dialect.js';
import type { DB, OrgRow, PublicationRow, WorkRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import type { Uploads } from '../../storage/file-store.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { indexDoc } from '../search/search.index.js';
import { KeptCounts, listCountsKey } from '../stats/stats.cache.js';
import { CompetitionService } from './competitions.service.js';
import { EntryService } from './entries.service.js';
import { StudentAwardService } from './student-awards.service.js';
import { canKeepWork, canReadWork, type WorkSubject, workScope } from './works.policy.js';
import { presentPublication, presentWork, subjectOf, type WorkBundle } from './works.presenter.js';
import { WorksRepo, type WorkWithOrg } from './works.repo.js';
import type {
  CreatePublication,
  CreateWork,
  PublicationDto,
  PublicationsFilter,
  UpdatePublication,
  UpdateWork,
  WorkDto,
  WorksFilter,
} from './works.schema.js';
import { publicationsWorkbook } from './works.xlsx.js';

const WHAT = '成果';

/** A scope filter resolved to an org path and term dates. */
export interface ResolvedScope {
  orgPath?: string;
  term?: { from: string; to: string };
  termName?: string;
}

/** Resolves ?orgId=&termId= (an unknown org matches nothing; an unknown term is not found). */
export async function resolveScope(db: Kysely<DB>, orgId?: string, termId?: string): Promise<ResolvedScope> {
  const out: ResolvedScope = {};
  if (orgId) out.orgPath = await new OrgRepo(db).filterPath(orgId);
  if (termId) {
    const term = await db.selectFrom('terms').selectAll().where('id', '=', termId).executeTakeFirst();
    if (!term) throw notFound('学期');
    out.term = { from: term.starts_on, to: term.ends_on };
    out.termName = term.name;
  }
  return out;
}

/** An export's title: the org's current name, the term's name and what the sheet lists. */
export async function exportTitle(db: Kysely<DB>, orgId: string | undefined, scope: ResolvedScope, what: string) {
  const orgName = orgId ? (await new OrgRepo(db).byId(orgId))?.name : undefined;
  return [orgName, scope.termName, what].filter(Boolean).join('');
}

/** Loads authors, projects, entries, pre-reviews and publications around a set of works. */
export async function loadBundle(db: Kysely<DB>, ids: readonly string[], p: Principal) {
  const { entries, assignments, authors, projects, publications } = await new WorksRepo(db).bundle(ids);
  const mine = new Set(assignments.filter((a) => a.reviewer_id === p.personId).map((a) => a.entry_id));
  const bundle: WorkBundle = {
    authors,
    projects,
    entries,
    assignments,
    publications,
    reviewerOf: new Set(entries.filter((e) => mine.has(e.id)).map((e) => e.work_id)),
  };
  return bundle;
}

/**
 * A list of this many works or more (more than most schools' own) keeps its total for its next pages: counting a
 * district's 3,629 papers was half of the page's statement on PostgreSQL (0.69 of 1.42 ms).
 */
export const WIDE_WORKS_COUNT = 200;

/** Works (论文·成果) with authors and projects, their publications (发表); entries live in EntryService. */
export class WorksService {
  readonly entries: EntryService;
  readonly competitions: CompetitionService;
  readonly studentAwards: StudentAwardService;

  /** The totals of lists of more than a school's works, kept a minute for the caller's next pages (`KeptCounts`). */
  private readonly wideCounts: KeptCounts<number>;

  constructor(
    private readonly database: Database,
    uploads: Uploads,
    wideAt = WIDE_WORKS_COUNT,
  ) {
    this.wideCounts = new KeptCounts((total) => total >= wideAt);
    this.entries = new EntryService(database, uploads, this);
    this.competitions = new CompetitionService(database);
    this.studentAwards = new StudentAwardService(database);
  }

  /** A write was answered: no kept total is answered again. */
  invalidate(): void {
    this.wideCounts.invalidate();
  }

  repo(db: Kysely<DB> = this.database.db) {
    return new WorksRepo(db);
  }

  bundle(db: Kysely<DB>, ids: readonly string[], p: Principal) {
    return loadBundle(db, ids, p);
  }

  async list(ctx: Ctx, f: WorksFilter, page: number, pageSize: number) {
    const { db } = this.database;
    const { orgId, termId, ...rest } = f;
    const scope = await resolveScope(db, orgId, termId);
    const terms = workScope(ctx.principal);
    const filter = { ...rest, ...scope };
    const repo = this.repo();
    // The page and its count are one statement; a wide list's kept count leaves the page alone.
    const { rows, counts: total } = await this.wideCounts.page(
      listCountsKey(callerKey(ctx.principal), filter),
      async (counting) => {
        const found = await repo.list(terms, filter, page, pageSize, counting);
        return { rows: found.rows, counts: found.total };
      },
    );
    const b = await this.bundle(
      db,
      rows.map((r) => r.id),
      ctx.principal,
    );
    return { items: rows.map((r) => presentWork(r, b, ctx.principal, false)), total };
  }

  /** A readable work with its bundle and policy subject, or not_found. */
  async readable(db: Kysely<DB>, p: Principal, id: string) {
    const row = await this.repo(db).byId(id);
    if (!row) throw notFound(WHAT);
    const bundle = await this.bundle(db, [id], p);
    const subject = subjectOf(row, bundle);
    if (!canReadWork(p, subject)) throw notFound(WHAT);
    return { row, bundle, subject };
  }

  /** A readable work the caller may keep (an author, its recorder or the school). */
  async keepable(db: Kysely<DB>, p: Principal, id: string) {
    const found = await this.readable(db, p, id);
    if (!canKeepWork(p, found.subject)) throw forbidden('只有作者本人或本校教科室主任可以修改该成果');
    return found;
  }

  async load(db: Kysely<DB>, p: Principal, id: string): Promise<WorkDto> {
    const { row, bundle } = await this.readable(db, p, id);
    return presentWork(row, bundle, p, true);
  }

  get(ctx: Ctx, id: string) {
    return this.load(this.database.db, ctx.principal, id);
  }

  async audit(
    trx: Kysely<DB>,
    ctx: Ctx,
    action: string,
    entity: string,
    id: string,
    orgId: string,
    after?: unknown,
    before?: unknown,
  ) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity,
      entityId: id,
      orgId,
      before,
      after,
      ip: ctx.ip,
    });
    if (entity === 'work') await indexDoc(trx, 'work', id);
  }

  /** The author list from the body: people (checked to exist inside the school) and outside names. */
  private async authorList(trx: Kysely<DB>, body: Pick<CreateWork, 'authors' | 'authorIds'>, fallback: string[]) {
    const given =
      body.authors ?? body.authorIds?.map((personId) => ({ personId })) ?? fallback.map((personId) => ({ personId }));
    if (given.length === 0)
      throw invalid('至少需要一位作者', { fields: [{ field: 'authorIds', message: '不能为空' }] });
    const list = given.map((a) => ({
      id: newId(),
      personId: 'personId' in a ? a.personId : null,
      outsideName: 'outsideName' in a ? a.outsideName : null,
    }));
    const ids = list.map((a) => a.personId).filter((x): x is string => x !== null);
    if (new Set(ids).size !== ids.length) throw invalid('作者重复');
    const people = await this.repo(trx).people(ids);
    if (people.length !== new Set(ids).size)
      throw invalid('作者不存在', { fields: [{ field: 'authorIds', message: '作者不存在' }] });
    return { list, people };
  }

  /** The projects to link: they must belong to the work's school. */
  private async checkProjects(trx: Kysely<DB>, ids: readonly string[], schoolPath: string) {
    const unique = [...new Set(ids)];
    const rows = await this.repo(trx).projectPaths(unique);
    if (rows.length !== unique.length || rows.some((r) => !r.path.startsWith(schoolPath))) {
      throw invalid('只能关联本校的课题', { fields: [{ field: 'projectIds', message: '课题不存在或不属于本校' }] });
    }
    return unique;
  }

  /** The school of a new work: the given org, else the first in-system author's, else the caller's. */
  private async school(trx: Kysely<DB>, orgId: string | null | undefined): Promise<OrgRow> {
    if (!orgId) throw invalid('无法确定成果所属学校，请指定 orgId');
    const org = await new OrgRepo(trx).byId(orgId);
    if (!org) throw notFound('学校');
    if (org.kind === 'group' && org.parent_id) return this.school(trx, org.parent_id);
    if (org.kind !== 'school') throw invalid('成果须属于一所学校');
    return org;
  }

  async create(ctx: Ctx, body: CreateWork): Promise<WorkDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { list, people } = await this.authorList(trx, body, [p.personId]);
      const firstPerson = people.find((x) => x.id === list.find((a) => a.personId)?.personId);
      const org = await this.school(trx, body.orgId ?? firstPerson?.org_id ?? p.orgId);
      const subject: WorkSubject = {
        orgPath: org.path,
        authorIds: list.map((a) => a.personId).filter((x): x is string => x !== null),
        createdBy: p.personId,
        reviewer: false,
      };
      const isAuthor = subject.authorIds.includes(p.personId);
      if (!isAuthor && !allows(p, 'work.manage', [org.path])) {
        if (allows(p, 'org.read', [org.path]))
          throw forbidden('只能登记本人为作者的成果，或由教科室主任为本校教师登记');
        throw notFound('学校');
      }
      const now = nowIso();
      const row: WorkRow = {
        id: newId(),
        org_id: org.id,
        kind: body.kind,
        title: body.title,
        subject: body.subject || null,
        char_count: body.charCount ?? null,
        abstract: body.abstract ?? '',
        written_on: body.writtenOn ?? today(),
        created_by: p.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      const repo = this.repo(trx);
      await repo.insert(row);
      await repo.setAuthors(row.id, list);
      const projectIds = await this.checkProjects(trx, body.projectIds ?? [], org.path);
      await repo.setProjects(row.id, projectIds);
      await this.audit(trx, ctx, 'work.create', 'work', row.id, org.id, { ...row, authors: list, projectIds });
      return this.load(trx, p, row.id);
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateWork): Promise<WorkDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.keepable(trx, p, id);
      const repo = this.repo(trx);
      const patch: Partial<WorkRow> = {
        kind: body.kind ?? row.kind,
        title: body.title ?? row.title,
        subject: body.subject === undefined ? row.subject : body.subject || null,
        char_count: body.charCount === undefined ? row.char_count : body.charCount,
        abstract: body.abstract ?? row.abstract,
        written_on: body.writtenOn === undefined ? row.written_on : body.writtenOn,
        updated_at: nowIso(),
      };
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      if (body.authors || body.authorIds) {
        const { list } = await this.authorList(trx, body, []);
        await repo.setAuthors(id, list);
      }
      if (body.projectIds) await repo.setProjects(id, await this.checkProjects(trx, body.projectIds, row.org_path));
      const { org_name: _n, org_path: _p, ...before } = row;
      await this.audit(trx, ctx, 'work.update', 'work', id, row.org_id, { ...before, ...patch, ...body }, before);
      return this.load(trx, p, id);
    });
  }

  async remove(ctx: Ctx, id: string): Promise<string[]> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row, bundle, subject } = await this.keepable(trx, ctx.principal, id);
      if (!allows(ctx.principal, 'work.manage', [subject.orgPath]) && bundle.entries.some((e) => e.result !== null)) {
        throw conflict('该成果已有获奖记录，只能由教科室主任删除');
      }
      const repo = this.repo(trx);
      const keys = await repo.certificateKeys(id);
      await repo.delete(id);
      const { org_name: _n, org_path: _p, ...before } = row;
      await this.audit(trx, ctx, 'work.delete', 'work', id, row.org_id, undefined, before);
      return keys;
    });
  }

  // ---------- publications (发表) ----------

  async addPublication(ctx: Ctx, workId: string, body: CreatePublication): Promise<PublicationDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.keepable(trx, p, workId);
      const now = nowIso();
      const pub: PublicationRow = {
        id: newId(),
        work_id: workId,
        journal: body.journal,
        level: body.level,
        issue: body.issue ?? '',
        published_on: body.publishedOn,
        pages: body.pages ?? '',
        created_by: p.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await this.repo(trx).insertPublication(pub);
      await this.audit(trx, ctx, 'publication.create', 'publication', pub.id, row.org_id, pub);
      return this.presentPublication(trx, p, row, pub.id);
    });
  }

  private async presentPublication(db: Kysely<DB>, p: Principal, work: WorkWithOrg, id: string) {
    const pub = await this.repo(db).publication(work.id, id);
    if (!pub) throw notFound('发表记录');
    return presentPublication(pub, work, await this.bundle(db, [work.id], p), p);
  }

  async updatePublication(ctx: Ctx, workId: string, id: string, body: UpdatePublication): Promise<PublicationDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.keepable(trx, p, workId);
      const repo = this.repo(trx);
      const before = await repo.publication(workId, id);
      if (!before) throw notFound('发表记录');
      const patch: Partial<PublicationRow> = {
        journal: body.journal ?? before.journal,
        level: body.level ?? before.level,
        issue: body.issue ?? before.issue,
        published_on: body.publishedOn ?? before.published_on,
        pages: body.pages ?? before.pages,
        updated_at: nowIso(),
      };
      if (!(await repo.updatePublication(id, body.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'publication.update', 'publication', id, row.org_id, { ...before, ...patch }, before);
      return this.presentPublication(trx, p, row, id);
    });
  }

  async removePublication(ctx: Ctx, workId: string, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.keepable(trx, ctx.principal, workId);
      const repo = this.repo(trx);
      const before = await repo.publication(workId, id);
      if (!before) throw notFound('发表记录');
      await repo.deletePublication(id);
      await this.audit(trx, ctx, 'publication.delete', 'publication', id, row.org_id, undefined, before);
    });
  }

  /** Publications of the works in scope (by publication date in the term). */
  async publications(ctx: Ctx, f: PublicationsFilter, page: number, pageSize: number | null) {
    const { db } = this.database;
    const scope = await resolveScope(db, f.orgId, f.termId);
    const { rows, total } = await this.repo().listPublications(
      workScope(ctx.principal),
      { ...scope, level: f.level, personId: f.personId },
      page,
      pageSize,
    );
    const workIds = [...new Set(rows.map((r) => r.work_id))];
    const works = new Map((await this.repo().byIds(workIds)).map((w) => [w.id, w]));
    const b = await this.bundle(db, workIds, ctx.principal);
    const items = rows.flatMap((r) => {
      const w = works.get(r.work_id);
      return w ? [presentPublication(r, w, b, ctx.principal)] : [];
    });
    return { items, total, scope };
  }

  async exportPublications(ctx: Ctx, f: PublicationsFilter) {
    const { items, scope } = await this.publications(ctx, f, 1, null);
    const name = await exportTitle(this.database.db, f.orgId, scope, '论文发表一览');
    return { filename: `${name}.xlsx`, data: await publicationsWorkbook(name, items) };
  }
}
