import type { Ctx } from '../../access/principal.js';
import type { Database } from '../../db/database.js';
import { fromJson, nowIso, toBool, toJson } from '../../db/dialect.js';
import { conflict, forbidden, notFound, staleVersion } from '../../errors.js';
import { writeAudit } from '../audit/audit.repo.js';
import { settleNotifications } from '../notifications/notify.js';
import { requireRound } from './reviews.access.js';
import { presentAssignment, rubricOf } from './reviews.presenter.js';
import { ReviewRepo } from './reviews.repo.js';
import { aggregate, criterionMeans, rankByMean, weightedTotal } from './reviews.rules.js';
import type { AssignmentDto, ResultDto, ScoreBody } from './reviews.schema.js';

/** Experts' score sheets and the round's aggregated, ranked results. */
export class ScoreService {
  constructor(private readonly database: Database) {}

  /** The assigned expert scores (or re-scores) a project while the round is open. */
  async score(ctx: Ctx, roundId: string, body: ScoreBody): Promise<AssignmentDto> {
    return this.database.db.transaction().execute(async (trx) => {
      const { round, rights } = await requireRound(trx, ctx.principal, roundId);
      const repo = new ReviewRepo(trx);
      const a = await repo.assignmentById(roundId, body.assignmentId);
      if (!a) throw notFound('评审任务');
      if (a.expert_id !== ctx.principal.personId) throw forbidden('只有分配到的专家可以为这个课题评分');
      if (round.status !== 'open') throw conflict('本轮评审已结束，不能再评分');
      if (body.version !== undefined && body.version !== a.version) throw staleVersion();
      const total = weightedTotal(rubricOf(round), body.scores);
      const sheet = { scores: toJson(body.scores), total, comment: body.comment, submitted_at: nowIso() };
      if (!(await repo.saveScores(a.id, a.version, sheet))) throw staleVersion();
      const [after] = await repo.assignmentsByIds(roundId, [a.id]);
      await writeAudit(trx, {
        actorId: ctx.principal.personId,
        action: 'review.score',
        entity: 'review_assignment',
        entityId: a.id,
        orgId: round.org_id,
        before: { scores: a.scores, total: a.total, comment: a.comment, version: a.version },
        after: { ...sheet, version: after.version },
        ip: ctx.ip,
      });
      // The assignment's own notice is settled; one naming several (linked to the list) once none is left open.
      await settleNotifications(trx, a.expert_id, 'review_assigned', `/reviews/${roundId}/assignments/${a.id}`);
      if ((await repo.unscoredOf(a.expert_id)) === 0)
        await settleNotifications(trx, a.expert_id, 'review_assigned', '/reviews');
      const terms = toBool(round.blind) ? ((await repo.identityTerms([a.project_id])).get(a.project_id) ?? []) : [];
      return presentAssignment(after, round, rights, ctx.principal, terms);
    });
  }

  /** Per project: mean, trimmed mean, spread and rank — for the managing side only. */
  async results(ctx: Ctx, roundId: string): Promise<{ roundId: string; items: ResultDto[] }> {
    const db = this.database.db;
    const { round, rights } = await requireRound(db, ctx.principal, roundId);
    if (!rights.manage) throw notFound('评审结果');
    const repo = new ReviewRepo(db);
    const [projects, assignments] = await Promise.all([repo.roundProjects(roundId), repo.assignments(roundId)]);
    const rubric = rubricOf(round);
    const rows = projects.map((p) => {
      const mine = assignments.filter((a) => a.project_id === p.project_id);
      const done = mine.filter((a) => a.submitted_at !== null && a.total !== null);
      const sheets = done.map((a) => fromJson<Record<string, number>>(a.scores, {}));
      return {
        projectId: p.project_id,
        code: p.code,
        title: p.title,
        assigned: mine.length,
        ...aggregate(done.map((a) => Number(a.total))),
        byCriterion: criterionMeans(rubric, sheets),
      };
    });
    return { roundId, items: rankByMean(rows) };
  }
}
