import type { Role } from './roles.js';

/** One role grant as the access module sees it: the org's path makes subtree checks a prefix test. */
export interface Grant {
  id: string;
  role: Role;
  orgId: string | null;
  /** '/a/b/' of the granted org; null for a deployment-wide sysadmin grant. */
  orgPath: string | null;
}

/** Who is calling: the person, their home org and their grants. */
export interface Principal {
  personId: string;
  name: string;
  orgId: string | null;
  grants: Grant[];
  via: 'session' | 'token';
}

/** What a service needs to know about a request besides its body. */
export interface Ctx {
  principal: Principal;
  ip: string | null;
}

/**
 * The caller with their grants as loaded for this request, as part of a key for something kept for them: a grant
 * taken away on another server is not answered from a copy made before it.
 */
export function callerKey(p: Principal): string {
  return [p.personId, ...p.grants.map((g) => `${g.role}@${g.orgPath ?? '*'}`).sort()].join(',');
}
