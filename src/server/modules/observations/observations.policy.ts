import { allows, scopeFor } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may see and act on a lesson observation (听课记录). A draft is the observer's alone. Once
 * submitted: the observer, the observed teacher (without the observer's name when the school hides
 * it), a group leader for the group's members, the school's director and leaders, and research
 * offices for their subtree (`observation.read`). Only the observer edits and submits; only the
 * school director (`observation.manage`) reopens a submitted record.
 */

export interface ObservationFacts {
  observerId: string;
  teacherId: string;
  status: string;
  /** The observed teacher's school path. */
  schoolPath: string;
  /** The school path and the paths of the observed teacher's groups. */
  teacherPaths: readonly string[];
}

const shared = (f: ObservationFacts) => f.status !== 'draft';

/** Whether the principal reads the record through a role (not only as observer or observed). */
export function readsByRole(p: Principal, f: ObservationFacts): boolean {
  return shared(f) && allows(p, 'observation.read', f.teacherPaths);
}

export function canReadObservation(p: Principal, f: ObservationFacts): boolean {
  if (p.personId === f.observerId) return true;
  return shared(f) && (p.personId === f.teacherId || readsByRole(p, f));
}

/** Whether the observer's identity is shown to this reader. */
export function showsObserver(p: Principal, f: ObservationFacts, schoolShowsObserver: boolean): boolean {
  return schoolShowsObserver || p.personId === f.observerId || readsByRole(p, f);
}

export function canManageObservations(p: Principal, schoolPath: string): boolean {
  return allows(p, 'observation.manage', [schoolPath]);
}

/** The caller's abilities on one observation. */
export function observationAbilities(p: Principal, f: ObservationFacts) {
  const open = f.status === 'draft' || f.status === 'reopened';
  const own = p.personId === f.observerId;
  return {
    edit: own && open,
    submit: own && open,
    reopen: f.status === 'submitted' && canManageObservations(p, f.schoolPath),
    /** A draft never submitted, by its observer (see ObservationService.removeDraft). */
    delete: own && f.status === 'draft',
  };
}

/** The list scope as a repository turns it into one WHERE clause. */
export interface ObservationScope {
  selfId: string;
  all: boolean;
  prefixes: string[];
  /** Whether rows seen only as the observed teacher are included. */
  asObserved: boolean;
}

export function observationScope(p: Principal, asObserved = true): ObservationScope {
  const scope = scopeFor(p, 'observation.read');
  return { selfId: p.personId, all: scope.all, prefixes: scope.all ? [] : scope.prefixes, asObserved };
}
