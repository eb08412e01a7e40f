import type { Kysely } from 'kysely';
import type { Ctx, Principal } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toJson } from '../../db/dialect.js';
import type { ActivityRow, DB } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { requireReadableProject } from '../projects/projects.access.js';
import { indexDoc } from '../search/search.index.js';
import { checkLinks, type LinkFields, utcInstant } from './activities.links.js';
import { type ActivityFacts, activityScope, canManageActivity, canReadActivity } from './activities.policy.js';
import { factsOf, kindOf, prepOf, presentActivity, presentCalendarItem } from './activities.presenter.js';
import { ActivityRepo, type ActivityWithNames } from './activities.repo.js';
import type {
  ActivityDto,
  ActivityFilter,
  ActivityKind,
  AttendanceSheet,
  CreateActivity,
  PrepRecord,
  UpdateActivity,
} from './activities.schema.js';
import { activitiesWorkbook } from './activities.xlsx.js';

const WHAT = '教研活动';
const MAY_RECORD = '只有教科室主任、本组教研组长或关联课题的主持人可以登记教研活动';

/** An organiser as the service sees it: the org, its school and path. */
interface Organiser {
  id: string;
  kind: string;
  path: string;
  schoolId: string;
}

/** Teaching-research activities (教研活动): records, attendance, calendar and the term's export. */
export class ActivityService {
  constructor(private readonly database: Database) {}

  /** The caller's own school (members of a school read its activities). */
  private homeSchoolId(db: Kysely<DB>, p: Principal): Promise<string | null> {
    return new ActivityRepo(db).homeSchoolId(p.orgId);
  }

  private async readable(db: Kysely<DB>, p: Principal, id: string): Promise<ActivityWithNames> {
    const row = await new ActivityRepo(db).byId(id);
    if (!row || !canReadActivity(p, factsOf(row), await this.homeSchoolId(db, p))) throw notFound(WHAT);
    return row;
  }

  /** A readable activity the caller may also record for; 403 when they may only read it. */
  private async manageable(db: Kysely<DB>, p: Principal, id: string): Promise<ActivityWithNames> {
    const row = await this.readable(db, p, id);
    if (!canManageActivity(p, factsOf(row))) throw forbidden(MAY_RECORD);
    return row;
  }

  private async load(db: Kysely<DB>, p: Principal, id: string): Promise<ActivityDto> {
    const row = await this.readable(db, p, id);
    return presentActivity(row, await new ActivityRepo(db).attendance([id]), p);
  }

  /** The organiser (a school or a group); the caller's access is checked by the callers. */
  private async organiser(db: Kysely<DB>, orgId: string): Promise<Organiser> {
    const org = await new ActivityRepo(db).org(orgId);
    if (!org) throw notFound('组织机构');
    const schoolId = org.kind === 'group' ? org.parent_id : org.id;
    if ((org.kind !== 'school' && org.kind !== 'group') || !schoolId) {
      throw invalid('教研活动的组织者须为学校或教研组', {
        fields: [{ field: 'orgId', message: '请选择学校或教研组' }],
      });
    }
    return { id: org.id, kind: org.kind, path: org.path, schoolId };
  }

  /** The linked project's host, after checking the caller may read it and it belongs to the school. */
  private async projectHost(db: Kysely<DB>, p: Principal, projectId: string | null, schoolId: string) {
    if (!projectId) return { hostId: null, stage: null };
    const project = await requireReadableProject(db, p, projectId);
    if (project.org_id !== schoolId) {
      throw invalid('关联课题须属于组织活动的学校', { fields: [{ field: 'projectId', message: '不是本校课题' }] });
    }
    return { hostId: project.host_id, stage: project.stage };
  }

  private async requireMembers(repo: ActivityRepo, org: Organiser, personIds: readonly string[]) {
    const members = await repo.membersOf(org, personIds);
    const outside = personIds.filter((id) => !members.has(id));
    if (outside.length > 0) {
      throw invalid(org.kind === 'group' ? '出勤人员须为本组成员' : '出勤人员须为本校教师', {
        fields: [{ field: 'attendance', message: '含有不属于组织者的人员' }],
        personIds: outside,
      });
    }
  }

  private async audit(
    trx: Kysely<DB>,
    ctx: Ctx,
    action: string,
    id: string,
    orgId: string,
    before?: unknown,
    after?: unknown,
  ) {
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action,
      entity: 'activity',
      entityId: id,
      orgId,
      before,
      after,
      ip: ctx.ip,
    });
    await indexDoc(trx, 'activity', id);
  }

  async list(ctx: Ctx, f: ActivityFilter, page: number, pageSize: number) {
    const { db } = this.database;
    const repo = new ActivityRepo(db);
    const scope = activityScope(ctx.principal, await this.homeSchoolId(db, ctx.principal));
    const orgPath = await new OrgRepo(db).filterPath(f.orgId);
    const { rows, total } = await repo.list(scope, { ...f, orgPath }, page, pageSize);
    const sheet = await repo.attendance(rows.map((r) => r.id));
    return { items: rows.map((r) => presentActivity(r, sheet, ctx.principal)), total };
  }

  /** Compact items between two dates for the month/week calendar of a school or group. */
  async calendar(ctx: Ctx, q: { orgId?: string; from: string; to: string }) {
    if (q.from > q.to)
      throw invalid('开始日期不能晚于结束日期', { fields: [{ field: 'to', message: '早于开始日期' }] });
    const { db } = this.database;
    const repo = new ActivityRepo(db);
    const scope = activityScope(ctx.principal, await this.homeSchoolId(db, ctx.principal));
    const orgPath = await new OrgRepo(db).filterPath(q.orgId);
    const rows = await repo.all(scope, { from: q.from, to: q.to, orgPath }, 2000);
    return { items: rows.map(presentCalendarItem) };
  }

  /** The term's list of an organiser as .xlsx, with attendance counts. */
  async exportXlsx(ctx: Ctx, q: { orgId: string; from?: string; to?: string }) {
    const { db } = this.database;
    const repo = new ActivityRepo(db);
    const home = await this.homeSchoolId(db, ctx.principal);
    const org = await repo.org(q.orgId);
    const orgFacts: ActivityFacts | null = org
      ? {
          orgPath: org.path,
          schoolId: org.kind === 'group' ? (org.parent_id ?? org.id) : org.id,
          presenterId: null,
          projectHostId: null,
        }
      : null;
    if (!org || !orgFacts || !canReadActivity(ctx.principal, orgFacts, home)) throw notFound('组织机构');
    const rows = await repo.all(
      activityScope(ctx.principal, home),
      { from: q.from, to: q.to, orgPath: org.path },
      5000,
    );
    const sheet = await repo.attendance(rows.map((r) => r.id));
    const data = await activitiesWorkbook(org.name, rows, sheet);
    const span = [q.from, q.to].filter(Boolean).join('至');
    return { filename: `教研活动_${org.name}${span ? `_${span}` : ''}.xlsx`, data };
  }

  async get(ctx: Ctx, id: string): Promise<ActivityDto> {
    return this.load(this.database.db, ctx.principal, id);
  }

  async create(ctx: Ctx, body: CreateActivity): Promise<ActivityDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = ctx.principal;
      const repo = new ActivityRepo(trx);
      const org = await this.organiser(trx, body.orgId);
      const project = await this.projectHost(trx, p, body.projectId ?? null, org.schoolId);
      const facts: ActivityFacts = {
        orgPath: org.path,
        schoolId: org.schoolId,
        presenterId: null,
        projectHostId: project.hostId,
      };
      if (!canManageActivity(p, facts)) {
        if (canReadActivity(p, facts, await this.homeSchoolId(trx, p))) throw forbidden(MAY_RECORD);
        throw notFound('组织机构');
      }
      const id = newId();
      const links: LinkFields = {
        id,
        kind: body.kind,
        date: body.date,
        startsAt: utcInstant(body.startsAt),
        endsAt: utcInstant(body.endsAt),
        presenterId: body.presenterId ?? null,
        projectId: body.projectId ?? null,
        projectStage: project.stage,
        lessonId: body.lessonId ?? null,
        reviewedActivityId: body.reviewedActivityId ?? null,
        prep: body.prep ?? null,
      };
      await checkLinks(trx, links, org.schoolId);
      const attendeeIds = [...new Set(body.attendeeIds ?? [])];
      await this.requireMembers(repo, org, attendeeIds);
      const now = nowIso();
      const row: ActivityRow = {
        id,
        org_id: org.id,
        kind: body.kind,
        title: body.title,
        topic: body.topic ?? '',
        date: body.date,
        starts_at: links.startsAt,
        ends_at: links.endsAt,
        place: body.place ?? '',
        presenter_id: links.presenterId,
        project_id: links.projectId,
        lesson_id: links.lessonId,
        reviewed_activity_id: links.reviewedActivityId,
        record: body.record ?? '',
        prep: links.prep ? toJson(links.prep) : null,
        created_by: p.personId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(row);
      await repo.setAttendance(
        id,
        attendeeIds.map((personId) => ({ personId, status: 'present' })),
      );
      // 四定: the planned research lesson becomes held, in the same transaction.
      if (row.lesson_id) await repo.setLessonHeld(row.lesson_id, id, row.date);
      await this.audit(trx, ctx, 'activity.create', id, org.id, undefined, { ...row, attendeeIds });
      return this.load(trx, p, id);
    });
  }

  async update(ctx: Ctx, id: string, body: UpdateActivity): Promise<ActivityDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const p = ctx.principal;
      const repo = new ActivityRepo(trx);
      const before = await this.manageable(trx, p, id);
      const org = await this.organiser(trx, before.org_id);
      const kind: ActivityKind = body.kind ?? kindOf(before.kind);
      const projectId = body.projectId === undefined ? before.project_id : body.projectId;
      const project = await this.projectHost(trx, p, projectId, org.schoolId);
      const after: ActivityFacts = { ...factsOf(before), projectHostId: project.hostId };
      if (!canManageActivity(p, after)) throw forbidden(MAY_RECORD);
      const keep = <T>(v: T | null | undefined, old: T | null): T | null => (v === undefined ? old : v);
      const links: LinkFields = {
        id,
        kind,
        date: body.date ?? before.date,
        startsAt: body.startsAt === undefined ? before.starts_at : utcInstant(body.startsAt),
        endsAt: body.endsAt === undefined ? before.ends_at : utcInstant(body.endsAt),
        presenterId: keep(body.presenterId, before.presenter_id),
        projectId,
        projectStage: project.stage,
        // A lesson belongs to its project: changing the project drops it unless a new one is named.
        lessonId: keep(body.lessonId, projectId === before.project_id ? before.lesson_id : null),
        // Links that only make sense for one kind are dropped when the kind changes.
        reviewedActivityId: keep(
          body.reviewedActivityId,
          kind === 'lesson_review' ? before.reviewed_activity_id : null,
        ),
        prep: keep<PrepRecord>(body.prep, kind === 'collective_prep' ? prepOf(before.prep) : null),
      };
      await checkLinks(trx, links, org.schoolId);
      const patch: Partial<ActivityRow> = {
        kind,
        title: body.title ?? before.title,
        topic: keep(body.topic, before.topic) ?? '',
        date: links.date,
        starts_at: links.startsAt,
        ends_at: links.endsAt,
        place: keep(body.place, before.place) ?? '',
        presenter_id: links.presenterId,
        project_id: links.projectId,
        lesson_id: links.lessonId,
        reviewed_activity_id: links.reviewedActivityId,
        record: keep(body.record, before.record) ?? '',
        prep: links.prep ? toJson(links.prep) : null,
        updated_at: nowIso(),
      };
      if (!(await repo.update(id, body.version, patch))) throw staleVersion();
      if (before.lesson_id && before.lesson_id !== links.lessonId)
        await repo.setLessonHeld(before.lesson_id, null, null);
      if (links.lessonId && (links.lessonId !== before.lesson_id || links.date !== before.date)) {
        await repo.setLessonHeld(links.lessonId, id, links.date);
      }
      await this.audit(trx, ctx, 'activity.update', id, before.org_id, stored(before), patch);
      return this.load(trx, p, id);
    });
  }

  /** Replaces the attendance sheet; every person must belong to the organiser. */
  async setAttendance(ctx: Ctx, id: string, sheet: AttendanceSheet): Promise<ActivityDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const repo = new ActivityRepo(trx);
      const row = await this.manageable(trx, ctx.principal, id);
      const org = await this.organiser(trx, row.org_id);
      await this.requireMembers(
        repo,
        org,
        sheet.map((s) => s.personId),
      );
      const before = await repo.attendance([id]);
      await repo.setAttendance(id, sheet);
      await repo.touch(id, undefined, nowIso());
      await this.audit(
        trx,
        ctx,
        'activity.attendance',
        id,
        row.org_id,
        before.map((a) => ({ personId: a.person_id, status: a.status })),
        sheet,
      );
      return this.load(trx, ctx.principal, id);
    });
  }

  async remove(ctx: Ctx, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      const repo = new ActivityRepo(trx);
      const row = await this.manageable(trx, ctx.principal, id);
      if ((await repo.reviewsOf(id)).length > 0) throw conflict('已有评课议课记录讨论该活动，请先删除或修改那些记录');
      // The 四定 lesson it held is planned again.
      if (row.lesson_id) await repo.setLessonHeld(row.lesson_id, null, null);
      await repo.setAttendance(id, []);
      await repo.delete(id);
      await this.audit(trx, ctx, 'activity.delete', id, row.org_id, stored(row));
    });
  }
}

/** The stored columns of a row (without the joined names and paths). */
function stored(row: ActivityWithNames): ActivityRow {
  const {
    org_name: _n,
    org_path: _p,
    org_kind: _k,
    org_parent_id: _pi,
    presenter_name: _pn,
    project_title: _pt,
    project_host_id: _ph,
    reviewed_title: _rt,
    ...rest
  } = row;
  return rest;
}
