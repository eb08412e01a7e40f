import type { Me } from '../../api/types';

const managerRoles = new Set(['sysadmin', 'research_admin', 'school_director']);

/** Whether to offer the managing side (the server decides on each round through `abilities`). */
export function offersManaging(me: Me): boolean {
  return me.roles.some((grant) => managerRoles.has(grant.role));
}

/** Whether to offer the expert's task list. */
export function offersReviewing(me: Me): boolean {
  return me.roles.some((grant) => grant.role === 'expert');
}

/** Whether to show the 专家评审 menu entry. */
export function offersReviews(me: Me): boolean {
  return offersManaging(me) || offersReviewing(me);
}
