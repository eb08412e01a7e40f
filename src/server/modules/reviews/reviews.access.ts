import type { Kysely } from 'kysely';
import type { Principal } from '../../access/principal.js';
import type { DB } from '../../db/types.js';
import { forbidden, notFound } from '../../errors.js';
import { type RoundRights, roundRights, seesRound } from './reviews.policy.js';
import { type AssignmentRow, ReviewRepo, type RoundRow } from './reviews.repo.js';

/**
 * The one entry for every round sub-resource: the round and the caller's rights on it, or
 * not_found when the caller neither manages it nor reviews in it (existence is not disclosed).
 */
export async function requireRound(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<{ round: RoundRow; rights: RoundRights }> {
  const repo = new ReviewRepo(db);
  const round = await repo.roundById(id);
  if (!round) throw notFound('评审轮次');
  const isExpert = (await repo.expertRounds([id], principal.personId)).has(id);
  const rights = roundRights(principal, round.org_path, isExpert);
  if (!seesRound(rights)) throw notFound('评审轮次');
  return { round, rights };
}

/** Like requireRound, but only the managing side may go on (an expert of the round gets 403). */
export async function requireManagedRound(db: Kysely<DB>, principal: Principal, id: string) {
  const found = await requireRound(db, principal, id);
  if (!found.rights.manage) throw forbidden('只有评审组织方可以执行此操作');
  return found;
}

/**
 * One assignment of a round, for its expert or the round's managers: 404 when the round or the
 * assignment is not there for the caller, 403 for another expert of the same round.
 */
export async function requireAssignment(
  db: Kysely<DB>,
  principal: Principal,
  roundId: string,
  assignmentId: string,
): Promise<{ round: RoundRow; rights: RoundRights; assignment: AssignmentRow }> {
  const { round, rights } = await requireRound(db, principal, roundId);
  const assignment = await new ReviewRepo(db).assignmentById(roundId, assignmentId);
  if (!assignment) throw notFound('评审任务');
  if (!rights.manage && assignment.expert_id !== principal.personId) throw forbidden('这不是分配给您的评审任务');
  return { round, rights, assignment };
}
