import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Me, OrgNode, Term } from '../../api/types';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { useTerms } from '../terms/terms.api';

/** Roles whose grants may keep plans (roles.ts: plan.manage); only decides whether to offer 制订计划. */
const planRoles = new Set(['sysadmin', 'research_admin', 'school_director']);

export function offersPlanMaking(me: Me): boolean {
  return me.roles.some((grant) => planRoles.has(grant.role));
}

/** The org (not a group) and term a plan page looks at, kept in the address (`?orgId=&termId=`). */
export function usePlanScope() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree(me.abilities.readOrgs);
  const terms = useTerms();
  const orgs: OrgNode[] = useMemo(
    () => flattenOrgs(tree.data ?? []).filter((node) => node.kind !== 'group'),
    [tree.data],
  );
  const termList: Term[] = terms.data?.items ?? [];
  const orgId = params.get('orgId') ?? orgs.find((o) => o.id === me.orgId)?.id ?? orgs[0]?.id ?? me.orgId ?? undefined;
  const termId = params.get('termId') ?? termList.find((term) => term.current)?.id ?? termList[0]?.id;
  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return {
    orgs,
    terms: termList,
    orgId,
    termId,
    term: termList.find((term) => term.id === termId),
    setOrgId: (value: string) => set('orgId', value),
    setTermId: (value: string) => set('termId', value),
  };
}
