import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { MemberRole } from './projects.api';

/** 成员变更 / 名称变更 / 延期 / 撤项 */
export const changeKinds = ['members', 'title', 'dates', 'terminate'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeStatuses = ['pending_school', 'pending_manager', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

export type ChangeDecisionKind = 'endorse' | 'approve' | 'reject';

export interface ChangeMember {
  personId: string;
  name: string;
  role: MemberRole;
}

/** What a change asks for, or what it replaces. */
export interface ChangeValues {
  members?: ChangeMember[];
  title?: string;
  endsOn?: string | null;
}

/** A change request (变更申请) as the server presents it, with the caller's abilities. */
export interface ProjectChange {
  id: string;
  version: number;
  projectId: string;
  kind: ChangeKind;
  status: ChangeStatus;
  reason: string;
  proposed: ChangeValues;
  previous: ChangeValues;
  attachmentNote: string | null;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: string;
  schoolBy: string | null;
  schoolByName: string | null;
  schoolAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  opinion: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { endorse: boolean; approve: boolean; reject: boolean; withdraw: boolean };
}

export interface ChangePage extends Page<ProjectChange> {
  abilities: { request: boolean; pendingKinds: ChangeKind[] };
}

export interface ChangeInput {
  kind: ChangeKind;
  reason: string;
  members?: { personId: string; role: MemberRole }[];
  title?: string;
  endsOn?: string;
  attachmentNote?: string;
}

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/changes`;
const key = (projectId: string) => ['projects', 'item', projectId, 'changes'] as const;

/** The project's change requests and whether the caller may ask for one. */
export function useChanges(projectId: string) {
  return useQuery({
    queryKey: key(projectId),
    queryFn: () => api.get<ChangePage>(base(projectId), { pageSize: 200 }),
  });
}

/** An approved change alters the project (and its history), so everything about it is refetched. */
function useInvalidate(projectId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['projects', 'item', projectId] });
}

export function useRequestChange(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (body: ChangeInput) => api.post<ProjectChange>(base(projectId), body),
    onSuccess: invalidate,
  });
}

export function useDecideChange(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; decision: ChangeDecisionKind; opinion?: string }) =>
      api.post<ProjectChange>(`${base(projectId)}/${encodeURIComponent(id)}/decision`, body),
    onSettled: invalidate,
  });
}

export function useWithdrawChange(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<ProjectChange>(`${base(projectId)}/${encodeURIComponent(id)}/withdraw`, { version }),
    onSettled: invalidate,
  });
}
