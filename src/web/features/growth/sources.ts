import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';
import type { Project } from '../projects/projects.api';
import type { GrowthRecord } from './growth.api';

/** The most rows one timeline source asks for (the server's page limit). */
const maxRows = 200;

/** A teacher's growth records in a date range (for the archive and 八个一). */
export function usePersonGrowth(personId: string | undefined, from?: string, to?: string) {
  return useQuery({
    queryKey: ['growth', 'list', { personId, from, to }, 1, maxRows],
    queryFn: () => api.get<Page<GrowthRecord>>('/api/growth', { personId, from, to, page: 1, pageSize: maxRows }),
    enabled: Boolean(personId),
  });
}

/** The projects a teacher hosts or is a member of, each with the teacher's role. */
export function usePersonProjects(personId: string | undefined) {
  return useQuery({
    queryKey: ['projects', 'person', personId],
    enabled: Boolean(personId),
    queryFn: async () => {
      const hosted = await api.get<Page<Project>>('/api/projects', { hostId: personId, pageSize: maxRows });
      // membership: the list has no member filter everywhere, so ask with memberId and keep only true matches
      let joined: Project[] = [];
      try {
        const page = await api.get<Page<Project>>('/api/projects', { memberId: personId, pageSize: maxRows });
        joined = page.items;
      } catch {
        joined = [];
      }
      const byId = new Map<string, { project: Project; role: 'host' | 'member' }>();
      for (const project of hosted.items) byId.set(project.id, { project, role: 'host' });
      for (const project of joined) {
        if (byId.has(project.id)) continue;
        if (project.hostId === personId) byId.set(project.id, { project, role: 'host' });
        else if (project.members.some((member) => member.personId === personId))
          byId.set(project.id, { project, role: 'member' });
      }
      return [...byId.values()];
    },
  });
}

/** A compact activity (教研活动) as the list returns it; only the fields the timeline uses. */
export interface ActivityItem {
  id: string;
  kind: string;
  title: string;
  date: string;
  topic?: string | null;
  place?: string | null;
  orgName?: string | null;
  presenterId?: string | null;
  presenterName?: string | null;
  attendance?: { personId: string; status: string }[];
}

/** A compact observation (听课记录); only the fields the timeline uses. */
export interface ObservationItem {
  id: string;
  date: string;
  subject?: string | null;
  topic?: string | null;
  className?: string | null;
  observerId?: string | null;
  observerName?: string | null;
  teacherId: string;
  teacherName?: string | null;
  status?: string;
}

/** One page of a list of another module, read for the timeline. */
export function useSourceList<T>(key: string, path: string, query: Query, enabled: boolean) {
  return useQuery({
    queryKey: [key, 'list', 'timeline', query],
    queryFn: () => api.get<Page<T>>(path, { ...query, page: 1, pageSize: maxRows }),
    enabled,
    retry: false,
  });
}
