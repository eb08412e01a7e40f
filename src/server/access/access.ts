import { notFound } from '../errors.js';
import type { Principal } from './principal.js';
import { type Action, GRANTABLE, ROLE_ACTIONS, ROLE_ORG_KINDS, type Role } from './roles.js';

/**
 * The org subtrees where a principal may perform an action: `all` for a deployment-wide grant,
 * otherwise the path prefixes of the grants whose role allows it.
 */
export type Scope = { all: true } | { all: false; prefixes: string[] };

export function scopeFor(principal: Principal, action: Action): Scope {
  const prefixes: string[] = [];
  for (const g of principal.grants) {
    if (!ROLE_ACTIONS[g.role].includes(action)) continue;
    if (g.orgPath === null) return { all: true };
    prefixes.push(g.orgPath);
  }
  return { all: false, prefixes: minimalPrefixes(prefixes) };
}

/** Drops prefixes covered by a shorter one, so queries stay small. */
function minimalPrefixes(prefixes: string[]): string[] {
  const sorted = [...new Set(prefixes)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/** True when any of the record's org paths lies inside the principal's scope for the action. */
export function allows(principal: Principal, action: Action, paths: readonly string[]): boolean {
  const scope = scopeFor(principal, action);
  if (scope.all) return true;
  return paths.some((path) => scope.prefixes.some((p) => path.startsWith(p)));
}

/**
 * True when a granted subtree holds the whole subtree at `path`: a list narrowed to that org then needs
 * no other scope condition (every row under it is readable through the grant).
 */
export function coversSubtree(prefixes: readonly string[], path: string | undefined): path is string {
  return path !== undefined && prefixes.some((p) => path.startsWith(p));
}

/**
 * A scope granted over a subtree that holds every org (`whole`: such subtrees' paths, as the org tree says)
 * reads as a scope over everything: the same rows, without a subtree test per row.
 */
export function overWholeTree<S extends { all: boolean; prefixes: readonly string[] }>(
  scope: S,
  whole: ReadonlySet<string>,
): S {
  return !scope.all && scope.prefixes.some((p) => whole.has(p)) ? { ...scope, all: true, prefixes: [] } : scope;
}

/** True when the principal holds the action anywhere (used for menus and global features). */
export function allowsAnywhere(principal: Principal, action: Action): boolean {
  return principal.grants.some((g) => ROLE_ACTIONS[g.role].includes(action));
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.grants.some((g) => g.role === role);
}

/**
 * Checks a set of records at once: `pathsById` is what one query returned for the requested ids
 * (missing ids are simply absent). Throws not_found — never forbidden — when any id is not allowed,
 * so existence outside the scope is not disclosed.
 */
export function requireAll(
  principal: Principal,
  action: Action,
  ids: readonly string[],
  pathsById: ReadonlyMap<string, readonly string[]>,
  what?: string,
): void {
  for (const id of ids) {
    const paths = pathsById.get(id);
    if (!paths || !allows(principal, action, paths)) throw notFound(what);
  }
}

/** Whether the principal may grant `role` on an org with this path and kind. */
export function mayGrant(principal: Principal, role: Role, orgPath: string, orgKind: string): boolean {
  if (!ROLE_ORG_KINDS[role].includes(orgKind)) return false;
  return principal.grants.some(
    (g) =>
      ROLE_ACTIONS[g.role].includes('role.grant') &&
      GRANTABLE[g.role].includes(role) &&
      (g.orgPath === null || orgPath.startsWith(g.orgPath)),
  );
}

/** Global abilities of the caller, for the client to show or hide whole areas. */
export function globalAbilities(principal: Principal) {
  return {
    readOrgs: allowsAnywhere(principal, 'org.read'),
    readPeople: allowsAnywhere(principal, 'person.read'),
    manageOrgs: allowsAnywhere(principal, 'org.create'),
    managePeople: allowsAnywhere(principal, 'person.create'),
    importRoster: allowsAnywhere(principal, 'person.import'),
    grantRoles: allowsAnywhere(principal, 'role.grant'),
    manageTerms: allowsAnywhere(principal, 'term.manage'),
    readAudit: allowsAnywhere(principal, 'audit.read'),
    readSystem: allowsAnywhere(principal, 'system.read'),
  };
}

/**
 * Like `allows`, but the record must lie strictly below the granted org: a school director may
 * edit the school's groups, not the school itself (a deployment-wide grant has no such limit).
 */
export function allowsBelow(principal: Principal, action: Action, path: string): boolean {
  const scope = scopeFor(principal, action);
  if (scope.all) return true;
  return scope.prefixes.some((p) => path.startsWith(p) && path !== p);
}

/**
 * The org paths from which a principal may invite review experts (专家库): experts granted at or
 * above one of the principal's administering orgs (a city's pool serves its districts), or inside it.
 * `null` means every expert (a deployment-wide grant); an empty list means none.
 */
export function expertPoolPaths(principal: Principal): string[] | null {
  const admin = principal.grants.filter(
    (g) => g.role === 'sysadmin' || g.role === 'research_admin' || g.role === 'school_director',
  );
  if (admin.some((g) => g.orgPath === null)) return null;
  return admin.map((g) => g.orgPath).filter((p): p is string => p !== null);
}
