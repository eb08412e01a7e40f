import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Lesson } from '../project-running/running.types';
import type { Project } from '../projects/projects.api';
import { type Activity, lessonKinds } from './activities.api';

/** Projects the caller can link an activity to. */
export function useProjectOptions() {
  return useQuery({
    queryKey: ['projects', 'list', 'activity-picker'],
    queryFn: async () => (await api.get<Page<Project>>('/api/projects', { pageSize: 200 })).items,
    staleTime: 60_000,
  });
}

/** The 四定 lessons of a project. */
export function useProjectLessons(projectId: string | undefined) {
  return useQuery({
    queryKey: ['project-running', projectId, 'lessons'],
    queryFn: async () =>
      (await api.get<{ items: Lesson[] }>(`/api/projects/${projectId}/lessons`, { pageSize: 200 })).items,
    enabled: Boolean(projectId),
  });
}

/** Lesson activities of an organiser in the last half year (what a 评课议课 may discuss). */
export function useReviewableLessons(orgId: string | undefined, enabled: boolean, exceptId?: string) {
  return useQuery({
    queryKey: ['activities', 'list', 'reviewable', orgId],
    queryFn: async () => {
      const page = await api.get<Page<Activity>>('/api/activities', {
        orgId,
        from: dayjs().subtract(6, 'month').format('YYYY-MM-DD'),
        pageSize: 200,
      });
      return page.items.filter((item) => lessonKinds.includes(item.kind) && item.id !== exceptId);
    },
    enabled: enabled && Boolean(orgId),
  });
}
