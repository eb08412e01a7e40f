import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import { schoolYearOf, today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso } from '../../db/dialect.js';
import type { DB, GrowthRecordRow } from '../../db/types.js';
import { forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { indexDoc } from '../search/search.index.js';
import { type EightOneFacts, evaluateEightOnes, schoolYearRange, workFact } from './eight-ones.js';
import { canReadGrowth, canRecordGrowth, type GrowthSubject, growthScope } from './growth.policy.js';
import { presentGrowth, subjectOf } from './growth.presenter.js';
import { GrowthRepo, type GrowthRowWithNames } from './growth.repo.js';
import { kindFieldProblems, textHash } from './growth.rules.js';
import {
  type CreateGrowth,
  GROWTH_KINDS,
  type GrowthDto,
  type GrowthFilter,
  type GrowthKind,
  type UpdateGrowth,
} from './growth.schema.js';

const WHAT = '成长记录';

/** Teachers' growth records (专业发展) and their 八个一 checklist. */
export class GrowthService {
  constructor(private readonly database: Database) {}

  async list(ctx: Ctx, f: GrowthFilter, page: number, pageSize: number) {
    const { db } = this.database;
    const { orgId, ...rest } = f;
    const orgs = new OrgRepo(db);
    const { scope, orgPath } = await orgs.widened(growthScope(ctx.principal), await orgs.filterPath(orgId));
    const repo = new GrowthRepo(db, this.database.kind);
    const { rows, total } = await repo.list(scope, { ...rest, orgPath }, page, pageSize);
    const groups = await repo.groupPaths([...new Set(rows.map((r) => r.person_id))]);
    const items = rows.map((r) => presentGrowth(r, subjectOf(r, groups.get(r.person_id) ?? []), ctx.principal));
    return { items, total };
  }

  async get(ctx: Ctx, id: string): Promise<GrowthDto> {
    return this.load(this.database.db, ctx.principal, id);
  }

  /** A readable record with its policy subject, or not_found. */
  private async readable(db: Kysely<DB>, p: Principal, id: string) {
    const repo = new GrowthRepo(db, this.database.kind);
    const row = await repo.byId(id);
    if (!row) throw notFound(WHAT);
    const subject = subjectOf(row, (await repo.groupPaths([row.person_id])).get(row.person_id) ?? []);
    if (!canReadGrowth(p, subject)) throw notFound(WHAT);
    return { row, subject };
  }

  private async load(db: Kysely<DB>, p: Principal, id: string): Promise<GrowthDto> {
    const { row, subject } = await this.readable(db, p, id);
    return presentGrowth(row, subject, p);
  }

  /** A readable record the caller may also keep (the owner or the school director). */
  private async keepable(db: Kysely<DB>, p: Principal, id: string) {
    const found = await this.readable(db, p, id);
    if (!canRecordGrowth(p, found.subject)) throw forbidden('只有本人或本校教科室主任可以修改该记录');
    return found;
  }

  private async audit(trx: Kysely<DB>, ctx: Ctx, action: string, row: GrowthRecordRow, before?: unknown) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'growth_record',
      entityId: row.id,
      orgId: row.org_id,
      before,
      after: action === 'growth.delete' ? undefined : row,
      ip: ctx.ip,
    });
    await indexDoc(trx, 'growth', row.id);
  }

  /** Records for the caller, or (the school director) for a teacher of the school. */
  async create(ctx: Ctx, body: CreateGrowth): Promise<GrowthDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const repo = new GrowthRepo(trx, this.database.kind);
      const personId = body.personId ?? ctx.principal.personId;
      const person = await repo.person(personId);
      if (!person) throw notFound('人员');
      const groups = (await repo.groupPaths([personId])).get(personId) ?? [];
      const subject: GrowthSubject = { personId, paths: [...(person.org_path ? [person.org_path] : []), ...groups] };
      if (!canRecordGrowth(ctx.principal, subject)) {
        if (allows(ctx.principal, 'person.read', subject.paths)) throw forbidden('只能为本校教师登记成长记录');
        throw notFound('人员');
      }
      if (!person.org_id || person.org_kind !== 'school') throw invalid('该人员不属于任何学校，不能登记成长记录');
      const fields = {
        kind: body.kind,
        hours: body.hours ?? null,
        bookKind: body.bookKind ?? null,
        url: body.url || null,
      };
      const problems = kindFieldProblems(fields);
      if (problems.length > 0) throw invalid(problems[0].message, { fields: problems });
      const now = nowIso();
      const text = body.text ?? '';
      const row: GrowthRecordRow = {
        id: newId(),
        person_id: personId,
        org_id: person.org_id,
        kind: body.kind,
        date: body.date,
        title: body.title,
        text,
        hours: fields.hours,
        book_kind: fields.bookKind,
        url: fields.url,
        report_back: body.reportBack || null,
        text_hash: textHash(text),
        version: 1,
        created_by: ctx.principal.personId,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      await this.audit(trx, ctx, 'growth.create', row);
      return this.load(trx, ctx.principal, row.id);
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateGrowth): Promise<GrowthDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.keepable(trx, ctx.principal, id);
      const merged = mergeFields(row, body);
      const problems = kindFieldProblems({
        kind: merged.kind,
        hours: merged.hours,
        bookKind: merged.bookKind,
        url: merged.url,
      });
      if (problems.length > 0) throw invalid(problems[0].message, { fields: problems });
      const text = body.text ?? row.text;
      const patch: Partial<GrowthRecordRow> = {
        kind: merged.kind,
        date: body.date ?? row.date,
        title: body.title ?? row.title,
        text,
        text_hash: textHash(text),
        hours: merged.hours,
        book_kind: merged.bookKind,
        url: merged.url,
        report_back: body.reportBack === undefined ? row.report_back : body.reportBack || null,
        updated_at: nowIso(),
      };
      const repo = new GrowthRepo(trx, this.database.kind);
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'growth.update', { ...stored(row), ...patch }, stored(row));
      return this.load(trx, ctx.principal, id);
    });
  }

  async remove(ctx: Ctx, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.keepable(trx, ctx.principal, id);
      await new GrowthRepo(trx, this.database.kind).delete(id);
      await this.audit(trx, ctx, 'growth.delete', stored(row), stored(row));
    });
  }

  /** 八个一 of one teacher and school year, computed from the records. */
  async eightOnes(ctx: Ctx, personId: string | undefined, schoolYear: number | undefined) {
    const { db } = this.database;
    const repo = new GrowthRepo(db, this.database.kind);
    const id = personId ?? ctx.principal.personId;
    const person = await repo.person(id);
    if (!person) throw notFound('人员');
    const groups = (await repo.groupPaths([id])).get(id) ?? [];
    const paths = [...(person.org_path ? [person.org_path] : []), ...groups];
    if (!canReadGrowth(ctx.principal, { personId: id, paths })) throw notFound('人员');
    const year = schoolYear ?? schoolYearOf(today());
    const { from, to } = schoolYearRange(year);
    const facts = await this.facts(repo, id, from, to);
    return { personId: id, schoolYear: year, from, to, items: evaluateEightOnes(facts, year) };
  }

  private async facts(repo: GrowthRepo, personId: string, from: string, to: string): Promise<EightOneFacts> {
    const [records, projects, lessons, outputs, works] = await Promise.all([
      repo.recordsBetween(personId, from, to),
      repo.projectsOf(personId),
      repo.researchLessonsOf(personId, from, to),
      repo.paperOutputsNaming(personId),
      repo.worksAuthoredBy(personId),
    ]);
    return {
      records: records.map((r) => ({ ...r, bookKind: r.book_kind })),
      projects: projects.map((p) => ({ id: p.id, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on })),
      researchLessons: lessons.map((l) => ({ id: l.id, title: `${l.content}（${l.title}）`, heldOn: l.held_on })),
      paperOutputs: outputs
        .filter((o) => fromJson<unknown[]>(o.author_ids, []).includes(personId))
        .map((o) => ({ id: o.id, title: o.title, date: o.on_date ?? o.created_at.slice(0, 10) })),
      works: works.map(workFact),
    };
  }
}

/** The stored columns of a row (without the joined names and paths). */
function stored(row: GrowthRowWithNames): GrowthRecordRow {
  const { person_name: _name, org_path: _org, home_path: _home, ...rest } = row;
  return rest;
}

/** The kind-dependent fields after a patch (null clears a field; leaving it out keeps it). */
function mergeFields(row: GrowthRecordRow, body: UpdateGrowth) {
  const keep = <T>(v: T | null | undefined, old: T | null): T | null => (v === undefined ? old : v);
  return {
    kind: body.kind ?? kindOr(row.kind),
    hours: keep(body.hours, row.hours === null ? null : Number(row.hours)),
    bookKind: keep(body.bookKind, row.book_kind),
    url: keep(body.url === '' ? null : body.url, row.url),
  };
}

const kindOr = (kind: string): GrowthKind => GROWTH_KINDS.find((k) => k === kind) ?? 'essay';
