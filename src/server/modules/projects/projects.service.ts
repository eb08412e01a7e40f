import type { Kysely } from 'kysely';
import { allows } from '../../access/access.js';
import { type Ctx, callerKey, type Principal } from '../../access/principal.js';
import { canEditApplication, canReadProject, projectActors, projectScope } from '../../access/projects.policy.js';
import { groupBy } from '../../concurrency.js';
import type { Database } from '../../db/database.js';
import { fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB, OrgRow, ProjectRow } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { CallRepo } from '../calls/calls.repo.js';
import { canSeeCall } from '../calls/calls.service.js';
import { notifyProjectTransition } from '../notifications/events.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { indexDoc } from '../search/search.index.js';
import { KeptCounts, listCountsKey } from '../stats/stats.cache.js';
import { factsOf, loadProjectFacts, type ProjectWithFacts } from './projects.access.js';
import { presentProject } from './projects.presenter.js';
import { ProjectRepo } from './projects.repo.js';
import type { CreateProject, ProjectDto, ProjectFilter, TransitionBody, UpdateProject } from './projects.schema.js';
import { checkTransition } from './projects.transitions.js';
import { type Level, MANAGER_KIND } from './projects.workflow.js';

/** The org that approves and concludes a project: the call's issuer, or the nearest org of the level. */
export async function managerFor(db: Kysely<DB>, school: OrgRow, level: Level, callOrgId: string | null) {
  if (callOrgId) return callOrgId;
  const ancestors = await new OrgRepo(db).byIds(school.path.split('/').filter(Boolean));
  const kinds = MANAGER_KIND[level];
  const ordered = school.path
    .split('/')
    .filter(Boolean)
    .map((id) => ancestors.find((a) => a.id === id))
    .filter((a): a is OrgRow => a !== undefined);
  const match =
    level === 'provincial' || level === 'national'
      ? ordered.find((a) => kinds.includes(a.kind))
      : [...ordered].reverse().find((a) => kinds.includes(a.kind));
  return (match ?? ordered[0] ?? school).id;
}

/** A list whose stage counts reach this many projects keeps them for its next pages, as people and works lists do. */
export const WIDE_PROJECT_COUNT = 200;

/** The caller, with their grants as loaded for this request, and a list's filter without its stage. */
function countsKey(p: Principal, f: ProjectFilter & { orgPath?: string }): string {
  const { stage: _stage, ...rest } = f;
  return listCountsKey(callerKey(p), rest);
}

/** Projects (课题): applications, the scoped list, and stage transitions. */
export class ProjectService {
  /**
   * The stage counts of wide lists, kept a minute for the same caller's next pages and stages (`KeptCounts`): a
   * city's count reads its 20,000 projects at each page (7 ms of PostgreSQL for one filter, the rest of the page
   * 3 ms).
   */
  private readonly wideCounts: KeptCounts<Record<string, number>>;

  constructor(
    private readonly database: Database,
    wideAt = WIDE_PROJECT_COUNT,
  ) {
    this.wideCounts = new KeptCounts((counts) => Object.values(counts).reduce((a, n) => a + n, 0) >= wideAt);
  }

  /** A write was answered: no kept count is answered again. */
  invalidate(): void {
    this.wideCounts.invalidate();
  }

  repo(db: Kysely<DB> = this.database.db) {
    return new ProjectRepo(db);
  }

  async list(ctx: Ctx, f: ProjectFilter, page: number, pageSize: number) {
    const orgPath = await new OrgRepo(this.database.db).filterPath(f.orgId);
    const terms = projectScope(ctx.principal);
    const filter = { ...f, orgPath };
    const repo = this.repo();
    // The page and its counts are one statement; a wide list's kept counts leave the page alone.
    const { rows: ids, counts: countsByStage } = await this.wideCounts.page(
      countsKey(ctx.principal, filter),
      async (counting) => {
        if (!counting) return { rows: await repo.page(terms, filter, page, pageSize), counts: null };
        const both = await repo.pageAndCounts(terms, filter, page, pageSize);
        return { rows: both.ids, counts: both.counts };
      },
    );
    // The stage counts are taken over the same filter without its stage: the total is one of them or their sum.
    const total = f.stage ? (countsByStage[f.stage] ?? 0) : Object.values(countsByStage).reduce((a, n) => a + n, 0);
    return { items: await this.present(ctx, ids), total, countsByStage };
  }

  /** Projects → API shapes, in id order, with names, members and abilities. */
  async present(ctx: Ctx, ids: readonly string[]): Promise<ProjectDto[]> {
    const repo = this.repo();
    const { rows, members } = await repo.details(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const membersOf = groupBy(members, (m) => m.project_id);
    const out: ProjectDto[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const mine = membersOf.get(id) ?? [];
      // The facts straight from the row: no copy of each row (its text columns included) for the policy.
      const facts = factsOf(
        row,
        mine.map((m) => m.person_id),
      );
      out.push(presentProject(row, mine, facts, ctx.principal));
    }
    return out;
  }

  async get(ctx: Ctx, id: string): Promise<ProjectDto> {
    const f = (await loadProjectFacts(this.database.db, [id])).get(id);
    if (!f || !canReadProject(ctx.principal, f.facts)) throw notFound('课题');
    const [dto] = await this.present(ctx, [id]);
    return dto;
  }

  /** Members must be people of the scope; the host is always listed first as host. */
  private async checkPeople(
    db: Kysely<DB>,
    hostId: string,
    members: { personId: string; role: string }[],
    school: OrgRow,
  ) {
    const ids = [...new Set([hostId, ...members.map((m) => m.personId)])];
    const people = await db
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .select(['people.id', 'orgs.path'])
      .where('people.id', 'in', ids)
      .execute();
    for (const id of ids) {
      const p = people.find((x) => x.id === id);
      if (!p) throw invalid('成员不存在', { fields: [{ field: 'members', message: '成员不存在' }] });
    }
    const host = people.find((p) => p.id === hostId);
    if (!host?.path.startsWith(school.path)) {
      throw invalid('主持人须为申报学校的教师', { fields: [{ field: 'hostId', message: '主持人须为本校教师' }] });
    }
    return [
      { person_id: hostId, role: 'host' },
      ...members
        .filter((m) => m.personId !== hostId)
        .map((m) => ({ person_id: m.personId, role: m.role === 'host' ? 'core' : m.role })),
    ];
  }

  async create(ctx: Ctx, body: CreateProject): Promise<ProjectDto> {
    const id = await this.database.db.transaction().execute(async (trx) => {
      const school = await new OrgRepo(trx).byId(body.orgId);
      if (school?.kind !== 'school') throw notFound('学校');
      const isHost = body.hostId === ctx.principal.personId;
      const isDirector = ctx.principal.grants.some(
        (g) =>
          (g.role === 'school_director' || g.role === 'sysadmin') &&
          (g.orgPath === null || school.path.startsWith(g.orgPath)),
      );
      if (!isDirector && !(isHost && allows(ctx.principal, 'org.read', [school.path]))) throw notFound('学校');
      let callOrgId: string | null = null;
      if (body.callId) {
        const call = await new CallRepo(trx).byId(body.callId);
        if (!call || !canSeeCall(ctx.principal, school.path, call.org_path) || !school.path.startsWith(call.org_path))
          throw notFound('申报通知');
        if (!fromJson<string[]>(call.levels, []).includes(body.level)) {
          throw invalid('该申报通知不接受此级别的课题', {
            fields: [{ field: 'level', message: '级别不在通知范围内' }],
          });
        }
        const dup = await this.repo(trx).otherApplications(call.id, body.hostId, '');
        if (dup.length > 0) throw conflict(`同一主持人在本次申报中只能申报一项（已有「${dup[0].title}」）`);
        callOrgId = call.org_id;
      }
      const members = await this.checkPeople(trx, body.hostId, body.members, school);
      const now = nowIso();
      const row: ProjectRow = {
        id: newId(),
        call_id: body.callId ?? null,
        title: body.title,
        level: body.level,
        kind: body.kind,
        subject: body.subject ?? null,
        plan_period: body.planPeriod ?? null,
        org_id: school.id,
        host_id: body.hostId,
        stage: 'draft',
        holder_org_id: school.id,
        manager_org_id: await managerFor(trx, school, body.level, callOrgId),
        number: null,
        rank: null,
        starts_on: body.startsOn ?? null,
        ends_on: body.endsOn ?? null,
        grade: null,
        sections: toJson(body.sections),
        expected_outcomes: toJson(body.expectedOutcomes),
        historic: 0,
        version: 1,
        created_by: ctx.principal.personId,
        created_at: now,
        updated_at: now,
      };
      await this.repo(trx).insert(row, members);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.create',
        entity: 'project',
        entityId: row.id,
        orgId: school.id,
        after: { ...row, members },
        ip: ctx.ip,
      });
      await indexDoc(trx, 'project', row.id);
      return row.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: Ctx, id: string, body: UpdateProject): Promise<ProjectDto> {
    await this.database.db.transaction().execute(async (trx) => {
      const p = (await loadProjectFacts(trx, [id])).get(id);
      if (!p || !canReadProject(ctx.principal, p.facts)) throw notFound('课题');
      if (!canEditApplication(ctx.principal, p.facts))
        throw forbidden(
          p.stage === 'draft'
            ? '只有主持人或教科室可以修改申报书'
            : '申报书已提交，不能再修改；如需修改请先撤回或由上级退回',
        );
      const patch: Partial<ProjectRow> = { updated_at: nowIso() };
      if (body.title) patch.title = body.title;
      if (body.level) patch.level = body.level;
      if (body.kind) patch.kind = body.kind;
      if (body.subject !== undefined) patch.subject = body.subject;
      if (body.planPeriod !== undefined) patch.plan_period = body.planPeriod;
      if (body.sections) patch.sections = toJson(body.sections);
      if (body.expectedOutcomes) patch.expected_outcomes = toJson(body.expectedOutcomes);
      if (body.startsOn !== undefined) patch.starts_on = body.startsOn;
      if (body.endsOn !== undefined) patch.ends_on = body.endsOn;
      const repo = this.repo(trx);
      if (body.hostId || body.members) {
        const school = await new OrgRepo(trx).byId(p.org_id);
        if (!school) throw notFound('学校');
        const hostId = body.hostId ?? p.host_id;
        const current = await repo.members([id]);
        const members = await this.checkPeople(
          trx,
          hostId,
          body.members ?? current.map((m) => ({ personId: m.person_id, role: m.role })),
          school,
        );
        patch.host_id = hostId;
        if (!(await repo.update(id, body.version, patch))) throw staleVersion();
        await repo.replaceMembers(id, members);
      } else if (!(await repo.update(id, body.version, patch))) {
        throw staleVersion();
      }
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.update',
        entity: 'project',
        entityId: id,
        orgId: p.org_id,
        before: p,
        after: patch,
        ip: ctx.ip,
      });
      await indexDoc(trx, 'project', id);
    });
    return this.get(ctx, id);
  }

  async remove(ctx: Ctx, id: string) {
    await this.database.db.transaction().execute(async (trx) => {
      const p = (await loadProjectFacts(trx, [id])).get(id);
      if (!p || !canReadProject(ctx.principal, p.facts)) throw notFound('课题');
      const actors = projectActors(ctx.principal, p.facts);
      if (p.stage !== 'draft' || !(actors.has('host') || actors.has('school')))
        throw conflict('只能删除草稿状态的申报书');
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.delete',
        entity: 'project',
        entityId: id,
        orgId: p.org_id,
        before: p,
        ip: ctx.ip,
      });
      await this.repo(trx).delete(id);
      await indexDoc(trx, 'project', id);
    });
  }

  async transition(ctx: Ctx, id: string, body: TransitionBody): Promise<ProjectDto> {
    await this.database.db.transaction().execute(async (trx) => {
      const p = (await loadProjectFacts(trx, [id])).get(id);
      if (!p || !canReadProject(ctx.principal, p.facts)) throw notFound('课题');
      const plan = await checkTransition(trx, this.repo(trx), ctx, p, body);
      const repo = this.repo(trx);
      if (!(await repo.moveStage(id, p.stage, p.version, { ...plan.patch, stage: plan.to, updated_at: nowIso() }))) {
        throw conflict('课题状态刚刚被他人改变，请刷新后再试');
      }
      await repo.addTransition({
        id: newId(),
        project_id: id,
        action: body.action,
        from_stage: p.stage,
        to_stage: plan.to,
        actor_id: ctx.principal.personId,
        at: nowIso(),
        reason: body.reason || null,
        details: plan.details ? toJson(plan.details) : null,
      });
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: `project.${body.action}`,
        entity: 'project',
        entityId: id,
        orgId: p.org_id,
        before: { stage: p.stage, holder: p.holder_org_id, number: p.number, ends_on: p.ends_on },
        after: { stage: plan.to, ...plan.patch, reason: body.reason ?? null },
        ip: ctx.ip,
      });
      await indexDoc(trx, 'project', id);
      await notifyProjectTransition(trx, p, body.action, {
        reason: body.reason,
        grade: plan.patch.grade ?? body.grade,
        number: plan.patch.number ?? p.number,
      });
    });
    // The actor sees the result of their own action even when it moves the project out of their view
    // (e.g. a district returning an application to the school).
    const [dto] = await this.present(ctx, [id]);
    return dto;
  }

  /**
   * The route an application takes (逐级推荐): each tier from the school up to the managing org,
   * who acts there, and the quota when the call sets one.
   */
  async route(ctx: Ctx, id: string) {
    const p = await this.readable(ctx, id);
    const ids = p.facts.schoolPath.split('/').filter(Boolean);
    const managerIdx = p.manager_org_id ? ids.indexOf(p.manager_org_id) : -1;
    const chain = (managerIdx >= 0 ? ids.slice(managerIdx) : ids.slice(-1)).reverse();
    const orgs = await new OrgRepo(this.database.db).byIds(chain);
    const actors = await this.database.db
      .selectFrom('role_grants')
      .innerJoin('people', 'people.id', 'role_grants.person_id')
      .select(['role_grants.org_id', 'people.name'])
      .where('role_grants.org_id', 'in', chain)
      .where('role_grants.role', 'in', ['school_director', 'research_admin'])
      .execute();
    const quotas = p.call_id ? await new CallRepo(this.database.db).quotas([p.call_id]) : [];
    const holderIdx = p.holder_org_id ? chain.indexOf(p.holder_org_id) : -1;
    const unfinished = await this.repo().unfinishedOfHost(p.host_id, p.level, p.id);
    const warnings = unfinished.map((u) => `主持人还有一项同级别课题尚未结题：「${u.title}」`);
    const steps = chain.map((orgId, i) => {
      const org = orgs.find((o) => o.id === orgId);
      const isManager = orgId === p.manager_org_id;
      return {
        orgId,
        orgName: org?.name ?? '',
        step: isManager ? ('approve' as const) : ('recommend' as const),
        people: actors.filter((a) => a.org_id === orgId).map((a) => a.name),
        quota: quotas.find((q) => q.org_id === orgId)?.count ?? null,
        state:
          holderIdx === -1
            ? ('pending' as const)
            : i < holderIdx
              ? ('done' as const)
              : i === holderIdx
                ? ('current' as const)
                : ('pending' as const),
      };
    });
    return { items: steps, warnings };
  }

  /**
   * 推荐排序: the org holding a call's applications orders them before recommending. Only the
   * office at that desk (school director for a school, research office above) may rank.
   */
  async rank(ctx: Ctx, callId: string, orgId: string, projectIds: string[]) {
    await this.database.db.transaction().execute(async (trx) => {
      const org = await new OrgRepo(trx).byId(orgId);
      const atDesk =
        org &&
        ctx.principal.grants.some(
          (g) =>
            (g.role === 'sysadmin' && g.orgPath === null) ||
            ((g.role === 'school_director' || g.role === 'research_admin') && g.orgId === orgId),
        );
      if (!org || !atDesk) throw notFound('单位');
      const repo = this.repo(trx);
      const desk = new Set((await repo.onDesk(callId, orgId)).map((p) => p.id));
      const unknown = projectIds.filter((id) => !desk.has(id));
      if (unknown.length > 0 || new Set(projectIds).size !== projectIds.length) {
        throw invalid('排序中包含不在本单位待推荐列表中的申报书或重复项', {
          fields: [{ field: 'projectIds', message: '不在本单位待推荐列表中' }],
        });
      }
      for (const [i, id] of projectIds.entries()) await repo.setRank(id, i + 1);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'project.rank',
        entity: 'call',
        entityId: callId,
        orgId,
        after: { projectIds },
        ip: ctx.ip,
      });
    });
  }

  async history(ctx: Ctx, id: string) {
    const f = (await loadProjectFacts(this.database.db, [id])).get(id);
    if (!f || !canReadProject(ctx.principal, f.facts)) throw notFound('课题');
    return this.repo().history(id);
  }

  /** Exposed for sub-resources that need the facts with a read check. */
  async readable(ctx: Ctx, id: string): Promise<ProjectWithFacts> {
    const f = (await loadProjectFacts(this.database.db, [id])).get(id);
    if (!f || !canReadProject(ctx.principal, f.facts)) throw notFound('课题');
    return f;
  }
}
