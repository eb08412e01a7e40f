import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** A background job as the server answers it. */
export interface Job {
  id: string;
  version: number;
  kind: 'export' | 'import';
  label: string;
  target: string;
  status: 'queued' | 'running' | 'done' | 'error';
  progress: number;
  message: string;
  resultName: string | null;
  result: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const jobsKey = ['jobs'] as const;

/** My jobs; polls every 1.5 s while any is waiting or running. */
export function useJobs() {
  return useQuery({
    queryKey: jobsKey,
    queryFn: () => api.get<{ items: Job[] }>('/api/jobs'),
    refetchInterval: (q) =>
      q.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 1500 : false,
  });
}

/** Queues an export of a .xlsx/.docx route (its path with the query). */
export function useStartExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (job: { target: string; label: string }) => api.post<Job>('/api/jobs', { kind: 'export', ...job }),
    onSuccess: () => client.invalidateQueries({ queryKey: jobsKey }),
  });
}
