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
