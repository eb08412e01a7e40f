import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Ok, Page } from '../../api/types';

/** One item of the monthly arrangement (月度工作安排). */
export interface PlanItem {
  id: string;
  version: number;
  planId: string;
  month: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerText: string | null;
  dueOn: string | null;
  done: boolean;
  doneOn: string | null;
  overdue: boolean;
  note: string;
  sort: number;
  abilities: { update: boolean; delete: boolean };
}

/** A plan in lists. */
export interface PlanSummary {
  id: string;
  version: number;
  orgId: string;
  orgName: string;
  termId: string;
  termName: string;
  title: string;
  progress: { total: number; done: number };
  updatedAt: string;
  abilities: { update: boolean; delete: boolean; manageItems: boolean };
}

/** A semester plan (学期工作计划) with its months and items. */
export interface Plan extends PlanSummary {
  goals: string;
  startsOn: string;
  endsOn: string;
  months: string[];
  items: PlanItem[];
  createdAt: string;
}

/** The fields of an item as the form sends them. */
export interface PlanItemInput {
  month?: string;
  title?: string;
  ownerId?: string | null;
  ownerText?: string | null;
  dueOn?: string | null;
  done?: boolean;
  note?: string;
}

export type CalendarKind = 'plan_item' | 'call' | 'monthly_report' | 'review' | 'competition';

/** One entry of an org's calendar. */
export interface CalendarEntry {
  kind: CalendarKind;
  sourceId: string;
  date: string | null;
  month: string;
  title: string;
  detail: string | null;
  done: boolean | null;
  link: string | null;
}

const plansKey = ['plans'] as const;

/** The plan of an org and term (undefined while loading; null when none is made yet). */
export function useOrgPlan(orgId: string | undefined, termId: string | undefined) {
  return useQuery({
    queryKey: [...plansKey, 'org', orgId, termId],
    enabled: Boolean(orgId && termId),
    queryFn: async () => {
      const page = await api.get<Page<PlanSummary>>('/api/plans', { orgId, termId });
      const first = page.items[0];
      return first ? api.get<Plan>(`/api/plans/${first.id}`) : null;
    },
  });
}

/** The org's calendar over a window (plan items and the deadlines that appear by themselves). */
export function useCalendar(orgId: string | undefined, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [...plansKey, 'calendar', orgId, from, to],
    enabled: Boolean(orgId && from && to),
    queryFn: () => api.get<{ items: CalendarEntry[] }>('/api/calendar', { orgId, from, to }),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: plansKey });
}

export function useCreatePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { orgId: string; termId: string; copyFromPrevious?: boolean }) =>
      api.post<Plan>('/api/plans', body),
    onSuccess: invalidate,
  });
}

export function useUpdatePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; title?: string; goals?: string }) =>
      api.patch<Plan>(`/api/plans/${id}`, body),
    onSuccess: invalidate,
  });
}

/** Adds an item, or changes one when `item` is given. */
export function useSaveItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ planId, item, body }: { planId: string; item?: PlanItem; body: PlanItemInput }) =>
      item
        ? api.patch<PlanItem>(`/api/plans/${planId}/items/${item.id}`, { ...body, version: item.version })
        : api.post<PlanItem>(`/api/plans/${planId}/items`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ planId, itemId }: { planId: string; itemId: string }) =>
      api.delete<Ok>(`/api/plans/${planId}/items/${itemId}`),
    onSuccess: invalidate,
  });
}
