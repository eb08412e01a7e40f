import type { Scope } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may do what on a review round (专家评审) — the one rights function every surface asks
 * (round, assignments, project view, scores, results, conflicts), HotCRP-style.
 * The managing side: a research office, school research director or system admin whose grant
 * covers the round's org. The reviewing side: an expert listed in the round.
 */
const MANAGER_ROLES = ['sysadmin', 'research_admin', 'school_director'] as const;

/** The org subtrees whose rounds the principal manages. */
export function manageScope(p: Principal): Scope {
  const prefixes: string[] = [];
  for (const g of p.grants) {
    if (!(MANAGER_ROLES as readonly string[]).includes(g.role)) continue;
    if (g.orgPath === null) return { all: true };
    prefixes.push(g.orgPath);
  }
  return { all: false, prefixes };
}

/** Whether the principal manages rounds whose org has this path. */
export function managesOrg(p: Principal, orgPath: string | null): boolean {
  const scope = manageScope(p);
  if (scope.all) return true;
  return orgPath !== null && scope.prefixes.some((prefix) => orgPath.startsWith(prefix));
}

/** Whether the principal holds a managing role anywhere (may record conflicts of interest). */
export function managesAnywhere(p: Principal): boolean {
  return p.grants.some((g) => (MANAGER_ROLES as readonly string[]).includes(g.role));
}

/** The capacities the principal holds on one round. */
export interface RoundRights {
  manage: boolean;
  review: boolean;
}

export function roundRights(p: Principal, orgPath: string, isRoundExpert: boolean): RoundRights {
  return { manage: managesOrg(p, orgPath), review: isRoundExpert };
}

/** Whether the round exists for the principal at all (otherwise 404). */
export const seesRound = (r: RoundRights) => r.manage || r.review;

/** The caller's abilities on a round, for the client to show or hide actions. */
export function roundAbilities(r: RoundRights, status: string) {
  const open = status === 'open';
  return { update: r.manage, assign: r.manage && open, results: r.manage, score: r.review && open };
}

/** The caller's abilities on one assignment. */
export function assignmentAbilities(
  p: Principal,
  r: RoundRights,
  a: { expert_id: string; submitted_at: string | null },
  status: string,
) {
  const open = status === 'open';
  return {
    score: open && a.expert_id === p.personId,
    delete: open && r.manage && a.submitted_at === null,
  };
}
