import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Level } from '../projects/projects.api';

/** Kinds of project (重点/一般/青年专项/…). */
export const projectKinds = ['key', 'general', 'youth', 'rural', 'special', 'micro', 'personal', 'entrusted'] as const;
export type ProjectKind = (typeof projectKinds)[number];

export const callStatuses = ['upcoming', 'open', 'closed'] as const;
export type CallStatus = (typeof callStatuses)[number];

/** Per-kind rules of a call. */
export interface CallKindRule {
  kind: ProjectKind;
  /** 青年专项: host born on or after this date. */
  bornOnOrAfter?: string;
  /** 乡村专项: host's school must be rural. */
  ruralOnly?: boolean;
  /** Minimum share of each quota (0.3 = 30%). */
  minShare?: number;
  /** 不列入申报限额数 */
  outsideQuota?: boolean;
}

export interface QuotaShare {
  kind: ProjectKind;
  minShare: number;
  required: number;
  have: number;
}

/** 推荐名额 of one subordinate org and its use. */
export interface QuotaStatus {
  orgId: string;
  orgName: string;
  count: number;
  used: number;
  remaining: number;
  shares: QuotaShare[];
}

/** A call (课题指南/申报通知). */
export interface Call {
  id: string;
  version: number;
  title: string;
  orgId: string;
  orgName: string;
  levels: Level[];
  opensOn: string;
  closesOn: string;
  opensAt: string;
  closesAt: string;
  status: CallStatus;
  quotas: QuotaStatus[];
  kinds: CallKindRule[];
  guide: string[];
  planPeriod: string | null;
  numberFormat: string;
  description: string | null;
  abilities: { update: boolean; apply: boolean };
}

/** The writable fields of a call. */
export interface CallInput {
  title: string;
  orgId: string;
  levels: Level[];
  opensOn: string;
  closesOn: string;
  closesAt: string;
  quotas: { orgId: string; count: number }[];
  kinds: CallKindRule[];
  guide: string[];
  planPeriod?: string;
  numberFormat?: string;
  description?: string;
}

/** Calls visible to the caller. */
export function useCalls(status: CallStatus | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['calls', 'list', status, page, pageSize],
    queryFn: () => api.get<Page<Call>>('/api/calls', { status, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One call with quota usage. */
export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: ['calls', 'item', id],
    queryFn: () => api.get<Call>(`/api/calls/${id}`),
    enabled: Boolean(id),
  });
}

function useInvalidateCalls() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['calls'] });
}

/** Issues a call. */
export function useCreateCall() {
  const invalidate = useInvalidateCalls();
  return useMutation({ mutationFn: (body: CallInput) => api.post<Call>('/api/calls', body), onSuccess: invalidate });
}

/** Updates a call (with its version). */
export function useUpdateCall() {
  const invalidate = useInvalidateCalls();
  return useMutation({
    mutationFn: ({ id, orgId: _orgId, ...body }: CallInput & { id: string; version: number }) =>
      api.patch<Call>(`/api/calls/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}
