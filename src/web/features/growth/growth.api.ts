import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Ok, Page } from '../../api/types';

/** The kinds of growth record (专业发展), in the order the form offers them. */
export const growthKinds = [
  'reading',
  'essay',
  'reflection',
  'case',
  'narrative',
  'lesson_plan',
  'lesson_example',
  'training',
  'study',
  'platform',
] as const;
export type GrowthKind = (typeof growthKinds)[number];

/** The writing kinds (写作): 随笔, 教学反思, 教学案例, 教育叙事. */
export const writingKinds: readonly GrowthKind[] = ['essay', 'reflection', 'case', 'narrative'];

export const bookKinds = ['required', 'optional'] as const;
export type BookKind = (typeof bookKinds)[number];

/** The keys of 八个一, in the order of the checklist. */
export const eightOneKeys = [
  'project',
  'book',
  'notes',
  'handbook',
  'lesson_plan',
  'lesson_example',
  'paper',
  'platform',
] as const;
export type EightOneKey = (typeof eightOneKeys)[number];

/** One growth record as the server presents it. */
export interface GrowthRecord {
  id: string;
  version: number;
  kind: GrowthKind;
  date: string;
  kindLabel: string;
  /** The school year of the date: 2026 for 2026-08-01 … 2027-07-31. */
  schoolYear: number;
  title: string;
  text: string;
  hours: number | null;
  bookKind: BookKind | null;
  url: string | null;
  reportBack: string | null;
  personId: string;
  personName: string;
  orgId: string;
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; delete: boolean };
}

/** The fields of a new growth record (leave out what the kind lacks). */
export interface GrowthInput {
  kind: GrowthKind;
  date: string;
  title: string;
  text?: string;
  hours?: number;
  bookKind?: BookKind;
  url?: string;
  reportBack?: string;
  personId?: string;
}

/** A change to a growth record: the kind's extra fields may be cleared with null. */
export interface GrowthPatch {
  version: number;
  kind?: GrowthKind;
  date?: string;
  title?: string;
  text?: string;
  hours?: number | null;
  bookKind?: BookKind | null;
  url?: string | null;
  reportBack?: string | null;
}

export interface GrowthFilters {
  personId?: string;
  kind?: GrowthKind;
  from?: string;
  to?: string;
  orgId?: string;
}

/** Where a record behind an 八个一 item comes from. */
export type EvidenceSource = 'growth' | 'project' | 'research_lesson' | 'project_output' | 'work';

/** A record behind an 八个一 item. */
export interface Evidence {
  source: EvidenceSource;
  id: string;
  title: string;
  date: string | null;
}

export interface EightOneItem {
  key: EightOneKey;
  label: string;
  /** How the item is met, in words (zh-CN, from the school's rules). */
  rule: string;
  met: boolean;
  records: string[];
  evidence: Evidence[];
}

export interface EightOnes {
  personId: string;
  schoolYear: number;
  from: string;
  to: string;
  items: EightOneItem[];
}

/** One page of growth records. */
export function useGrowthRecords(filters: GrowthFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: ['growth', 'list', filters, page, pageSize],
    queryFn: () => api.get<Page<GrowthRecord>>('/api/growth', { ...(filters as Query), page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One growth record. */
export function useGrowthRecord(id: string | undefined) {
  return useQuery({
    queryKey: ['growth', 'item', id],
    queryFn: () => api.get<GrowthRecord>(`/api/growth/${id}`),
    enabled: Boolean(id),
  });
}

/** The 八个一 checklist of a teacher for a school year. */
export function useEightOnes(personId: string | undefined, schoolYear: number) {
  return useQuery({
    queryKey: ['growth', 'eight-ones', personId, schoolYear],
    queryFn: () => api.get<EightOnes>('/api/growth/eight-ones', { personId, schoolYear }),
    enabled: Boolean(personId),
  });
}

function useInvalidateGrowth() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['growth'] });
}

/** Adds a growth record. */
export function useCreateGrowth() {
  const invalidate = useInvalidateGrowth();
  return useMutation({
    mutationFn: (body: GrowthInput) => api.post<GrowthRecord>('/api/growth', body),
    onSuccess: invalidate,
  });
}

/** Updates a growth record (with its version). */
export function useUpdateGrowth() {
  const invalidate = useInvalidateGrowth();
  return useMutation({
    mutationFn: ({ id, ...body }: GrowthPatch & { id: string }) => api.patch<GrowthRecord>(`/api/growth/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** Deletes a growth record. */
export function useDeleteGrowth() {
  const invalidate = useInvalidateGrowth();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/growth/${id}`),
    onSuccess: invalidate,
  });
}

/** The school year a date belongs to: 2026-08-01 … 2027-07-31 is school year 2026 (as the server counts). */
export function schoolYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 8 ? y : y - 1;
}

/** The first and last day of a school year. */
export function schoolYearRange(year: number): { from: string; to: string } {
  return { from: `${year}-08-01`, to: `${year + 1}-07-31` };
}
