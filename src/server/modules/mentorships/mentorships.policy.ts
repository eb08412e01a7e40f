import { allows } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may see and run a mentoring pair (师徒结对): the mentor and the mentee see their pair; whoever
 * reads the teachers' growth records (`growth.read`: group leader, school, office) sees it too. The
 * school director pairs, edits, ends and evaluates (`mentorship.manage`); the monthly assessment
 * (每月考核) is the school's or the mentee's group leader's (`mentorship.assess`).
 */
export interface PairFacts {
  mentorId: string;
  menteeId: string;
  /** Path of the pair's school. */
  schoolPath: string;
  mentorGroupPaths: readonly string[];
  menteeGroupPaths: readonly string[];
}

export function canReadPair(p: Principal, f: PairFacts): boolean {
  if (p.personId === f.mentorId || p.personId === f.menteeId) return true;
  return allows(p, 'growth.read', [f.schoolPath, ...f.mentorGroupPaths, ...f.menteeGroupPaths]);
}

export function canManagePair(p: Principal, f: PairFacts): boolean {
  return allows(p, 'mentorship.manage', [f.schoolPath]);
}

export function canAssessPair(p: Principal, f: PairFacts): boolean {
  return allows(p, 'mentorship.assess', [f.schoolPath, ...f.menteeGroupPaths]);
}

/** The caller's abilities on one pair. */
export function pairAbilities(p: Principal, f: PairFacts) {
  const manage = canManagePair(p, f);
  return { update: manage, assess: canAssessPair(p, f), evaluate: manage };
}
