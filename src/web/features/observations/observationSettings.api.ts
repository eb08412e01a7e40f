import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { RubricItem } from './observations.api';

/** A school's observation rubric as GET/PUT /api/rubrics answer it. */
export interface RubricAnswer {
  kind: 'observation';
  orgId: string;
  items: RubricItem[];
  /** 0 while the school still uses the default. */
  version: number;
  isDefault: boolean;
  abilities: { update: boolean };
}

/** A school's observation settings (GET/PUT /api/observations/settings). */
export interface ObservationSettings {
  orgId: string;
  /** Whether the observed teacher sees who observed them. */
  showObserver: boolean;
  abilities: { update: boolean };
}

const rubricKey = (orgId: string | null | undefined) => ['rubrics', 'observation', orgId, 'full'] as const;
const settingsKey = (orgId: string | null | undefined) => ['observations', 'settings', orgId] as const;

/** The school's rubric with its version, for editing (not refetched behind the editor's back). */
export function useRubricForEdit(orgId: string | null | undefined) {
  return useQuery({
    queryKey: rubricKey(orgId),
    queryFn: () => api.get<RubricAnswer>('/api/rubrics', { kind: 'observation', orgId: orgId ?? undefined }),
    enabled: Boolean(orgId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Replaces the school's rubric (school director), with the version read. */
export function useSaveRubric() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { orgId: string; items: RubricItem[]; version: number }) =>
      api.put<RubricAnswer>('/api/rubrics', { kind: 'observation', ...body }),
    onSuccess: (answer) => {
      client.setQueryData(rubricKey(answer.orgId), answer);
      void client.invalidateQueries({ queryKey: ['rubrics', 'observation', answer.orgId], exact: true });
    },
  });
}

/** The school's observation settings. */
export function useObservationSettings(orgId: string | null | undefined) {
  return useQuery({
    queryKey: settingsKey(orgId),
    queryFn: () => api.get<ObservationSettings>('/api/observations/settings', { orgId: orgId ?? undefined }),
    enabled: Boolean(orgId),
  });
}

/** Changes whether observed teachers see the observer's name (school director). */
export function useSaveObservationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { orgId: string; showObserver: boolean }) =>
      api.put<ObservationSettings>('/api/observations/settings', body),
    onSuccess: (answer) => {
      client.setQueryData(settingsKey(answer.orgId), answer);
      void client.invalidateQueries({ queryKey: ['observations', 'list'] });
    },
  });
}
