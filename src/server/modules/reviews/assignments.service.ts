import type { Kysely } from 'kysely';
import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { newId, nowIso, toBool } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { noticeWithBody } from '../notifications/notices.js';
import { notify } from '../notifications/notify.js';
import { loadProjectFacts } from '../projects/projects.access.js';
import { ConflictRepo } from './conflicts.repo.js';
import { requireAssignment, requireManagedRound, requireRound } from './reviews.access.js';
import { conflictReason, districtResolver, type ExpertFacts, type ItemFacts, pathIds } from './reviews.conflicts.js';
import type { RoundRights } from './reviews.policy.js';
import { presentAssignment, presentReviewProject } from './reviews.presenter.js';
import { type AssignmentRow, ReviewRepo, type RoundRow } from './reviews.repo.js';
import { balancedAssignment, type OpenItem } from './reviews.rules.js';
import type { AssignmentBody, AssignmentDto, ReviewProjectDto } from './reviews.schema.js';

/** Everything the conflict rules need about some experts and projects, loaded in a few queries. */
export async function loadConflictFacts(db: Kysely<DB>, expertIds: readonly string[], projectIds: readonly string[]) {
  const repo = new ConflictRepo(db);
  const [homes, typed, projects] = await Promise.all([
    repo.homePaths(expertIds),
    repo.ofExperts(expertIds),
    loadProjectFacts(db, projectIds),
  ]);
  const experts = new Map<string, ExpertFacts>();
  for (const id of expertIds) {
    const mine = typed.filter((c) => c.expert_id === id);
    experts.set(id, {
      id,
      homePath: homes.get(id) ?? null,
      typed: mine.map((c) => ({ kind: c.kind, personId: c.person_id, orgPath: c.org_path })),
    });
  }
  const items = new Map<string, ItemFacts>();
  for (const [id, p] of projects) {
    items.set(id, {
      projectId: id,
      schoolPath: p.facts.schoolPath,
      hostId: p.facts.hostId,
      memberIds: p.facts.memberIds,
    });
  }
  const paths = [...[...homes.values()].filter((p) => p !== null), ...[...items.values()].map((i) => i.schoolPath)];
  const kinds = await repo.orgKinds([...new Set(paths.flatMap(pathIds))]);
  return { experts, items, districtOf: districtResolver(kinds) };
}

/** Assignments of experts to a round's projects (manual or balanced), with conflicts enforced. */
export class AssignmentService {
  constructor(private readonly database: Database) {}

  private async present(db: Kysely<DB>, ctx: Ctx, round: RoundRow, rights: RoundRights, rows: AssignmentRow[]) {
    const blindFor = toBool(round.blind) && !rights.manage;
    const terms = blindFor ? await new ReviewRepo(db).identityTerms([...new Set(rows.map((r) => r.project_id))]) : null;
    return rows.map((r) => presentAssignment(r, round, rights, ctx.principal, terms?.get(r.project_id) ?? []));
  }

  /** The managing side gets every assignment; an expert only their own. */
  async list(ctx: Ctx, roundId: string): Promise<AssignmentDto[]> {
    const db = this.database.db;
    const { round, rights } = await requireRound(db, ctx.principal, roundId);
    const rows = await new ReviewRepo(db).assignments(roundId, rights.manage ? undefined : ctx.principal.personId);
    return this.present(db, ctx, round, rights, rows);
  }

  async create(ctx: Ctx, roundId: string, body: AssignmentBody) {
    return this.database.db.transaction().execute(async (trx) => {
      const { round, rights } = await requireManagedRound(trx, ctx.principal, roundId);
      if (round.status !== 'open') throw conflict('本轮评审已结束，不能再分配专家');
      if ('auto' in body) return this.auto(trx, ctx, round, rights);
      return this.manual(trx, ctx, round, rights, body.projectId, body.expertId);
    });
  }

  private async manual(
    trx: Kysely<DB>,
    ctx: Ctx,
    round: RoundRow,
    rights: RoundRights,
    projectId: string,
    expertId: string,
  ): Promise<AssignmentDto> {
    const repo = new ReviewRepo(trx);
    if (!(await repo.roundProjects(round.id)).some((p) => p.project_id === projectId)) {
      throw invalid('该课题不在本轮评审中', { fields: [{ field: 'projectId', message: '不在本轮评审中' }] });
    }
    if (!(await repo.expertsAmong([expertId])).has(expertId)) {
      throw invalid('所选人员不是评审专家', {
        fields: [{ field: 'expertId', message: '须为拥有「评审专家」角色的人员' }],
      });
    }
    const existing = await repo.assignments(round.id, expertId);
    if (existing.some((a) => a.project_id === projectId)) throw conflict('该专家已分配到这个课题');
    const facts = await loadConflictFacts(trx, [expertId], [projectId]);
    const expert = facts.experts.get(expertId);
    const item = facts.items.get(projectId);
    const reason = expert && item ? conflictReason(expert, item, facts.districtOf) : '课题不存在';
    if (reason) throw conflict(reason, { projectId, expertId });
    const row = this.newAssignment(round.id, projectId, expertId);
    await repo.insertAssignments([row]);
    if (!(await repo.expertRounds([round.id], expertId)).has(round.id)) {
      await repo.insertRoundExperts([{ round_id: round.id, expert_id: expertId }]);
    }
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'review.assign',
      entity: 'review_assignment',
      entityId: row.id,
      orgId: round.org_id,
      after: row,
      ip: ctx.ip,
    });
    await this.tellExperts(trx, round, [row]);
    const [created] = await this.present(trx, ctx, round, rights, await repo.assignmentsByIds(round.id, [row.id]));
    return created;
  }

  private newAssignment(roundId: string, projectId: string, expertId: string) {
    return {
      id: newId(),
      round_id: roundId,
      project_id: projectId,
      expert_id: expertId,
      scores: null,
      total: null,
      comment: null,
      submitted_at: null,
      version: 1,
      created_at: nowIso(),
    };
  }

  /** Tops every project up to expertsPerItem experts, least-loaded first, skipping conflicts. */
  private async auto(trx: Kysely<DB>, ctx: Ctx, round: RoundRow, rights: RoundRights) {
    const repo = new ReviewRepo(trx);
    const [projects, experts, existing] = await Promise.all([
      repo.roundProjects(round.id),
      repo.roundExperts(round.id),
      repo.assignments(round.id),
    ]);
    const expertIds = experts.map((e) => e.id);
    const facts = await loadConflictFacts(
      trx,
      expertIds,
      projects.map((p) => p.project_id),
    );
    const load = new Map(expertIds.map((id) => [id, existing.filter((a) => a.expert_id === id).length]));
    const conflicted = new Map<string, number>();
    const open: OpenItem[] = projects.map((p) => {
      const taken = new Set(existing.filter((a) => a.project_id === p.project_id).map((a) => a.expert_id));
      const item = facts.items.get(p.project_id);
      const eligible = expertIds.filter((e) => {
        if (taken.has(e)) return false;
        const expert = facts.experts.get(e);
        const blocked = !item || !expert || conflictReason(expert, item, facts.districtOf) !== null;
        if (blocked) conflicted.set(p.project_id, (conflicted.get(p.project_id) ?? 0) + 1);
        return !blocked;
      });
      return { projectId: p.project_id, code: p.code, need: round.experts_per_item - taken.size, eligible };
    });
    const { pairs, short } = balancedAssignment(open, load);
    const rows = pairs.map((p) => this.newAssignment(round.id, p.projectId, p.expertId));
    await repo.insertAssignments(rows);
    const skipped = short.map((s) => ({
      ...s,
      reason: `符合回避规定的专家不足，还缺 ${s.missing} 位（${conflicted.get(s.projectId) ?? 0} 位专家须回避）`,
    }));
    await writeAudit(trx, {
      actorId: ctx.principal.personId,
      action: 'review.assign_auto',
      entity: 'review_round',
      entityId: round.id,
      orgId: round.org_id,
      after: { assignments: rows, skipped },
      ip: ctx.ip,
    });
    await this.tellExperts(trx, round, rows);
    const created = await repo.assignmentsByIds(
      round.id,
      rows.map((r) => r.id),
    );
    return { items: await this.present(trx, ctx, round, rights, created), skipped };
  }

  /** Tells each expert how many new items wait for them (no project names: the round may be blind). */
  private async tellExperts(trx: Kysely<DB>, round: RoundRow, rows: readonly { id: string; expert_id: string }[]) {
    const byExpert = new Map<string, string[]>();
    for (const r of rows) byExpert.set(r.expert_id, [...(byExpert.get(r.expert_id) ?? []), r.id]);
    for (const [expertId, ids] of byExpert) {
      await notify(trx, {
        personIds: [expertId],
        kind: 'review_assigned',
        ...noticeWithBody('review_assigned', { round: round.title }, 'reviews_waiting', { n: String(ids.length) }),
        link: ids.length === 1 ? `/reviews/${round.id}/assignments/${ids[0]}` : '/reviews',
        orgId: round.org_id,
      });
    }
  }

  /** Withdraws an assignment before the expert has scored. */
  async remove(ctx: Ctx, roundId: string, assignmentId: string) {
    await this.database.db.transaction().execute(async (trx) => {
      const { round } = await requireManagedRound(trx, ctx.principal, roundId);
      const repo = new ReviewRepo(trx);
      const a = await repo.assignmentById(roundId, assignmentId);
      if (!a) throw notFound('评审任务');
      if (a.submitted_at !== null) throw conflict('专家已评分，不能撤销这项分配');
      await repo.deleteAssignment(assignmentId);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'review.unassign',
        entity: 'review_assignment',
        entityId: assignmentId,
        orgId: round.org_id,
        before: a,
        ip: ctx.ip,
      });
    });
  }

  /** The project behind an assignment, as its expert sees it (blinded in a blind round). */
  async project(ctx: Ctx, roundId: string, assignmentId: string): Promise<ReviewProjectDto> {
    const db = this.database.db;
    const { round, rights, assignment: a } = await requireAssignment(db, ctx.principal, roundId, assignmentId);
    const repo = new ReviewRepo(db);
    const [facts, files, members, identity] = await Promise.all([
      loadProjectFacts(db, [a.project_id]),
      repo.projectFiles(a.project_id),
      repo.members([a.project_id]),
      repo.projectIdentity(a.project_id),
    ]);
    const project = facts.get(a.project_id);
    if (!project || !identity) throw notFound('课题');
    const who = {
      hostName: identity.host_name,
      schoolName: identity.school_name,
      members: members.map((m) => ({ name: m.name, role: m.role })),
    };
    const blind = toBool(round.blind) && !rights.manage;
    return presentReviewProject(a.id, a.code, project, files, who, blind);
  }
}
