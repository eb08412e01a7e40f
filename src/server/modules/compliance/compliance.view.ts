import type { Kysely } from 'kysely';
import type { Principal } from '../../access/principal.js';
import type { DB } from '../../db/types.js';
import { notFound } from '../../errors.js';
import { canViewOrg, type TeacherSubject } from '../rules/rules.policy.js';
import { RulesRepo } from '../rules/rules.repo.js';
import { ComplianceRepo } from './compliance.repo.js';

/**
 * Which teachers of an org the caller may read, as a policy predicate. Given more paths it allows at least as
 * much (every policy predicate is a grant over any of the paths, or the caller's own record).
 */
export type TeacherPredicate = (p: Principal, s: TeacherSubject) => boolean;

/**
 * Resolves a view (org, term, optional group and person) to the teachers the caller may read there:
 * an org or group outside the caller's reach is not found; inside it, rows are cut by `canRead`. `subjects`: the
 * paths each teacher was judged by (groups only where the school's path alone did not allow).
 */
export async function resolveView(
  db: Kysely<DB>,
  p: Principal,
  q: { orgId: string; termId: string; groupId?: string; personId?: string },
  canRead: TeacherPredicate,
) {
  const rules = new RulesRepo(db);
  const org = await rules.org(q.orgId);
  if (!org || !canViewOrg(p, org)) throw notFound('机构');
  const term = await rules.term(q.termId);
  if (!term) throw notFound('学期');
  if (q.groupId) {
    const group = await rules.org(q.groupId);
    if (group?.kind !== 'group' || !group.path.startsWith(org.path) || !canViewOrg(p, group)) {
      throw notFound('教研组');
    }
  }
  const repo = new ComplianceRepo(db);
  const all = await repo.teachers(org, q.groupId, q.personId);
  const subjects = new Map<string, TeacherSubject>(all.map((t) => [t.id, { personId: t.id, paths: [t.school_path] }]));
  // More paths only ever allow more: a teacher the school's path already lets the caller read needs no group
  // read (a city office's view was 100,000 group rows read for nothing). Their subjects hold the school only.
  const undecided = all.filter((t) => !canRead(p, { personId: t.id, paths: [t.school_path] }));
  for (const g of await repo.groups(undecided.map((t) => t.id))) {
    const s = subjects.get(g.person_id);
    if (s) subjects.set(g.person_id, { ...s, paths: [...s.paths, g.path] });
  }
  const teachers = all.filter((t) => {
    const s = subjects.get(t.id);
    return s !== undefined && canRead(p, s);
  });
  if (q.personId && teachers.length === 0) throw notFound('人员');
  return { org, term, teachers, subjects };
}
