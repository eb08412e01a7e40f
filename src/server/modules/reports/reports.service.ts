import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import type { Ctx, Principal } from '../../access/principal.js';
import { canReadProject, projectActors } from '../../access/projects.policy.js';
import { today } from '../../calendar.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { notifyReportReturned, returnedReportLink } from '../notifications/events.js';
import { settleNotifications } from '../notifications/notify.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { loadProjectFacts, type ProjectWithFacts, requireReadableProject } from '../projects/projects.access.js';
import { STAGE_LABELS } from '../projects/projects.workflow.js';
import { indexDoc } from '../search/search.index.js';
import { LessonService } from './lessons.service.js';
import { monthlyDownload, reportDownload } from './reports.documents.js';
import { mayWriteReport, OPINION_KINDS, REPORT_STAGES } from './reports.policy.js';
import { presentReport } from './reports.presenter.js';
import { type OverdueScope, ReportRepo, type ReportRow } from './reports.repo.js';
import {
  type CheckReport,
  type CreateReport,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  type ReportDto,
  type ReportKind,
  type ReportOpinion,
  type UpdateReport,
} from './reports.schema.js';

const stageLabels: Readonly<Record<string, string>> = STAGE_LABELS;
const kindLabels: Readonly<Record<string, string>> = REPORT_KIND_LABELS;

/** The month before the one a date falls in ('2026-03-15' → '2026-02'). */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The last day of a month ('2026-02' → '2026-02-28'). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function requireStage(p: ProjectWithFacts, kind: ReportKind) {
  if (!REPORT_STAGES[kind].includes(p.stage)) {
    throw conflict(`课题处于「${stageLabels[p.stage] ?? p.stage}」阶段，不能提交或修改${kindLabels[kind]}`);
  }
}

const monthRequired = () => invalid('月报需填写月份', { fields: [{ field: 'month', message: '请填写月份 YYYY-MM' }] });
const monthTaken = (month: string) =>
  conflict(`该课题 ${month} 的月报已提交，如被退回请修改后重新提交`, {
    fields: [{ field: 'month', message: '本月月报已存在' }],
  });

/** Project reports: opening, monthly (with the school's monthly check 月查), mid-term, conclusion. */
export class ReportService {
  readonly lessons: LessonService;

  constructor(private readonly database: Database) {
    this.lessons = new LessonService(database);
  }

  async list(ctx: Ctx, projectId: string, kind: ReportKind | undefined, page: number, pageSize: number) {
    const { db } = this.database;
    const p = await requireReadableProject(db, ctx.principal, projectId);
    const { rows, total } = await new ReportRepo(db).list(projectId, kind, page, pageSize);
    return { items: rows.map((r) => presentReport(r, p.facts, ctx.principal)), total };
  }

  /** One report in Word (开题/中期/结题 with the experts' opinion, or one month). */
  document(ctx: Ctx, projectId: string, reportId: string) {
    return reportDownload(this.database, ctx, projectId, reportId);
  }

  /** The 课题研究月汇报表 in Word. */
  monthlyDocument(ctx: Ctx, projectId: string) {
    return monthlyDownload(this.database, ctx, projectId);
  }

  async get(ctx: Ctx, projectId: string, reportId: string): Promise<ReportDto> {
    return this.load(this.database.db, ctx.principal, projectId, reportId);
  }

  private async load(db: Kysely<DB>, principal: Principal, projectId: string, reportId: string) {
    const p = await requireReadableProject(db, principal, projectId);
    const row = await new ReportRepo(db).byId(projectId, reportId);
    if (!row) throw notFound('报告');
    return presentReport(row, p.facts, principal);
  }

  /** The project (readable) and one of its reports, inside a transaction. */
  private async target(trx: Kysely<DB>, ctx: Ctx, projectId: string, reportId: string) {
    const p = await requireReadableProject(trx, ctx.principal, projectId);
    const row = await new ReportRepo(trx).byId(projectId, reportId);
    if (!row) throw notFound('报告');
    return { p, row, actors: projectActors(ctx.principal, p.facts) };
  }

  private async audit(
    trx: Kysely<DB>,
    ctx: Ctx,
    action: string,
    p: ProjectWithFacts,
    id: string,
    before: unknown,
    after: unknown,
  ) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'project_report',
      entityId: id,
      orgId: p.org_id,
      before,
      after,
      ip: ctx.ip,
    });
    await indexDoc(trx, 'report', id);
  }

  async create(ctx: Ctx, projectId: string, body: CreateReport): Promise<ReportDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = await requireReadableProject(trx, ctx.principal, projectId);
      if (!mayWriteReport(projectActors(ctx.principal, p.facts), body.kind)) {
        throw forbidden(
          body.kind === 'monthly'
            ? '只有课题主持人或成员可以提交月报'
            : `只有课题主持人或教科室主任可以提交${kindLabels[body.kind]}`,
        );
      }
      if (body.kind === 'monthly' && !body.month) throw monthRequired();
      requireStage(p, body.kind);
      const repo = new ReportRepo(trx);
      const month = body.kind === 'monthly' ? (body.month ?? null) : null;
      if (month && (await repo.monthly(projectId, month))) throw monthTaken(month);
      const now = nowIso();
      const row: ReportRow = {
        id: newId(),
        project_id: projectId,
        kind: body.kind,
        month,
        content: toJson(body.content),
        status: 'submitted',
        opinion: null,
        grade: null,
        return_reason: null,
        author_id: ctx.principal.personId,
        checked_by: null,
        checked_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      await this.audit(trx, ctx, 'project.report.create', p, row.id, undefined, row);
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }

  /** The author edits a submitted or returned report; a returned one goes back to submitted. */
  async update(ctx: Ctx, projectId: string, reportId: string, body: UpdateReport): Promise<ReportDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { p, row } = await this.target(trx, ctx, projectId, reportId);
      if (row.author_id !== ctx.principal.personId) throw forbidden('只有报告的撰写人可以修改');
      if (row.status === 'checked') throw conflict('报告已通过检查，不能再修改');
      const kind = REPORT_KINDS.find((k) => k === row.kind) ?? 'monthly';
      requireStage(p, kind);
      const repo = new ReportRepo(trx);
      const patch: Partial<ReportRow> = { updated_at: nowIso() };
      if (kind === 'monthly' && body.month && body.month !== row.month) {
        if (await repo.monthly(projectId, body.month, row.id)) throw monthTaken(body.month);
        patch.month = body.month;
      }
      if (body.content) patch.content = toJson(body.content);
      if (row.status === 'returned')
        Object.assign(patch, { status: 'submitted', return_reason: null, checked_by: null, checked_at: null });
      if (!(await repo.update(row.id, body.version, patch))) throw staleVersion();
      await this.audit(
        trx,
        ctx,
        row.status === 'returned' ? 'project.report.resubmit' : 'project.report.update',
        p,
        row.id,
        row,
        patch,
      );
      // Written again: the notice of its return is settled for the author and the host.
      if (row.status === 'returned') {
        for (const person of new Set([row.author_id, p.facts.hostId]))
          if (person) await settleNotifications(trx, person, 'report_returned', returnedReportLink(projectId, row.id));
      }
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }

  /** 月查: the school director marks a submitted monthly report checked, or returns it with a reason. */
  async check(ctx: Ctx, projectId: string, reportId: string, body: CheckReport): Promise<ReportDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { p, row, actors } = await this.target(trx, ctx, projectId, reportId);
      if (!actors.has('school')) throw forbidden('只有本校教科室主任可以进行月查');
      if (row.kind !== 'monthly') throw conflict('只有月报需要月查');
      const reason = body.reason?.trim() ?? '';
      if (body.decision === 'returned' && !reason) {
        throw invalid('退回时请填写原因', { fields: [{ field: 'reason', message: '请填写退回原因' }] });
      }
      if (row.status !== 'submitted')
        throw conflict(row.status === 'checked' ? '该月报已检查' : '该月报已退回，待修改后重新提交');
      const patch: Partial<ReportRow> = {
        status: body.decision,
        return_reason: body.decision === 'returned' ? reason : null,
        checked_by: ctx.principal.personId,
        checked_at: nowIso(),
        updated_at: nowIso(),
      };
      if (!(await new ReportRepo(trx).update(row.id, body.version ?? row.version, patch))) throw staleVersion();
      await this.audit(
        trx,
        ctx,
        `project.report.${body.decision === 'checked' ? 'check' : 'return'}`,
        p,
        row.id,
        row,
        patch,
      );
      if (body.decision === 'returned') await notifyReportReturned(trx, p, row, reason);
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }

  /** Expert opinion (专家意见) on an opening or mid-term report, by the managing office. */
  async opinion(ctx: Ctx, projectId: string, reportId: string, body: ReportOpinion): Promise<ReportDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { p, row, actors } = await this.target(trx, ctx, projectId, reportId);
      if (!actors.has('manager')) throw forbidden('只有课题管理部门可以填写专家意见');
      if (!OPINION_KINDS.includes(row.kind)) throw conflict('只有开题报告和中期报告需要专家意见');
      const patch: Partial<ReportRow> = { opinion: body.opinion, grade: body.grade, updated_at: nowIso() };
      if (!(await new ReportRepo(trx).update(row.id, body.version ?? row.version, patch))) throw staleVersion();
      await this.audit(trx, ctx, 'project.report.opinion', p, row.id, row, patch);
      return this.load(trx, ctx.principal, projectId, row.id);
    });
  }

  /** Where the caller looks for missing reports: offices and school staff by org, everyone for their own projects. */
  private overdueScope(p: Principal): OverdueScope {
    const all = p.grants.some((g) => g.role === 'sysadmin' && g.orgPath === null);
    const roles = ['research_admin', 'school_director', 'school_leader'];
    const prefixes = p.grants.filter((g) => roles.includes(g.role)).flatMap((g) => (g.orgPath ? [g.orgPath] : []));
    return { all, prefixes, personId: p.personId };
  }

  /** 月报缺交: running projects in the caller's scope without a monthly report for the month. */
  async overdue(ctx: Ctx, q: { orgId?: string; month?: string; page: number; pageSize: number }) {
    const { db } = this.database;
    const month = q.month ?? previousMonth(today());
    let orgPath: string | null = null;
    if (q.orgId) {
      const org = await new OrgRepo(db).byId(q.orgId);
      if (!org || !allows(ctx.principal, 'org.read', [org.path])) throw notFound('机构');
      orgPath = org.path;
    }
    const candidates = await new ReportRepo(db).overdueMonthly(
      this.overdueScope(ctx.principal),
      orgPath,
      month,
      monthEnd(month),
    );
    const facts = await loadProjectFacts(
      db,
      candidates.map((c) => c.id),
    );
    const readable = candidates.filter((c) => {
      const f = facts.get(c.id);
      return f !== undefined && canReadProject(ctx.principal, f.facts);
    });
    const items = readable.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((c) => ({
      projectId: c.id,
      title: c.title,
      number: c.number,
      hostId: c.host_id,
      hostName: c.host_name,
      schoolId: c.org_id,
      schoolName: c.school_name,
      month,
    }));
    return { items, total: readable.length, page: q.page, pageSize: q.pageSize, month };
  }
}
