import { allows } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may see and keep the rules, compliance and assessment (制度·考核) of an org. Reading a view of an
 * org takes either a grant over it (`org.read`: the school's teachers, leaders, the district office)
 * or a grant inside it (a group leader looking at their school); the rows are then cut to the
 * teachers the caller may read. Editing the rules takes `rules.manage` over the school.
 */

/** An org whose view is asked for. */
export interface ViewedOrg {
  path: string;
}

export function canViewOrg(p: Principal, org: ViewedOrg): boolean {
  return allows(p, 'org.read', [org.path]) || p.grants.some((g) => g.orgPath?.startsWith(org.path) === true);
}

export function canManageRules(p: Principal, org: ViewedOrg): boolean {
  return allows(p, 'rules.manage', [org.path]);
}

/** A teacher as the policy sees them: their home org and their groups. */
export interface TeacherSubject {
  personId: string;
  paths: readonly string[];
}

/** A teacher always reads their own; a group leader their group; the school and the district office theirs. */
export function canReadCompliance(p: Principal, s: TeacherSubject): boolean {
  return p.personId === s.personId || allows(p, 'compliance.read', s.paths);
}

export function canReadAssessment(p: Principal, s: TeacherSubject): boolean {
  return p.personId === s.personId || allows(p, 'assessment.read', s.paths);
}

/**
 * Whether the caller reads the research assessment of every teacher under the org: what `canReadAssessment`
 * answers for each of them, decided once for the org (a grant at or above it).
 */
export function readsEveryAssessment(p: Principal, org: ViewedOrg): boolean {
  return canViewOrg(p, org) && allows(p, 'assessment.read', [org.path]);
}

/** Sending reminders to those behind: whoever reads the teacher's compliance beyond their own. */
export function canRemind(p: Principal, s: TeacherSubject): boolean {
  return allows(p, 'compliance.read', s.paths);
}
