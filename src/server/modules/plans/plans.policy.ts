import { allows, scopeFor } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may see and keep an org's semester plan (学期工作计划) and calendar:
 * - keep (create, edit, tick items): `plan.manage` on the org (教科室主任, the research office above);
 * - read: `plan.manage` or `stats.read` on the org, or anyone working inside it (a teacher reads their
 *   school's plan and the plans of the offices above it, where their items and deadlines come from).
 * Experts hold no grant that reads plans. Everything else answers not_found.
 */

/** The org paths a principal works inside: every ancestor-or-self path of their non-expert grants. */
export function memberPaths(p: Principal): string[] {
  const out = new Set<string>();
  for (const g of p.grants) {
    if (g.role === 'expert' || g.orgPath === null) continue;
    const ids = g.orgPath.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

export function canReadPlans(p: Principal, orgPath: string): boolean {
  return allows(p, 'plan.manage', [orgPath]) || allows(p, 'stats.read', [orgPath]) || memberPaths(p).includes(orgPath);
}

export function canManagePlans(p: Principal, orgPath: string): boolean {
  return allows(p, 'plan.manage', [orgPath]);
}

/** The caller's abilities on a plan of an org. */
export function planAbilities(p: Principal, orgPath: string) {
  const manage = canManagePlans(p, orgPath);
  return { update: manage, delete: manage, manageItems: manage };
}

/** The list scope: every org, or the subtrees read through grants plus the orgs worked inside. */
export interface PlanScope {
  all: boolean;
  prefixes: string[];
  exact: string[];
}

export function planScope(p: Principal): PlanScope {
  const manage = scopeFor(p, 'plan.manage');
  const stats = scopeFor(p, 'stats.read');
  if (manage.all || stats.all) return { all: true, prefixes: [], exact: [] };
  return { all: false, prefixes: [...manage.prefixes, ...stats.prefixes], exact: memberPaths(p) };
}
