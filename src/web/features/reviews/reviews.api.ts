import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { Ok, Page, Person } from '../../api/types';
import type {
  Assignment,
  AutoAssignResult,
  Conflict,
  ConflictKind,
  ReviewProject,
  Round,
  RoundInput,
  RoundResult,
} from './reviews.types';

const keys = {
  all: ['reviews'] as const,
  list: ['reviews', 'list'] as const,
  round: (id: string) => ['reviews', 'round', id] as const,
  assignments: (id: string) => ['reviews', 'round', id, 'assignments'] as const,
  results: (id: string) => ['reviews', 'round', id, 'results'] as const,
  project: (id: string, assignmentId: string) => ['reviews', 'round', id, 'project', assignmentId] as const,
};

function useInvalidateReviews() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys.all });
}

/** The rounds the caller manages or reviews in. */
export function useRounds() {
  return useQuery({ queryKey: keys.list, queryFn: () => api.get<Page<Round>>('/api/reviews', { pageSize: 200 }) });
}

/** One round with its rubric. */
export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: keys.round(id ?? ''),
    queryFn: () => api.get<Round>(`/api/reviews/${id}`),
    enabled: Boolean(id),
  });
}

/** Creates a round. */
export function useCreateRound() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: RoundInput) => api.post<Round>('/api/reviews', body),
    onSuccess: invalidate,
  });
}

/** Opens or closes a round. */
export function useUpdateRound() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; status?: 'open' | 'closed'; title?: string }) =>
      api.patch<Round>(`/api/reviews/${id}`, body),
    onSettled: invalidate,
  });
}

/** The round's assignments (an expert sees only their own). */
export function useAssignments(roundId: string, enabled = true) {
  return useQuery({
    queryKey: keys.assignments(roundId),
    queryFn: () => api.get<{ items: Assignment[] }>(`/api/reviews/${roundId}/assignments`),
    enabled,
  });
}

/** The caller's assignments in several rounds at once. */
export function useAssignmentsOf(roundIds: string[]) {
  return useQueries({
    queries: roundIds.map((id) => ({
      queryKey: keys.assignments(id),
      queryFn: () => api.get<{ items: Assignment[] }>(`/api/reviews/${id}/assignments`),
    })),
  });
}

/** Assigns automatically (balanced, conflicts avoided). */
export function useAutoAssign(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: () => api.post<AutoAssignResult>(`/api/reviews/${roundId}/assignments`, { auto: true }),
    onSettled: invalidate,
  });
}

/** Assigns one expert to one project. */
export function useAssign(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: { projectId: string; expertId: string }) =>
      api.post<Assignment>(`/api/reviews/${roundId}/assignments`, body),
    onSettled: invalidate,
  });
}

/** Removes an assignment (before it is scored). */
export function useRemoveAssignment(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (assignmentId: string) => api.delete<Ok>(`/api/reviews/${roundId}/assignments/${assignmentId}`),
    onSettled: invalidate,
  });
}

/** The application as the expert of this assignment sees it. */
export function useReviewProject(roundId: string, assignmentId: string) {
  return useQuery({
    queryKey: keys.project(roundId, assignmentId),
    queryFn: () => api.get<ReviewProject>(`/api/reviews/${roundId}/assignments/${assignmentId}/project`),
  });
}

/** Submits (or changes) the expert's scores. */
export function useScore(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: { assignmentId: string; scores: Record<string, number>; comment: string }) =>
      api.post<Assignment>(`/api/reviews/${roundId}/scores`, body),
    onSuccess: invalidate,
  });
}

/** Ranked results (mean, trimmed mean, spread). */
export function useResults(roundId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.results(roundId),
    queryFn: () => api.get<{ roundId: string; items: RoundResult[] }>(`/api/reviews/${roundId}/results`),
    enabled,
  });
}

/** An expert who may be invited to a round. */
export interface ExpertOption {
  id: string;
  name: string;
  orgName: string;
}

async function expertsFromRoster(): Promise<ExpertOption[]> {
  const experts: ExpertOption[] = [];
  for (let page = 1; page <= 20; page += 1) {
    const answer = await api.get<Page<Person>>('/api/people', { role: 'expert', page, pageSize: 200 });
    for (const person of answer.items) {
      if (person.roles.some((grant) => grant.role === 'expert')) experts.push(person);
    }
    if (page * answer.pageSize >= answer.total) break;
  }
  return experts;
}

/**
 * People holding the expert role (评审专家) the caller may invite. Experts usually sit in a city or
 * provincial pool outside the caller's roster, so GET /api/reviews/experts is asked first; until the
 * server has it, the caller's own roster is searched.
 */
export function useExperts(enabled: boolean) {
  return useQuery({
    queryKey: ['reviews', 'experts'],
    queryFn: async () => {
      try {
        const answer = await api.get<{ items: ExpertOption[] }>('/api/reviews/experts', { pageSize: 200 });
        return answer.items;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return expertsFromRoster();
        throw error;
      }
    },
    enabled,
    staleTime: 60_000,
  });
}

/** The declared conflicts of these experts (one request per expert). */
export function useConflicts(expertIds: string[]) {
  return useQueries({
    queries: expertIds.map((expertId) => ({
      queryKey: ['reviews', 'conflicts', expertId],
      queryFn: () => api.get<Page<Conflict>>('/api/reviews/conflicts', { expertId, pageSize: 200 }),
    })),
  });
}

/** Records a conflict of an expert with a person. */
export function useCreateConflict() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: { expertId: string; personId: string; kind: ConflictKind; note?: string }) =>
      api.post<Conflict>('/api/reviews/conflicts', body),
    onSuccess: invalidate,
  });
}

/** Deletes a declared conflict. */
export function useDeleteConflict() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/reviews/conflicts/${id}`),
    onSuccess: invalidate,
  });
}
