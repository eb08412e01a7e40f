import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { GroupType, Ok, Org, OrgKind, OrgNode } from '../../api/types';

/** The query key of the org tree. */
export const orgTreeKey = ['orgs', 'tree'] as const;

/** The org tree within the caller's scope. */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: orgTreeKey,
    queryFn: async () => (await api.get<{ items: OrgNode[] }>('/api/orgs/tree')).items,
    enabled,
    staleTime: 30_000,
  });
}

/** Every node of a tree, depth first. */
export function flattenOrgs(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((node) => [node, ...flattenOrgs(node.children)]);
}

/** The node with this id, if present. */
export function findOrg(nodes: OrgNode[], id: string | undefined): OrgNode | undefined {
  if (!id) return undefined;
  return flattenOrgs(nodes).find((node) => node.id === id);
}

export interface NewOrg {
  name: string;
  kind: OrgKind;
  parentId: string;
  groupType?: GroupType;
  code?: string;
  rural?: boolean;
}

export interface OrgPatch {
  version: number;
  name?: string;
  code?: string | null;
  rural?: boolean;
  groupType?: GroupType | null;
}

function useInvalidateOrgs() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['orgs'] });
}

/** Creates a child org. */
export function useCreateOrg() {
  const invalidate = useInvalidateOrgs();
  return useMutation({ mutationFn: (body: NewOrg) => api.post<Org>('/api/orgs', body), onSuccess: invalidate });
}

/** Updates an org (with its version). */
export function useUpdateOrg() {
  const invalidate = useInvalidateOrgs();
  return useMutation({
    mutationFn: ({ id, ...body }: OrgPatch & { id: string }) => api.patch<Org>(`/api/orgs/${id}`, body),
    onSuccess: invalidate,
    // a stale version (409) means the cached record is old: fetch it again
    onError: invalidate,
  });
}

/** Deletes an empty org. */
export function useDeleteOrg() {
  const invalidate = useInvalidateOrgs();
  return useMutation({ mutationFn: (id: string) => api.delete<Ok>(`/api/orgs/${id}`), onSuccess: invalidate });
}
