import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';

export const observationStatuses = ['draft', 'submitted', 'reopened'] as const;
export type ObservationStatus = (typeof observationStatuses)[number];

/** One point of a school's observation rubric. */
export interface RubricItem {
  key: string;
  label: string;
  max: number;
  descriptor?: string | null;
}

/** A lesson observation (听课记录) as the server presents it. */
export interface Observation {
  id: string;
  version: number;
  status: ObservationStatus | string;
  observerId: string | null;
  observerName?: string | null;
  teacherId: string;
  teacherName?: string | null;
  orgId?: string;
  date: string;
  period?: string | null;
  className?: string | null;
  subject?: string | null;
  topic?: string | null;
  notes?: string | null;
  scores: Record<string, number>;
  total?: number | null;
  submittedAt?: string | null;
  flagged?: boolean;
  copyOfId?: string | null;
  similarity?: number | null;
  createdAt?: string;
  updatedAt?: string;
  abilities?: { edit?: boolean; submit?: boolean; reopen?: boolean; delete?: boolean };
}

/** The writable fields of an observation. */
export interface ObservationInput {
  teacherId?: string;
  date?: string;
  period?: string | null;
  className?: string | null;
  subject?: string;
  topic?: string;
  notes?: string;
  scores?: Record<string, number>;
}

export interface ObservationFilters {
  teacherId?: string;
  observerId?: string;
  orgId?: string;
  from?: string;
  to?: string;
  status?: ObservationStatus;
}

export interface ObservationHistoryItem {
  id: string;
  action: string;
  actorId?: string | null;
  actorName?: string | null;
  at: string;
  reason?: string | null;
}

export interface ObservationFlag {
  observationId: string;
  copyOfId: string;
  similarity: number;
  observerName?: string;
  teacherName?: string;
  date?: string;
}

/** Whether an observation is still being written by its observer. */
export function isOpen(observation: Pick<Observation, 'status'>): boolean {
  return observation.status === 'draft' || observation.status === 'reopened';
}

/** The school's observation rubric. */
export function useRubric(orgId: string | null | undefined) {
  return useQuery({
    queryKey: ['rubrics', 'observation', orgId],
    queryFn: async () =>
      (await api.get<{ items: RubricItem[] }>('/api/rubrics', { kind: 'observation', orgId: orgId ?? undefined }))
        .items,
    staleTime: 5 * 60_000,
  });
}

/** One page of observations. */
export function useObservations(filters: ObservationFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: ['observations', 'list', filters, page, pageSize],
    queryFn: () => api.get<Page<Observation>>('/api/observations', { ...(filters as Query), page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One observation. */
export function useObservation(id: string | undefined) {
  return useQuery({
    queryKey: ['observations', 'item', id],
    queryFn: () => api.get<Observation>(`/api/observations/${id}`),
    enabled: Boolean(id),
  });
}

/** Who did what to an observation. */
export function useObservationHistory(id: string | undefined) {
  return useQuery({
    queryKey: ['observations', 'item', id, 'history'],
    queryFn: async () => (await api.get<{ items: ObservationHistoryItem[] }>(`/api/observations/${id}/history`)).items,
    enabled: Boolean(id),
  });
}

/** Suspected copies within a school (director). */
export function useObservationFlags(orgId: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['observations', 'flags', orgId],
    queryFn: async () =>
      (await api.get<{ items: ObservationFlag[] }>('/api/observations/flags', { orgId: orgId ?? undefined })).items,
    enabled: enabled && Boolean(orgId),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['observations'] });
}

/** Starts a draft (the observed teacher is fixed from then on). */
export function useCreateDraft() {
  return useMutation({
    mutationFn: (body: ObservationInput) => api.post<Observation>('/api/observations', { ...body, draft: true }),
  });
}

/** Saves a draft (autosave), with its version; the teacher cannot change. */
export function usePatchObservation() {
  return useMutation({
    mutationFn: ({ id, teacherId: _teacher, ...body }: ObservationInput & { id: string; version: number }) =>
      api.patch<Observation>(`/api/observations/${id}`, body),
  });
}

/** Deletes a draft never submitted (the observer's own). */
export function useDeleteDraft() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/observations/${id}`),
    onSettled: invalidate,
  });
}

/** Submits a draft. */
export function useSubmitObservation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<Observation>(`/api/observations/${id}/submit`, { version }),
    onSettled: invalidate,
  });
}

/** Reopens a submitted observation (school director), with a reason. */
export function useReopenObservation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<Observation>(`/api/observations/${id}/reopen`, { reason }),
    onSettled: invalidate,
  });
}
