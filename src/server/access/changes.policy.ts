import type { Principal } from './principal.js';
import { type ProjectFacts, projectActors } from './projects.policy.js';

/**
 * Who may ask for, endorse, decide and withdraw a change request (变更申请) of a running project:
 * members, title, end date (延期) or termination (撤项). Read access is the project's
 * (requireReadableProject); these rules, built on `projectActors`, decide the rest.
 */

/** Stages in which a project may ask for a change. */
export const CHANGE_STAGES: readonly string[] = ['approved', 'in_progress', 'midterm_passed'];

/** What a change request needs to be judged: its status and who asked. */
export interface ChangeFacts {
  status: string;
  requestedBy: string | null;
}

/** Whether the principal may ask for a change now: the host, or the school director on their behalf. */
export function mayRequestChange(p: Principal, f: ProjectFacts): boolean {
  const actors = projectActors(p, f);
  return CHANGE_STAGES.includes(f.stage) && (actors.has('host') || actors.has('school'));
}

/**
 * Whether a new request skips the school's endorsement: when the school itself manages the
 * project, or when the school director is the one asking.
 */
export function endorsedOnRequest(p: Principal, f: ProjectFacts): boolean {
  return f.managerPath === f.schoolPath || projectActors(p, f).has('school');
}

/** The caller's abilities on one change request. */
export function changeAbilities(p: Principal, f: ProjectFacts, c: ChangeFacts) {
  const actors = projectActors(p, f);
  const running = CHANGE_STAGES.includes(f.stage);
  const atSchool = c.status === 'pending_school' && actors.has('school');
  const atManager = c.status === 'pending_manager' && actors.has('manager');
  return {
    endorse: running && atSchool,
    approve: running && atManager,
    // The school may decline to endorse; the managing org rejects with its opinion.
    reject: atSchool || atManager,
    withdraw:
      (c.status === 'pending_school' || c.status === 'pending_manager') &&
      c.requestedBy !== null &&
      c.requestedBy === p.personId,
  };
}
