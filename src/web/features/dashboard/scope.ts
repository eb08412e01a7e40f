import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Me, OrgNode, Term } from '../../api/types';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { useTerms } from '../terms/terms.api';

/** Roles whose grant lets the server answer `GET /api/stats` for the granted subtree (roles.ts: stats.read). */
const statsRoles = new Set(['sysadmin', 'research_admin', 'school_director', 'school_leader']);

/** Whether to show the dashboard in the menu (the server still decides each scope). */
export function offersDashboard(me: Me): boolean {
  return me.roles.some((grant) => statsRoles.has(grant.role));
}

/** The orgs (not groups) of the tree inside the caller's statistics grants, in tree order. */
export function statsOrgs(me: Me, tree: OrgNode[]): OrgNode[] {
  const grants = me.roles.filter((grant) => statsRoles.has(grant.role));
  const everything = grants.some((grant) => grant.orgId === null);
  const roots = everything ? tree : flattenOrgs(tree).filter((node) => grants.some((g) => g.orgId === node.id));
  const seen = new Set<string>();
  const out: OrgNode[] = [];
  for (const node of roots.flatMap((root) => flattenOrgs([root]))) {
    if (node.kind === 'group' || seen.has(node.id)) continue;
    seen.add(node.id);
    out.push(node);
  }
  return out;
}

/** The dashboard's scope and term, kept in the address (`?orgId=&termId=`). */
export function useDashboardScope() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tree = useOrgTree(me.abilities.readOrgs);
  const terms = useTerms();
  const orgs = useMemo(() => statsOrgs(me, tree.data ?? []), [me, tree.data]);
  const termList: Term[] = terms.data?.items ?? [];
  const orgId = params.get('orgId') ?? orgs[0]?.id ?? undefined;
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
    tree: tree.data ?? [],
    orgs,
    terms: termList,
    orgId,
    termId,
    setOrgId: (value: string) => set('orgId', value),
    setTermId: (value: string) => set('termId', value),
  };
}
