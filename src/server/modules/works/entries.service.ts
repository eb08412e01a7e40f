import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, PrereviewAssignmentRow, WorkEntryRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import type { FileStore, Uploads } from '../../storage/file-store.js';
import { type Download, type IncomingFile, recordOrRemove, storeUpload } from '../files/files.service.js';
import { attachmentHeader, servedMime } from '../files/files.types.js';
import { notice } from '../notifications/notices.js';
import { notify, settleNotifications } from '../notifications/notify.js';
import { CompetitionsRepo } from './competitions.repo.js';
import { EntriesRepo, type EntryWithCompetition } from './entries.repo.js';
import {
  canManageWorks,
  canPrereview,
  DECIDE_STATUSES,
  entryAbilities,
  prereviewScope,
  RESULT_STATUSES,
  workScope,
} from './works.policy.js';
import { presentEntry, presentWork } from './works.presenter.js';
import {
  type CreateEntry,
  type DecisionInput,
  type EntriesFilter,
  type EntryDto,
  PREREVIEW_RUBRIC,
  RESULT_LABELS,
  type ScoreInput,
  type UpdateEntry,
} from './works.schema.js';
import type { WorksService } from './works.service.js';
import { exportTitle, resolveScope } from './works.service.js';
import { entriesWorkbook } from './works.xlsx.js';

const ENTRY = '参评记录';

/** Competition entries (参评), the school's pre-review (校内初审 / 论文定质), results (获奖) and certificates. */
export class EntryService {
  private readonly store: FileStore;

  constructor(
    private readonly database: Database,
    private readonly uploads: Uploads,
    private readonly works: WorksService,
  ) {
    this.store = uploads.store;
  }

  private repo(db: Kysely<DB> = this.database.db) {
    return new EntriesRepo(db);
  }

  /** The work (readable) and one of its entries the caller may see. */
  private async readableEntry(db: Kysely<DB>, p: Principal, workId: string, entryId: string) {
    const found = await this.works.readable(db, p, workId);
    const entry = found.bundle.entries.find((e) => e.id === entryId);
    const visible =
      entry &&
      (!found.subject.reviewer ||
        found.bundle.assignments.some((a) => a.entry_id === entryId && a.reviewer_id === p.personId) ||
        found.subject.authorIds.includes(p.personId) ||
        canPrereview(p, found.subject) ||
        canManageWorks(p, found.subject));
    if (!entry || !visible) throw notFound(ENTRY);
    return { ...found, entry };
  }

  private async present(db: Kysely<DB>, p: Principal, workId: string, entryId: string): Promise<EntryDto> {
    const { row, bundle, entry } = await this.readableEntry(db, p, workId, entryId);
    return presentEntry(entry, row, bundle, p);
  }

  async list(ctx: Ctx, workId: string) {
    const work = await this.works.load(this.database.db, ctx.principal, workId);
    const items = work.entries ?? [];
    return { items, total: items.length };
  }

  get(ctx: Ctx, workId: string, entryId: string) {
    return this.present(this.database.db, ctx.principal, workId, entryId);
  }

  /** Enters a work into a competition (参评); it starts in the school's pre-review. */
  async create(ctx: Ctx, workId: string, body: CreateEntry): Promise<EntryDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, subject } = await this.works.keepable(trx, p, workId);
      const comps = new CompetitionsRepo(trx, this.database.kind);
      const competition = await comps.byId(body.competitionId);
      if (competition?.active !== 1)
        throw invalid('评比不存在或已停用', { fields: [{ field: 'competitionId', message: '评比不存在' }] });
      if (body.editionId) {
        const edition = await comps.edition(body.editionId);
        if (!edition || edition.competition_id !== competition.id) throw invalid('届次不属于该评比');
      }
      if (body.skipPrereview && !canManageWorks(p, subject)) throw forbidden('只有教科室主任可以免初审直接报送');
      const now = nowIso();
      const entry: WorkEntryRow = {
        id: newId(),
        work_id: workId,
        competition_id: competition.id,
        edition_id: body.editionId ?? null,
        year: body.year,
        entered_on: body.enteredOn ?? today(),
        status: body.skipPrereview ? 'recommended' : 'prereview',
        result: null,
        result_on: null,
        certificate_file: null,
        certificate_name: null,
        certificate_mime: null,
        certificate_size: null,
        decision_comment: null,
        decided_by: body.skipPrereview ? p.personId : null,
        decided_at: body.skipPrereview ? now : null,
        entered_by: p.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await this.repo(trx).insert(entry);
      await this.works.audit(trx, ctx, 'entry.create', 'work_entry', entry.id, row.org_id, entry);
      return this.present(trx, p, workId, entry.id);
    });
  }

  /** Records a result (获奖), the submission (报送) or corrections. */
  async update(ctx: Ctx, workId: string, entryId: string, body: UpdateEntry): Promise<EntryDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, subject, entry, bundle } = await this.readableEntry(trx, p, workId, entryId);
      const abilities = entryAbilities(p, subject, entry.status, entry.result !== null);
      if (!abilities.update) throw forbidden('只有作者本人或本校教科室主任可以修改参评记录');
      const patch: Partial<WorkEntryRow> = { updated_at: nowIso() };
      if (body.editionId !== undefined) patch.edition_id = body.editionId;
      if (body.year !== undefined) patch.year = body.year;
      if (body.enteredOn !== undefined) patch.entered_on = body.enteredOn;
      if (body.status !== undefined || body.result !== undefined) {
        if (!RESULT_STATUSES.some((s) => s === entry.status)) {
          throw conflict('该作品尚未通过校内初审推荐，不能报送或登记获奖结果');
        }
      }
      if (body.status) patch.status = body.status;
      if (body.result !== undefined) {
        patch.result = body.result;
        patch.status = body.result ? 'awarded' : (body.status ?? 'submitted');
        patch.result_on = body.result ? (body.resultOn ?? entry.result_on ?? today()) : null;
      } else if (body.resultOn !== undefined && entry.result) {
        patch.result_on = body.resultOn;
      }
      if (patch.status === 'not_awarded') {
        patch.result = null;
        patch.result_on = null;
      }
      if (!(await this.repo(trx).update(entryId, body.version, patch))) throw staleVersion();
      await this.works.audit(
        trx,
        ctx,
        'entry.update',
        'work_entry',
        entryId,
        row.org_id,
        { ...entry, ...patch },
        entry,
      );
      if (body.result && body.result !== entry.result) {
        await notify(trx, {
          personIds: bundle.authors.filter((a) => a.work_id === workId).map((a) => a.person_id),
          kind: 'result',
          ...notice('entry_result', {
            title: row.title,
            competition: entry.competition_name,
            result: body.result,
            resultLabel: RESULT_LABELS[body.result],
          }),
          link: `/works/${workId}`,
          orgId: row.org_id,
        });
      }
      return this.present(trx, p, workId, entryId);
    });
  }

  async remove(ctx: Ctx, workId: string, entryId: string): Promise<string | null> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, subject, entry } = await this.readableEntry(trx, p, workId, entryId);
      if (!entryAbilities(p, subject, entry.status, entry.result !== null).delete) {
        throw forbidden('初审开始后只有教科室主任可以删除参评记录');
      }
      await this.repo(trx).delete(entryId);
      await this.works.audit(trx, ctx, 'entry.delete', 'work_entry', entryId, row.org_id, undefined, entry);
      return entry.certificate_file;
    });
  }

  // ---------- pre-review (校内初审) ----------

  /** Assigns reviewers of the school's review group; authors of the work cannot review it. */
  async assign(ctx: Ctx, workId: string, entryId: string, reviewerIds: readonly string[]): Promise<EntryDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, subject, entry, bundle } = await this.readableEntry(trx, p, workId, entryId);
      if (!canPrereview(p, subject)) throw forbidden('只有教科室主任可以分配校内初审');
      if (entry.status !== 'prereview') throw conflict('初审已结束，不能再分配评审');
      const unique = [...new Set(reviewerIds)];
      const people = await this.works.repo(trx).people(unique);
      for (const id of unique) {
        const person = people.find((x) => x.id === id);
        if (!person?.org_path?.startsWith(subject.orgPath))
          throw invalid('评审须为本校教师', { fields: [{ field: 'reviewerIds', message: '评审须为本校教师' }] });
        if (subject.authorIds.includes(id)) throw invalid(`${person.name}是作者，不能评审自己的作品`);
      }
      const existing = new Set(bundle.assignments.filter((a) => a.entry_id === entryId).map((a) => a.reviewer_id));
      const now = nowIso();
      const rows: PrereviewAssignmentRow[] = unique
        .filter((id) => !existing.has(id))
        .map((reviewerId) => ({
          id: newId(),
          entry_id: entryId,
          reviewer_id: reviewerId,
          scores: '{}',
          total: null,
          comment: '',
          opinion: null,
          submitted_at: null,
          assigned_by: p.personId,
          created_at: now,
        }));
      await this.repo(trx).insertAssignments(rows);
      await this.works.audit(trx, ctx, 'prereview.assign', 'work_entry', entryId, row.org_id, {
        reviewerIds: rows.map((r) => r.reviewer_id),
      });
      await notify(trx, {
        personIds: rows.map((r) => r.reviewer_id),
        kind: 'prereview_assigned',
        ...notice('prereview_assigned', { title: row.title, competition: entry.competition_name }),
        link: '/works/prereview',
        orgId: row.org_id,
      });
      return this.present(trx, p, workId, entryId);
    });
  }

  /** Removes a reviewer who has not scored yet. */
  async unassign(ctx: Ctx, workId: string, entryId: string, assignmentId: string): Promise<EntryDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, subject, entry, bundle } = await this.readableEntry(trx, p, workId, entryId);
      if (!canPrereview(p, subject)) throw forbidden('只有教科室主任可以调整校内初审');
      const a = bundle.assignments.find((x) => x.id === assignmentId && x.entry_id === entryId);
      if (!a) throw notFound('初审分配');
      if (entry.status !== 'prereview') throw conflict('初审已结束');
      await this.repo(trx).deleteAssignment(a.id);
      await this.works.audit(trx, ctx, 'prereview.unassign', 'work_entry', entryId, row.org_id, undefined, a);
      return this.present(trx, p, workId, entryId);
    });
  }

  /** A reviewer scores their own assignment against the rubric; the total is the sum. */
  async score(ctx: Ctx, workId: string, entryId: string, body: ScoreInput): Promise<EntryDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, entry, bundle } = await this.readableEntry(trx, p, workId, entryId);
      const own = bundle.assignments.find(
        (a) =>
          a.entry_id === entryId && a.reviewer_id === p.personId && (!body.assignmentId || a.id === body.assignmentId),
      );
      if (!own) throw forbidden('只有被分配的评审可以给该作品评分');
      if (entry.status !== 'prereview') throw conflict('初审已结束，不能再评分');
      const problems = PREREVIEW_RUBRIC.flatMap((c) => {
        const v = body.scores[c.key];
        if (v === undefined) return [{ field: `scores.${c.key}`, message: `请为“${c.label}”评分` }];
        return v > c.max ? [{ field: `scores.${c.key}`, message: `“${c.label}”最高 ${c.max} 分` }] : [];
      });
      if (problems.length) throw invalid(problems[0].message, { fields: problems });
      const scores = Object.fromEntries(PREREVIEW_RUBRIC.map((c) => [c.key, body.scores[c.key] ?? 0]));
      const total = Object.values(scores).reduce((s, v) => s + v, 0);
      const patch = {
        scores: toJson(scores),
        total,
        comment: body.comment,
        opinion: body.opinion ?? null,
        submitted_at: nowIso(),
      };
      await this.repo(trx).updateAssignment(own.id, patch);
      await this.works.audit(trx, ctx, 'prereview.score', 'prereview_assignment', own.id, row.org_id, patch, {
        scores: fromJson(own.scores, {}),
        total: own.total,
      });
      // The request to pre-review links to the list of them: it is settled once none is left to score.
      if ((await this.repo(trx).unscoredPrereviews(p.personId)) === 0)
        await settleNotifications(trx, p.personId, 'prereview_assigned');
      return this.present(trx, p, workId, entryId);
    });
  }

  /** 论文定质: the school recommends the entry for submission or not. */
  async decide(ctx: Ctx, workId: string, entryId: string, body: DecisionInput): Promise<EntryDto> {
    const p = ctx.principal;
    return this.database.db.transaction().execute(async (trx) => {
      const { row, subject, entry, bundle } = await this.readableEntry(trx, p, workId, entryId);
      if (!canPrereview(p, subject)) throw forbidden('只有教科室主任可以作出初审结论');
      if (!DECIDE_STATUSES.some((s) => s === entry.status)) throw conflict('作品已报送或已有结果，不能再改初审结论');
      const patch: Partial<WorkEntryRow> = {
        status: body.decision === 'recommend' ? 'recommended' : 'not_recommended',
        decision_comment: body.comment,
        decided_by: p.personId,
        decided_at: nowIso(),
        updated_at: nowIso(),
      };
      if (!(await this.repo(trx).update(entryId, entry.version, patch))) throw staleVersion();
      await this.works.audit(trx, ctx, 'prereview.decide', 'work_entry', entryId, row.org_id, patch, {
        status: entry.status,
      });
      await notify(trx, {
        personIds: bundle.authors.filter((a) => a.work_id === workId).map((a) => a.person_id),
        kind: 'prereview_decided',
        ...notice(body.decision === 'recommend' ? 'prereview_recommended' : 'prereview_not_recommended', {
          title: row.title,
        }),
        body: body.comment,
        link: `/works/${workId}`,
        orgId: row.org_id,
      });
      return this.present(trx, p, workId, entryId);
    });
  }

  /** The caller's pre-review work list: a reviewer their assigned entries; the school its entries in pre-review. */
  async prereviews(ctx: Ctx, f: { orgId?: string; state: 'pending' | 'done' | 'all' }, page: number, pageSize: number) {
    const { db } = this.database;
    const p = ctx.principal;
    const repo = this.repo();
    const assigned = await repo.assignedEntryIds(p.personId, f.state);
    const scope = await resolveScope(db, f.orgId);
    const managed = prereviewScope(p);
    // A director's one school as the filter when none is chosen: the same works, read from the school's index
    // instead of the scope's OR over every work (own, co-authored, subtree), which no index serves. A pre-review
    // page and every director's home page (待我处理) ask this: 27–39 ms a statement on the city before.
    if (!scope.orgPath && managed && !managed.all && managed.prefixes.length === 1) scope.orgPath = managed.prefixes[0];
    const school = managed
      ? (await repo.schoolPrereviewEntries(this.works.repo().visibleIds(managed, scope), f.state)).map((r) => r.id)
      : [];
    const ids = [...new Set([...assigned, ...school])];
    const entries = await repo.entriesByIds(ids);
    const workIds = [...new Set(entries.map((e) => e.work_id))];
    const works = new Map((await this.works.repo().byIds(workIds)).map((w) => [w.id, w]));
    const bundle = await this.works.bundle(db, workIds, p);
    const items = entries.flatMap((e: EntryWithCompetition) => {
      const w = works.get(e.work_id);
      if (!w) return [];
      return [{ entry: presentEntry(e, w, bundle, p), work: presentWork(w, bundle, p, false) }];
    });
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
  }

  // ---------- certificates (获奖证书) ----------

  async uploadCertificate(ctx: Ctx, workId: string, entryId: string, file: IncomingFile): Promise<EntryDto> {
    const p = ctx.principal;
    const { row, subject, entry } = await this.readableEntry(this.database.db, p, workId, entryId);
    if (!entryAbilities(p, subject, entry.status, entry.result !== null).uploadCertificate) {
      throw forbidden('登记获奖结果后，作者本人或教科室主任可以上传证书');
    }
    const { name, key, mime, size } = await storeUpload(this.uploads, file, {
      db: this.database.db,
      ctx,
      orgId: row.org_id,
    });
    await recordOrRemove(this.store, key, () =>
      this.database.db.transaction().execute(async (trx) => {
        const patch = {
          certificate_file: key,
          certificate_name: name,
          certificate_mime: mime,
          certificate_size: size,
          updated_at: nowIso(),
        };
        if (!(await this.repo(trx).update(entryId, entry.version, patch))) throw staleVersion();
        await this.works.audit(trx, ctx, 'entry.certificate', 'work_entry', entryId, row.org_id, { name, mime, size });
      }),
    );
    if (entry.certificate_file) await this.store.remove(entry.certificate_file);
    return this.present(this.database.db, p, workId, entryId);
  }

  async certificate(ctx: Ctx, workId: string, entryId: string): Promise<Download> {
    const { entry } = await this.readableEntry(this.database.db, ctx.principal, workId, entryId);
    if (!entry.certificate_file || !(await this.store.exists(entry.certificate_file))) throw notFound('证书');
    return {
      contentType: servedMime(entry.certificate_mime ?? 'application/octet-stream'),
      disposition: attachmentHeader(entry.certificate_name ?? 'certificate'),
      size: Number(entry.certificate_size ?? 0) || undefined,
      body: this.store.get(entry.certificate_file),
    };
  }

  async removeStored(keys: readonly (string | null)[]) {
    for (const k of keys) if (k) await this.store.remove(k);
  }

  // ---------- lists and exports ----------

  /** Entries (参评) or, with result/awarded, awards (获奖) of the works in scope for a term. */
  async entries(ctx: Ctx, f: EntriesFilter, page: number, pageSize: number | null) {
    const { db } = this.database;
    const p = ctx.principal;
    const scope = await resolveScope(db, f.orgId, f.termId);
    const works = this.works
      .repo()
      .visibleIds({ ...workScope(p), reviewer: false }, { orgPath: scope.orgPath, personId: f.personId });
    const awarded = f.awarded === undefined ? undefined : f.awarded === 'true';
    const { rows, total } = await this.repo().list(
      works,
      {
        term: scope.term,
        byResult: Boolean(f.result) || awarded === true,
        result: f.result,
        awarded,
        status: f.status,
        level: f.level,
        competitionId: f.competitionId,
        kind: f.kind,
      },
      page,
      pageSize,
    );
    const workIds = [...new Set(rows.map((r) => r.work_id))];
    const workRows = new Map((await this.works.repo().byIds(workIds)).map((w) => [w.id, w]));
    const bundle = await this.works.bundle(db, workIds, p);
    const items = rows.flatMap((e) => {
      const w = workRows.get(e.work_id);
      return w ? [presentEntry(e, w, bundle, p)] : [];
    });
    return { items, total, scope, awards: Boolean(f.result) || awarded === true };
  }

  async exportEntries(ctx: Ctx, f: EntriesFilter) {
    const { items, scope, awards } = await this.entries(ctx, f, 1, null);
    const name = await exportTitle(this.database.db, f.orgId, scope, awards ? '获奖一览' : '论文参评一览');
    return { filename: `${name}.xlsx`, data: await entriesWorkbook(name, items) };
  }
}
