import { allows, scopeFor } from '../../access/access.js';
import type { Principal } from '../../access/principal.js';

/**
 * Who may see and keep a teacher's growth records (专业发展), 八个一 and mentoring pairs: the teacher
 * themselves; a group leader their group's members; the school's director and leaders the school; a
 * research office its subtree (`growth.read`). Recording for someone else, editing and deleting
 * their records takes `growth.record` (the school director).
 */

/** The org paths around a teacher: the school the record belongs to, their home org and groups. */
export interface GrowthSubject {
  personId: string;
  paths: readonly string[];
}

export function canReadGrowth(p: Principal, s: GrowthSubject): boolean {
  return p.personId === s.personId || allows(p, 'growth.read', s.paths);
}

export function canRecordGrowth(p: Principal, s: GrowthSubject): boolean {
  return p.personId === s.personId || allows(p, 'growth.record', s.paths);
}

/** The caller's abilities on one growth record. */
export function growthAbilities(p: Principal, s: GrowthSubject) {
  const keep = canRecordGrowth(p, s);
  return { update: keep, delete: keep };
}

/** The list scope as a repository turns it into one WHERE clause: own records plus the granted subtrees. */
export interface GrowthScope {
  selfId: string;
  all: boolean;
  prefixes: string[];
}

export function growthScope(p: Principal): GrowthScope {
  const scope = scopeFor(p, 'growth.read');
  return scope.all
    ? { selfId: p.personId, all: true, prefixes: [] }
    : { selfId: p.personId, all: false, prefixes: scope.prefixes };
}
