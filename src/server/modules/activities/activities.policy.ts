import { allows, scopeFor } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may see and record a teaching-research activity (教研活动). Reading: everyone whose grant
 * covers the organiser (`activity.read`), every member of the organiser's school, the presenter and
 * the linked project's host. Recording, editing, attendance and deleting: the school director (the
 * school and its groups), a group leader (their group), and the host of the linked project.
 */

/** What the policy needs to know about an activity (or one about to be recorded). */
export interface ActivityFacts {
  /** Path of the organiser (a school or a group). */
  orgPath: string;
  /** The organiser's school. */
  schoolId: string;
  presenterId: string | null;
  /** Host of the linked project, if any. */
  projectHostId: string | null;
}

export function canReadActivity(p: Principal, f: ActivityFacts, homeSchoolId: string | null): boolean {
  return (
    allows(p, 'activity.read', [f.orgPath]) ||
    (homeSchoolId !== null && homeSchoolId === f.schoolId) ||
    p.personId === f.presenterId ||
    p.personId === f.projectHostId
  );
}

export function canManageActivity(p: Principal, f: ActivityFacts): boolean {
  return allows(p, 'activity.manage', [f.orgPath]) || (f.projectHostId !== null && p.personId === f.projectHostId);
}

/** The caller's abilities on one activity. */
export function activityAbilities(p: Principal, f: ActivityFacts) {
  const manage = canManageActivity(p, f);
  return { edit: manage, delete: manage, attendance: manage };
}

/** The list scope as a repository turns it into one WHERE clause (any term matching makes a row visible). */
export interface ActivityScope {
  all: boolean;
  prefixes: string[];
  homeSchoolId: string | null;
  personId: string;
}

export function activityScope(p: Principal, homeSchoolId: string | null): ActivityScope {
  const scope = scopeFor(p, 'activity.read');
  return scope.all
    ? { all: true, prefixes: [], homeSchoolId, personId: p.personId }
    : { all: false, prefixes: scope.prefixes, homeSchoolId, personId: p.personId };
}
