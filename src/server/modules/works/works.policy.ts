import { allows, scopeFor } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';
import type { EntryStatus } from './works.schema.js';

/**
 * Who may see and keep a work (论文·成果) and its entries: its authors and whoever recorded it; the
 * school and offices above it with `work.read` / `work.manage`; a pre-reviewer (any teacher the school
 * assigns) reads the works of the entries assigned to them and scores only their own assignment.
 * Pre-review assignment and the recommend / not decision (论文定质) take `prereview.manage`.
 */
export interface WorkSubject {
  /** The work's school path. */
  orgPath: string;
  authorIds: readonly string[];
  createdBy: string | null;
  /** The caller is assigned as a pre-reviewer of one of its entries. */
  reviewer: boolean;
}

const isOwner = (p: Principal, w: WorkSubject) => w.authorIds.includes(p.personId) || w.createdBy === p.personId;

export const canManageWorks = (p: Principal, w: WorkSubject) => allows(p, 'work.manage', [w.orgPath]);
export const canPrereview = (p: Principal, w: WorkSubject) => allows(p, 'prereview.manage', [w.orgPath]);

export function canReadWork(p: Principal, w: WorkSubject): boolean {
  return isOwner(p, w) || w.reviewer || allows(p, 'work.read', [w.orgPath]);
}

/** Reads everything about the work (all entries, all pre-review scores): owners and the school. */
export function seesWholeWork(p: Principal, w: WorkSubject): boolean {
  return isOwner(p, w) || allows(p, 'work.read', [w.orgPath]);
}

/** Edit, delete, enter in competitions, record publications and results: the owners or the school. */
export function canKeepWork(p: Principal, w: WorkSubject): boolean {
  return isOwner(p, w) || canManageWorks(p, w);
}

/** Statuses in which a result (获奖) may be recorded: after the school recommended the entry. */
export const RESULT_STATUSES: readonly EntryStatus[] = ['recommended', 'submitted', 'awarded', 'not_awarded'];
/** Statuses in which the school may (re)decide the pre-review. */
export const DECIDE_STATUSES: readonly EntryStatus[] = ['prereview', 'recommended', 'not_recommended'];

/** The caller's abilities on one entry of a work. */
export function entryAbilities(p: Principal, w: WorkSubject, status: string, hasResult: boolean) {
  const keep = canKeepWork(p, w);
  const prereview = canPrereview(p, w);
  const resultOk = RESULT_STATUSES.some((s) => s === status);
  return {
    update: keep,
    delete: canManageWorks(p, w) || (keep && status === 'prereview'),
    assign: prereview && status === 'prereview',
    decide: prereview && DECIDE_STATUSES.some((s) => s === status),
    result: keep && resultOk,
    uploadCertificate: keep && resultOk && hasResult,
  };
}

/** The caller's abilities on a work. */
export function workAbilities(p: Principal, w: WorkSubject) {
  const keep = canKeepWork(p, w);
  return { update: keep, delete: keep, enter: keep, manage: canManageWorks(p, w), prereview: canPrereview(p, w) };
}

/** The list scope as one WHERE clause: own and co-authored works, assigned ones, and granted subtrees. */
export interface WorkScope {
  selfId: string;
  all: boolean;
  prefixes: string[];
  /** Include the works the caller pre-reviews (the works list does; entry and award lists do not). */
  reviewer?: boolean;
}

export function workScope(p: Principal): WorkScope {
  const scope = scopeFor(p, 'work.read');
  return scope.all
    ? { selfId: p.personId, all: true, prefixes: [] }
    : { selfId: p.personId, all: false, prefixes: scope.prefixes };
}

/** The subtrees where the caller holds `prereview.manage`, as a work scope without own works. */
export function prereviewScope(p: Principal): WorkScope | null {
  const scope = scopeFor(p, 'prereview.manage');
  if (scope.all) return { selfId: '', all: true, prefixes: [] };
  return scope.prefixes.length ? { selfId: '', all: false, prefixes: scope.prefixes } : null;
}
