import type { Kysely } from 'kysely';
import type { Principal } from '../../access/principal.js';
import type { DB } from '../../db/types.js';
import { forbidden, notFound } from '../../errors.js';
import { type RoundRights, roundRights, seesRound } from './reviews.policy.js';
import { ReviewRepo, type RoundRow } from './reviews.repo.js';

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
