import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Figures, StatsRecord } from '../../../server/modules/stats/stats.schema';
import { api, withQuery } from '../../api/client';
import type { Page } from '../../api/types';

export type { Figures, StatsRecord } from '../../../server/modules/stats/stats.schema';

/** The scope and term a dashboard shows. */
export interface StatsScope {
  orgId: string;
  termId: string;
}

/** The figures of a scope and term (`GET /api/stats`). */
export function useStats(scope: Partial<StatsScope>) {
  return useQuery({
    queryKey: ['stats', scope.orgId, scope.termId],
    queryFn: () => api.get<Figures>('/api/stats', { orgId: scope.orgId, termId: scope.termId }),
    enabled: Boolean(scope.orgId && scope.termId),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * Recomputes the figures now (`fresh=1`): the server otherwise serves figures computed up to a minute
 * ago for another caller, and shows when (`asOf`).
 */
export function useRefreshStats(scope: Partial<StatsScope>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.get<Figures>('/api/stats', { orgId: scope.orgId, termId: scope.termId, fresh: 1 }),
    onSuccess: (figures) => client.setQueryData(['stats', scope.orgId, scope.termId], figures),
  });
}

/** What the records drawer opens: a figure, optionally narrowed to one school. */
export interface FigureRef {
  figure: string;
  /** The title of the drawer (already translated). */
  label: string;
  schoolId?: string;
}

/** The query key of one page of a figure's records. */
function recordsKey(scope: Partial<StatsScope>, ref: FigureRef | null, page: number, pageSize: number) {
  return ['stats', 'records', scope.orgId, scope.termId, ref?.figure, ref?.schoolId, page, pageSize] as const;
}

/**
 * Whether a page already on screen may stay there while `key` loads: only another page of the same
 * figure. Another figure's records (and their count) under the new figure's title would be a wrong number.
 */
export function samePagedFigure(key: readonly unknown[], shown: readonly unknown[] | undefined): boolean {
  return shown !== undefined && key.slice(0, 6).every((part, i) => part === shown[i]);
}

/** The records behind one figure, a page at a time. */
export function useStatsRecords(scope: Partial<StatsScope>, ref: FigureRef | null, page: number, pageSize: number) {
  const key = recordsKey(scope, ref, page, pageSize);
  return useQuery({
    queryKey: key,
    queryFn: () =>
      api.get<Page<StatsRecord>>('/api/stats/records', {
        orgId: scope.orgId,
        termId: scope.termId,
        figure: ref?.figure,
        schoolId: ref?.schoolId,
        page,
        pageSize,
      }),
    enabled: Boolean(scope.orgId && scope.termId && ref),
    placeholderData: (shown, shownQuery) => (samePagedFigure(key, shownQuery?.queryKey) ? shown : undefined),
  });
}

/** The address of the Excel export. */
export function exportHref(scope: StatsScope): string {
  return withQuery('/api/stats/export.xlsx', { orgId: scope.orgId, termId: scope.termId });
}
