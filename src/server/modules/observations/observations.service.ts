import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, ObservationRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { canManageObservations, canReadObservation, observationScope, showsObserver } from './observations.policy.js';
import { factsOf, presentObservation, scoresOf } from './observations.presenter.js';
import { ObservationRepo, type ObservationWithNames } from './observations.repo.js';
import {
  COPY_SIMILARITY,
  MIN_COPY_LENGTH,
  normaliseNotes,
  notesHash,
  scoreProblems,
  similarity,
} from './observations.rules.js';
import type { CreateObservation, ObservationDto, ObservationFilter, UpdateObservation } from './observations.schema.js';
import { loadRubric } from './rubrics.service.js';

const WHAT = '听课记录';
const HISTORY_ACTIONS = ['submit', 'reopen', 'edit'] as const;

/** Lesson observations (听课记录): quick drafts on the phone, submit, reopen by the director, copy flags. */
export class ObservationService {
  constructor(private readonly database: Database) {}

  /** A readable record with its policy facts, or not_found. */
  private async readable(db: Kysely<DB>, p: Principal, id: string) {
    const repo = new ObservationRepo(db);
    const row = await repo.byId(id);
    if (!row) throw notFound(WHAT);
    const facts = factsOf(row, (await repo.groupPaths([row.teacher_id])).get(row.teacher_id) ?? []);
    if (!canReadObservation(p, facts)) throw notFound(WHAT);
    return { row, facts };
  }

  /** A readable record its observer may still change (a draft, or reopened). */
  private async editable(db: Kysely<DB>, p: Principal, id: string) {
    const found = await this.readable(db, p, id);
    if (found.row.observer_id !== p.personId) throw forbidden('只有听课人本人可以修改听课记录');
    if (found.row.status === 'submitted') throw conflict('听课记录已提交，须由教科室主任退回后才能修改');
    return found;
  }

  private async present(db: Kysely<DB>, p: Principal, rows: ObservationWithNames[]) {
    const repo = new ObservationRepo(db);
    const [groupPaths, showObserver, flagged] = await Promise.all([
      repo.groupPaths([...new Set(rows.map((r) => r.teacher_id))]),
      repo.showObserver([...new Set(rows.map((r) => r.org_id))]),
      repo.flagged(rows.map((r) => r.id)),
    ]);
    return rows.map((r) => presentObservation(r, { groupPaths, showObserver, flagged }, p));
  }

  private async load(db: Kysely<DB>, p: Principal, id: string): Promise<ObservationDto> {
    const { row } = await this.readable(db, p, id);
    const [dto] = await this.present(db, p, [row]);
    return dto;
  }

  async list(ctx: Ctx, f: ObservationFilter, page: number, pageSize: number) {
    const { db } = this.database;
    const p = ctx.principal;
    const repo = new ObservationRepo(db);
    const orgs = new OrgRepo(db);
    // Filtering one's received observations by observer would tell who observed when the school hides it.
    let asObserved = true;
    if (f.observerId && f.observerId !== p.personId && p.orgId) {
      asObserved = (await repo.showObserver([p.orgId])).get(p.orgId) ?? true;
    }
    const { scope, orgPath } = await orgs.widened(observationScope(p, asObserved), await orgs.filterPath(f.orgId));
    const { rows, total } = await repo.list(this.database.kind, scope, { ...f, orgPath }, page, pageSize);
    return { items: await this.present(db, p, rows), total };
  }

  async get(ctx: Ctx, id: string): Promise<ObservationDto> {
    return this.load(this.database.db, ctx.principal, id);
  }

  private async requireScores(db: Kysely<DB>, schoolId: string, scores: Record<string, number>, complete: boolean) {
    const rubric = await loadRubric(db, schoolId);
    const problems = scoreProblems(scores, rubric.items, complete);
    if (problems.length > 0) throw invalid(problems[0].message, { fields: problems });
  }

  private async audit(
    trx: Kysely<DB>,
    ctx: Ctx,
    action: string,
    row: { id: string; org_id: string },
    before?: unknown,
    after?: unknown,
  ) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'observation',
      entityId: row.id,
      orgId: row.org_id,
      before,
      after,
      ip: ctx.ip,
    });
  }

  private async history(trx: Kysely<DB>, id: string, action: string, actorId: string, reason: string | null = null) {
    await new ObservationRepo(trx).addHistory({
      id: newId(),
      observationId: id,
      action,
      actorId,
      at: nowIso(),
      reason,
    });
  }

  /** Records an observation of a teacher of a school the caller belongs to or reads; submitted unless `draft`. */
  async create(ctx: Ctx, body: CreateObservation): Promise<ObservationDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = ctx.principal;
      const repo = new ObservationRepo(trx);
      const teacher = await repo.person(body.teacherId);
      const groups = (await repo.groupPaths([body.teacherId])).get(body.teacherId) ?? [];
      const paths = teacher?.org_path ? [teacher.org_path, ...groups] : groups;
      if (!teacher || (p.orgId !== teacher.org_id && !allows(p, 'person.read', paths))) throw notFound('授课教师');
      if (!teacher.org_id || !teacher.org_path || teacher.org_kind !== 'school') {
        throw invalid('授课教师不属于任何学校', { fields: [{ field: 'teacherId', message: '不是学校教师' }] });
      }
      const observerId = body.observerId ?? p.personId;
      if (observerId !== p.personId) {
        if (!canManageObservations(p, teacher.org_path)) throw forbidden('只能以本人名义登记听课记录');
        if (!(await repo.person(observerId)))
          throw invalid('听课人不存在', { fields: [{ field: 'observerId', message: '不存在' }] });
      }
      if (observerId === body.teacherId) {
        throw invalid('不能为自己的课登记听课记录', {
          fields: [{ field: 'teacherId', message: '授课教师与听课人相同' }],
        });
      }
      const submitted = !body.draft;
      await this.requireScores(trx, teacher.org_id, body.scores, submitted);
      const now = nowIso();
      const row: ObservationRow = {
        id: newId(),
        org_id: teacher.org_id,
        observer_id: observerId,
        teacher_id: body.teacherId,
        date: body.date,
        period: body.period || null,
        class_name: body.className || null,
        subject: body.subject,
        topic: body.topic,
        notes: body.notes,
        scores: toJson(body.scores),
        status: submitted ? 'submitted' : 'draft',
        text_hash: notesHash(body.notes),
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: submitted ? now : null,
      };
      await repo.insert(row);
      if (submitted) {
        await this.history(trx, row.id, 'submit', p.personId);
        await this.flagCopies(trx, row);
      }
      await this.audit(trx, ctx, submitted ? 'observation.submit' : 'observation.create', row, undefined, row);
      return this.load(trx, p, row.id);
    });
  }

  /** The observer edits a draft (autosave) or a reopened record, with its version. */
  async update(ctx: Ctx, id: string, body: UpdateObservation): Promise<ObservationDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.editable(trx, ctx.principal, id);
      if (body.scores) await this.requireScores(trx, row.org_id, body.scores, false);
      const patch: Partial<ObservationRow> = { updated_at: nowIso() };
      if (body.date !== undefined) patch.date = body.date;
      if (body.subject !== undefined) patch.subject = body.subject;
      if (body.topic !== undefined) patch.topic = body.topic;
      if (body.notes !== undefined) {
        patch.notes = body.notes;
        patch.text_hash = notesHash(body.notes);
      }
      if (body.scores !== undefined) patch.scores = toJson(body.scores);
      if (body.period !== undefined) patch.period = body.period || null;
      if (body.className !== undefined) patch.class_name = body.className || null;
      const repo = new ObservationRepo(trx);
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      if (row.status === 'reopened') await this.history(trx, id, 'edit', ctx.principal.personId);
      await this.audit(trx, ctx, 'observation.update', row, stored(row), patch);
      return this.load(trx, ctx.principal, id);
    });
  }

  /**
   * The observer deletes a draft that was never submitted (a lesson picked by mistake: a draft's teacher is fixed once
   * it is saved). A submitted or reopened record stays: it has been seen.
   */
  async removeDraft(ctx: Ctx, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.editable(trx, ctx.principal, id);
      if (row.status !== 'draft') throw conflict('只有从未提交过的草稿可以删除');
      await new ObservationRepo(trx).delete(id);
      await this.audit(trx, ctx, 'observation.delete', row, stored(row));
    });
  }

  async submit(ctx: Ctx, id: string, version: number | undefined): Promise<ObservationDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.editable(trx, ctx.principal, id);
      await this.requireScores(trx, row.org_id, scoresOf(row.scores), true);
      const now = nowIso();
      const repo = new ObservationRepo(trx);
      const patch = { status: 'submitted', submitted_at: now, updated_at: now };
      if (!(await repo.update(id, version ?? row.version, patch))) throw staleVersion();
      await this.history(trx, id, 'submit', ctx.principal.personId);
      await this.flagCopies(trx, { ...stored(row), ...patch });
      await this.audit(trx, ctx, 'observation.submit', row, { status: row.status }, patch);
      return this.load(trx, ctx.principal, id);
    });
  }

  /** The school director reopens a submitted record for its observer, with a reason. */
  async reopen(ctx: Ctx, id: string, reason: string, version: number | undefined): Promise<ObservationDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { row } = await this.readable(trx, ctx.principal, id);
      if (!canManageObservations(ctx.principal, row.school_path)) throw forbidden('只有本校教科室主任可以退回听课记录');
      if (row.status !== 'submitted') throw conflict('只有已提交的听课记录可以退回');
      const patch = { status: 'reopened', updated_at: nowIso() };
      if (!(await new ObservationRepo(trx).update(id, version ?? row.version, patch))) throw staleVersion();
      await this.history(trx, id, 'reopen', ctx.principal.personId, reason);
      await this.audit(trx, ctx, 'observation.reopen', row, { status: row.status }, { ...patch, reason });
      return this.load(trx, ctx.principal, id);
    });
  }

  /** Submit / reopen / edit entries; the observer stays hidden where the record hides them. */
  async historyOf(ctx: Ctx, id: string) {
    const { db } = this.database;
    const p = ctx.principal;
    const { row, facts } = await this.readable(db, p, id);
    const repo = new ObservationRepo(db);
    const named = showsObserver(p, facts, (await repo.showObserver([row.org_id])).get(row.org_id) ?? true);
    const items = (await repo.history(id)).map((h) => {
      const hidden = !named && h.actor_id === row.observer_id;
      return {
        id: h.id,
        action: HISTORY_ACTIONS.find((a) => a === h.action) ?? 'submit',
        actorId: hidden ? null : h.actor_id,
        actorName: hidden ? null : h.actor_name,
        at: h.at,
        reason: h.reason,
      };
    });
    return { items };
  }

  /** The director's list of copied records in a school: {observationId, copyOfId, similarity}. */
  async flags(ctx: Ctx, orgId: string) {
    const { db } = this.database;
    const school = await new ObservationRepo(db).org(orgId);
    if (!school || !allows(ctx.principal, 'observation.read', [school.path])) throw notFound('学校');
    if (!canManageObservations(ctx.principal, school.path)) throw forbidden('只有教科室主任可以查看雷同记录');
    const rows = await new ObservationRepo(db).flagsOfSchool(school.id);
    return {
      items: rows.map((r) => ({
        observationId: r.observation_id,
        copyOfId: r.copy_of_id,
        similarity: Math.round(Number(r.similarity) * 1000) / 1000,
        observerId: r.observer_id,
        observerName: r.observer_name,
        teacherName: r.teacher_name,
        date: r.date,
      })),
    };
  }

  /**
   * Flags a submitted record whose notes copy another (SPEC: records that can't be faked): the same
   * normalised text as a record of the school, or ≥ 90 % like another record by the same observer.
   */
  private async flagCopies(trx: Kysely<DB>, row: ObservationRow) {
    const repo = new ObservationRepo(trx);
    const mine = normaliseNotes(row.notes);
    const flags: { copyOfId: string; similarity: number }[] = [];
    if (mine.length >= MIN_COPY_LENGTH) {
      for (const other of await repo.copyCandidates(row)) {
        const theirs = normaliseNotes(other.notes);
        if (theirs.length < MIN_COPY_LENGTH) continue;
        const s = other.text_hash === row.text_hash ? 1 : similarity(mine, theirs);
        if (s >= COPY_SIMILARITY) flags.push({ copyOfId: other.id, similarity: s });
      }
    }
    await repo.replaceFlags(row.id, flags, nowIso());
  }
}

/** The stored columns of a row (without the joined names and paths). */
function stored(row: ObservationWithNames): ObservationRow {
  const { observer_name: _o, teacher_name: _t, school_path: _s, ...rest } = row;
  return rest;
}
