import type { Kysely } from 'kysely';
import { expertPoolPaths } from '../../access/access.js';
import type { Ctx } from '../../access/principal.js';
import { canReadProject, projectActors } from '../../access/projects.policy.js';
import type { Database } from '../../db/database.js';
import { fromBool, fromJson, newId, nowIso, toJson } from '../../db/dialect.js';
import type { DB } from '../../db/types.js';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { loadProjectFacts } from '../projects/projects.access.js';
import { STAGE_LABELS, type Stage } from '../projects/projects.workflow.js';
import { AssignmentService } from './assignments.service.js';
import { ConflictService } from './conflicts.service.js';
import { requireManagedRound, requireRound } from './reviews.access.js';
import { manageScope, type RoundRights, roundRights } from './reviews.policy.js';
import { presentRound } from './reviews.presenter.js';
import { ReviewRepo, type RoundRow } from './reviews.repo.js';
import { anonymousCodes } from './reviews.rules.js';
import {
  type CreateRound,
  DEFAULT_RUBRIC,
  ROUND_KIND_LABELS,
  type RoundDto,
  type RoundFilter,
  type RoundKind,
  type UpdateRound,
} from './reviews.schema.js';
import { ScoreService } from './scores.service.js';

/** The stage a project must be in to enter a round of each kind. */
const STAGE_FOR: Record<RoundKind, Stage> = {
  application: 'in_review',
  midterm: 'in_progress',
  conclusion: 'conclusion_requested',
};

/** Expert review (专家评审): rounds; assignments, scores and conflicts live in sub-services. */
export class ReviewService {
  readonly assignments: AssignmentService;
  readonly scores: ScoreService;
  readonly conflicts: ConflictService;

  /** The experts the caller may invite (专家库): pools at or above their office, or inside it. */
  async experts(ctx: Ctx) {
    const paths = expertPoolPaths(ctx.principal);
    if (paths !== null && paths.length === 0) throw notFound('专家库');
    const rows = await new ReviewRepo(this.database.db).expertPool();
    const seen = new Set<string>();
    const items = [];
    for (const r of rows) {
      const gp = r.grant_path;
      const visible = paths === null || (gp !== null && paths.some((p) => p.startsWith(gp) || gp.startsWith(p)));
      if (!visible || seen.has(r.id)) continue;
      seen.add(r.id);
      items.push({
        id: r.id,
        name: r.name,
        orgName: r.org_name,
        subjects: fromJson<string[]>(r.subjects, []),
        title: r.title,
      });
    }
    return items;
  }

  constructor(private readonly database: Database) {
    this.assignments = new AssignmentService(database);
    this.scores = new ScoreService(database);
    this.conflicts = new ConflictService(database);
  }

  async list(ctx: Ctx, f: RoundFilter, page: number, pageSize: number) {
    const repo = new ReviewRepo(this.database.db);
    const me = ctx.principal.personId;
    const { rows, total } = await repo.listRounds(manageScope(ctx.principal), me, f, page, pageSize);
    const ids = rows.map((r) => r.id);
    const [counts, mine] = await Promise.all([repo.counts(ids), repo.expertRounds(ids, me)]);
    const items = rows.map((r) =>
      presentRound(r, roundRights(ctx.principal, r.org_path, mine.has(r.id)), {
        projectCount: counts.get(r.id)?.projects ?? 0,
        expertCount: counts.get(r.id)?.experts ?? 0,
      }),
    );
    return { items, total };
  }

  async get(ctx: Ctx, id: string): Promise<RoundDto> {
    const { round, rights } = await requireRound(this.database.db, ctx.principal, id);
    return this.present(this.database.db, round, rights);
  }

  private async present(db: Kysely<DB>, round: RoundRow, rights: RoundRights): Promise<RoundDto> {
    const repo = new ReviewRepo(db);
    const counts = (await repo.counts([round.id])).get(round.id);
    const extra: Pick<RoundDto, 'projectCount' | 'expertCount' | 'projects' | 'experts'> = {
      projectCount: counts?.projects ?? 0,
      expertCount: counts?.experts ?? 0,
    };
    if (rights.manage) {
      const [projects, experts] = await Promise.all([repo.roundProjects(round.id), repo.roundExperts(round.id)]);
      extra.projects = projects.map((p) => ({ projectId: p.project_id, code: p.code, title: p.title }));
      extra.experts = experts.map((e) => ({ id: e.id, name: e.name }));
    }
    return presentRound(round, rights, extra);
  }

  /** Checks the projects: visible (else 404), managed by the caller (else 403), one manager org, right stage. */
  private async checkProjects(trx: Kysely<DB>, ctx: Ctx, kind: RoundKind, projectIds: readonly string[]) {
    const facts = await loadProjectFacts(trx, projectIds);
    const projects = projectIds.map((id) => facts.get(id));
    const found = projects.filter((p) => p !== undefined);
    if (found.length !== projectIds.length || !found.every((p) => canReadProject(ctx.principal, p.facts))) {
      throw notFound('课题');
    }
    if (!found.every((p) => projectActors(ctx.principal, p.facts).has('manager'))) {
      throw forbidden('只有课题的管理单位可以组织专家评审');
    }
    const orgIds = new Set(found.map((p) => p.manager_org_id));
    const [orgId] = [...orgIds];
    if (orgIds.size !== 1 || !orgId) throw invalid('所选课题须属于同一管理单位');
    const want = STAGE_FOR[kind];
    const wrong = found.find((p) => p.stage !== want);
    if (wrong) {
      const labels: Readonly<Record<string, string>> = STAGE_LABELS;
      const now = labels[wrong.stage] ?? wrong.stage;
      throw conflict(
        `课题「${wrong.title}」当前为「${now}」，不能参加${ROUND_KIND_LABELS[kind]}（须处于「${STAGE_LABELS[want]}」）`,
        { projectId: wrong.id },
      );
    }
    return orgId;
  }

  async create(ctx: Ctx, body: CreateRound): Promise<RoundDto> {
    const projectIds = [...new Set(body.projectIds)];
    const expertIds = [...new Set(body.expertIds)];
    if (body.expertsPerItem > expertIds.length) {
      throw invalid('每个课题的评审专家人数不能多于所选专家人数', {
        fields: [{ field: 'expertsPerItem', message: '多于所选专家人数' }],
      });
    }
    const rubric = body.rubric ?? DEFAULT_RUBRIC;
    const id = await this.database.db.transaction().execute(async (trx) => {
      const orgId = await this.checkProjects(trx, ctx, body.kind, projectIds);
      const repo = new ReviewRepo(trx);
      const experts = await repo.expertsAmong(expertIds);
      const notExperts = expertIds.filter((e) => !experts.has(e));
      if (notExperts.length > 0) {
        throw invalid('所选人员中有人不是评审专家', {
          fields: [{ field: 'expertIds', message: '须为拥有「评审专家」角色的人员' }],
          expertIds: notExperts,
        });
      }
      const now = nowIso();
      const row = {
        id: newId(),
        org_id: orgId,
        title: body.title,
        kind: body.kind,
        blind: fromBool(body.blind),
        experts_per_item: body.expertsPerItem,
        rubric: toJson(rubric),
        status: 'open',
        closes_at: null,
        version: 1,
        created_by: ctx.principal.personId,
        created_at: now,
        updated_at: now,
      };
      await repo.insertRound(row);
      const codes = anonymousCodes(row.id, body.kind, projectIds);
      await repo.insertRoundProjects(
        projectIds.map((p) => ({ round_id: row.id, project_id: p, code: codes.get(p) ?? '' })),
      );
      await repo.insertRoundExperts(expertIds.map((e) => ({ round_id: row.id, expert_id: e })));
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'review.create',
        entity: 'review_round',
        entityId: row.id,
        orgId,
        after: { ...row, projects: Object.fromEntries(codes), expertIds },
        ip: ctx.ip,
      });
      return row.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: Ctx, id: string, body: UpdateRound): Promise<RoundDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { round: before, rights } = await requireManagedRound(trx, ctx.principal, id);
      const patch: { updated_at: string; title?: string; status?: string } = { updated_at: nowIso() };
      if (body.title !== undefined) patch.title = body.title;
      if (body.status !== undefined) patch.status = body.status;
      const repo = new ReviewRepo(trx);
      if (!(await repo.updateRound(id, body.version, patch))) throw staleVersion();
      const after = await repo.roundById(id);
      if (!after) throw notFound('评审轮次');
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'review.update',
        entity: 'review_round',
        entityId: id,
        orgId: before.org_id,
        before,
        after,
        ip: ctx.ip,
      });
      return this.present(trx, after, rights);
    });
  }
}
