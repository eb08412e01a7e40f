import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query, withQuery } from '../../api/client';
import type { Ok, Page } from '../../api/types';

/** The kinds of 教研活动 (SPEC §4). */
export const activityKinds = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'contest_lesson',
  'model_lesson',
  'collective_prep',
  'lesson_review',
  'lecture',
  'training',
  'salon',
  'project_seminar',
  'study_report',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** Kinds that are a lesson someone teaches (a 评课议课 may discuss one). */
export const lessonKinds: readonly ActivityKind[] = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'contest_lesson',
  'model_lesson',
];

export const attendanceStatuses = ['present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** 集体备课 · 四个统一 and the lesson plans discussed. */
export interface PrepRecord {
  progress?: string | null;
  goals?: string | null;
  homework?: string | null;
  exams?: string | null;
  lessonPlans?: string | null;
}

export interface AttendanceEntry {
  personId: string;
  name?: string;
  personName?: string;
  status: AttendanceStatus;
}

export interface AttendanceCounts {
  present: number;
  leave: number;
  absent: number;
  total?: number;
}

/** A teaching-research activity as the server presents it. */
export interface Activity {
  id: string;
  version: number;
  kind: ActivityKind;
  title: string;
  date: string;
  startsAt?: string | null;
  endsAt?: string | null;
  place?: string | null;
  topic?: string | null;
  orgId: string;
  orgName?: string | null;
  presenterId?: string | null;
  presenterName?: string | null;
  projectId?: string | null;
  projectTitle?: string | null;
  lessonId?: string | null;
  reviewedActivityId?: string | null;
  reviewedActivityTitle?: string | null;
  record?: string | null;
  prep?: PrepRecord | null;
  attendance?: AttendanceEntry[];
  attendanceCounts?: AttendanceCounts | null;
  abilities?: { edit?: boolean; delete?: boolean; attendance?: boolean };
}

/** The writable fields of an activity. */
export interface ActivityInput {
  kind: ActivityKind;
  title: string;
  date: string;
  orgId: string;
  startsAt?: string | null;
  endsAt?: string | null;
  place?: string | null;
  topic?: string | null;
  presenterId?: string | null;
  projectId?: string | null;
  lessonId?: string | null;
  reviewedActivityId?: string | null;
  record?: string | null;
  prep?: PrepRecord | null;
}

export interface ActivityFilters {
  orgId?: string;
  kind?: ActivityKind;
  from?: string;
  to?: string;
  projectId?: string;
  presenterId?: string;
}

/** A compact activity of the calendar. */
export interface CalendarItem {
  id: string;
  kind: ActivityKind;
  title: string;
  date: string;
  startsAt?: string | null;
  endsAt?: string | null;
  place?: string | null;
  orgId?: string;
  orgName?: string | null;
  presenterName?: string | null;
}

/** Whether a stored kind is known. */
export function isActivityKind(value: unknown): value is ActivityKind {
  return activityKinds.some((kind) => kind === value);
}

/** Present/leave/absent counts of an activity, from its counts or its sheet. */
export function countsOf(activity: Pick<Activity, 'attendance' | 'attendanceCounts'>): AttendanceCounts & {
  total: number;
} {
  if (activity.attendanceCounts) {
    const c = activity.attendanceCounts;
    return { ...c, total: c.total ?? c.present + c.leave + c.absent };
  }
  const counts = { present: 0, leave: 0, absent: 0, total: 0 };
  for (const entry of activity.attendance ?? []) {
    counts[entry.status] += 1;
    counts.total += 1;
  }
  return counts;
}

const keys = {
  all: ['activities'] as const,
  list: (filters: ActivityFilters, page: number, pageSize: number) =>
    ['activities', 'list', filters, page, pageSize] as const,
  calendar: (orgId: string | undefined, from: string, to: string) =>
    ['activities', 'calendar', orgId, from, to] as const,
  item: (id: string | undefined) => ['activities', 'item', id] as const,
};

/** One page of activities. */
export function useActivities(filters: ActivityFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: keys.list(filters, page, pageSize),
    queryFn: () => api.get<Page<Activity>>('/api/activities', { ...(filters as Query), page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The compact activities between two dates (month/week views). */
export function useActivityCalendar(orgId: string | undefined, from: string, to: string, kind?: ActivityKind) {
  return useQuery({
    queryKey: [...keys.calendar(orgId, from, to), kind],
    queryFn: async () => {
      const answer = await api.get<{ items: CalendarItem[] }>('/api/activities/calendar', { orgId, from, to });
      return kind ? answer.items.filter((item) => item.kind === kind) : answer.items;
    },
    placeholderData: keepPreviousData,
  });
}

/** One activity. */
export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: keys.item(id),
    queryFn: () => api.get<Activity>(`/api/activities/${id}`),
    enabled: Boolean(id),
  });
}

/** The address of the .xlsx export. */
export function exportUrl(filters: { orgId: string; from?: string; to?: string }): string {
  return withQuery('/api/activities/export.xlsx', filters);
}

function useInvalidateActivities() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.all }),
      // a recorded activity marks its 四定 lesson as held
      client.invalidateQueries({ queryKey: ['project-running'] }),
    ]);
}

/** Records an activity. */
export function useCreateActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: (body: ActivityInput) => api.post<Activity>('/api/activities', body),
    onSuccess: invalidate,
  });
}

/** Updates an activity (with its version). */
export function useUpdateActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ActivityInput> & { id: string; version: number }) =>
      api.patch<Activity>(`/api/activities/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** Deletes an activity. */
export function useDeleteActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/activities/${id}`),
    onSuccess: invalidate,
  });
}

/** Saves the whole attendance sheet. */
export function useSaveAttendance(id: string) {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: (sheet: { personId: string; status: AttendanceStatus }[]) =>
      api.put<unknown>(`/api/activities/${id}/attendance`, sheet),
    onSuccess: invalidate,
  });
}
