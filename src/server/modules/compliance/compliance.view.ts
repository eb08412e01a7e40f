import type { Kysely } from 'kysely';
import { callerKey, type Principal } from '../../access/principal.js';
import { today } from '../../calendar.js';
import { BATCH_PEOPLE } from '../../concurrency.js';
import type { DB } from '../../db/types.js';
import { notFound } from '../../errors.js';
import { OrgRepo } from '../orgs/orgs.repo.js';
import { canViewOrg, type TeacherSubject } from '../rules/rules.policy.js';
import { RulesRepo } from '../rules/rules.repo.js';
import { FiguresCache } from '../stats/stats.cache.js';
import { ComplianceRepo, type TeacherRow } from './compliance.repo.js';

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

export type ResolvedView = Awaited<ReturnType<typeof resolveView>>;

/**
 * A view's key for a kept copy: the caller with their grants as loaded for this request (a grant taken away on
 * another server is not answered from a copy made before), the view and the day.
 */
export function viewKey(
  p: Principal,
  q: { orgId: string; termId: string; groupId?: string; personId?: string },
  day: string,
): string {
  return [callerKey(p), q.orgId, q.termId, q.groupId ?? '', q.personId ?? '', day].join('|');
}

/** How long a wide view is kept for the same caller's next requests (a write answered ends it at once). */
const WIDE_VIEW_TTL_MS = 60_000;

/**
 * Views wider than one batch of people, with what a service makes of them (`make`), kept a minute for the same
 * caller's next requests: a city's view is 50,000 teachers read and judged, most of each page the web asks fifty
 * of. A narrower view is made at each request. Any write the app answers ends them (`invalidate`); another
 * server's writes show when the minute is over, as on the dashboard. What is kept is shared between requests:
 * callers read it and never change it.
 */
export class WideViews<T> {
  private readonly cache: FiguresCache<T>;
  /** The keys of views found wide, answered from the cache without reading the view first. */
  private readonly wide = new Set<string>();

  constructor(
    private readonly canRead: TeacherPredicate,
    /** What is kept of a view (or made of a narrow one at each request); `wide` tells which, `p` for whom. */
    private readonly make: (view: ResolvedView, wide: boolean, p: Principal) => T | Promise<T>,
    private readonly wideAt = BATCH_PEOPLE,
    maxViews = 3,
  ) {
    // never answered stale after a write here, however slow the view was to make (no stand-in)
    this.cache = new FiguresCache<T>(WIDE_VIEW_TTL_MS, maxViews, Date.now, Number.POSITIVE_INFINITY);
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  async resolve(
    db: Kysely<DB>,
    p: Principal,
    q: { orgId: string; termId: string; groupId?: string; personId?: string },
  ): Promise<T> {
    const key = viewKey(p, q, today());
    const read = () => resolveView(db, p, q, this.canRead);
    if (this.wide.has(key)) return (await this.cache.get(key, async () => this.make(await read(), true, p))).value;
    const view = await read();
    if (view.teachers.length <= this.wideAt) return this.make(view, false, p);
    if (this.wide.size >= 1000) this.wide.clear();
    this.wide.add(key);
    return (await this.cache.get(key, async () => this.make(view, true, p))).value;
  }
}

/**
 * The office (区) each of these teachers' schools sits under, for a view school by school: a path is its orgs' ids,
 * so a school's parent is the last but one (the offices' names in one read).
 */
export async function officesOf(
  db: Kysely<DB>,
  teachers: readonly TeacherRow[],
): Promise<Map<string, { parentId: string | null; parentName: string | null }>> {
  const parentOf = new Map(teachers.map((t) => [t.school_id, t.school_path.split('/').filter(Boolean).at(-2) ?? null]));
  const ids = [...new Set([...parentOf.values()].filter((id): id is string => id !== null))];
  const names = new Map((await new OrgRepo(db).byIds(ids)).map((o) => [o.id, o.name]));
  return new Map(
    [...parentOf].map(([school, parentId]) => [school, { parentId, parentName: names.get(parentId ?? '') ?? null }]),
  );
}
