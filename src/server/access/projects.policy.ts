import { coversSubtree } from './access.js';
import type { Principal } from './principal.js';

/**
 * Who may see and act on a research project (课题). One function answers for every surface
 * (lists, items, transitions, reports, files, exports); experts reach projects only through
 * review assignments (reviews module), never through this policy.
 */

/** What the policy needs to know about a project: the org paths around it and its people. */
export interface ProjectFacts {
  stage: string;
  hostId: string;
  memberIds: readonly string[];
  /** Path of the owning school. */
  schoolPath: string;
  /** Path of the org whose desk the application is on (school → district → …); null once approved. */
  holderPath: string | null;
  /** Path of the org that approves, reviews and concludes. */
  managerPath: string | null;
}

/** The capacities in which a principal may act on a project. */
export type ProjectActor = 'host' | 'member' | 'school' | 'tier' | 'manager';

const PRE_APPROVAL = new Set(['school_recommended', 'district_recommended', 'in_review', 'rejected']);
const RUNNING = new Set([
  'approved',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
  'terminated',
]);

const grantsOf = (p: Principal, roles: readonly string[]) => p.grants.filter((g) => roles.includes(g.role));
const isSysadmin = (p: Principal) => p.grants.some((g) => g.role === 'sysadmin' && g.orgPath === null);

/** The capacities the principal holds on this project. */
export function projectActors(p: Principal, f: ProjectFacts): Set<ProjectActor> {
  const out = new Set<ProjectActor>();
  if (p.personId === f.hostId) out.add('host');
  if (f.memberIds.includes(p.personId)) out.add('member');
  const sys = isSysadmin(p);
  if (sys || grantsOf(p, ['school_director']).some((g) => g.orgPath && f.schoolPath.startsWith(g.orgPath)))
    out.add('school');
  const admins = grantsOf(p, ['research_admin', 'school_director']);
  if (f.holderPath && (sys || admins.some((g) => g.orgPath === f.holderPath))) out.add('tier');
  if (f.managerPath && (sys || admins.some((g) => g.orgPath === f.managerPath))) out.add('manager');
  return out;
}

/** Whether the principal may read the project (and so its reports, files and history). */
export function canReadProject(p: Principal, f: ProjectFacts): boolean {
  if (isSysadmin(p)) return true;
  if (p.personId === f.hostId || f.memberIds.includes(p.personId)) return true;
  const inSchool = (roles: string[]) => grantsOf(p, roles).some((g) => g.orgPath && f.schoolPath.startsWith(g.orgPath));
  if (inSchool(['school_director', 'school_leader'])) return f.stage !== 'draft' || inSchool(['school_director']);
  if (RUNNING.has(f.stage) && inSchool(['teacher', 'group_leader'])) return true;
  for (const g of grantsOf(p, ['research_admin'])) {
    if (!g.orgPath || !f.schoolPath.startsWith(g.orgPath)) continue;
    if (RUNNING.has(f.stage)) return true;
    // Before approval an office sees an application only once it has reached its desk.
    if (PRE_APPROVAL.has(f.stage) && f.holderPath && g.orgPath.startsWith(f.holderPath)) return true;
  }
  return false;
}

/** Whether the principal may edit the application text (members, sections) now. */
export function canEditApplication(p: Principal, f: ProjectFacts): boolean {
  const actors = projectActors(p, f);
  if (f.stage === 'draft') return actors.has('host') || actors.has('school');
  return false;
}

/**
 * The same read rule as `canReadProject`, as terms a repository turns into one WHERE clause
 * (so lists are scoped in SQL, not row by row). A project is visible when any term matches.
 */
export type ProjectScopeTerm =
  | { kind: 'all' }
  | { kind: 'own'; personId: string }
  | { kind: 'school'; prefix: string; stages: 'any' | 'not_draft' | 'running' }
  | { kind: 'office'; prefix: string };

export function projectScope(p: Principal): ProjectScopeTerm[] {
  if (isSysadmin(p)) return [{ kind: 'all' }];
  const terms: ProjectScopeTerm[] = [{ kind: 'own', personId: p.personId }];
  for (const g of p.grants) {
    if (!g.orgPath || !g.orgId) continue;
    if (g.role === 'school_director') terms.push({ kind: 'school', prefix: g.orgPath, stages: 'any' });
    else if (g.role === 'school_leader') terms.push({ kind: 'school', prefix: g.orgPath, stages: 'not_draft' });
    else if (g.role === 'teacher' || g.role === 'group_leader')
      terms.push({ kind: 'school', prefix: g.orgPath, stages: 'running' });
    else if (g.role === 'research_admin') terms.push({ kind: 'office', prefix: g.orgPath });
  }
  return terms;
}

/** True when the terms read every project of the schools under `path` (a director's own school). */
export function readsAllProjectsUnder(terms: readonly ProjectScopeTerm[], path: string | undefined): boolean {
  const whole = terms.flatMap((t) => (t.kind === 'school' && t.stages === 'any' ? [t.prefix] : []));
  return coversSubtree(whole, path);
}

export const RUNNING_STAGES = [...RUNNING];
export const PRE_APPROVAL_STAGES = [...PRE_APPROVAL];
