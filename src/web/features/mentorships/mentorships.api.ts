import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';

export const evaluationGrades = ['excellent', 'good', 'pass', 'fail'] as const;
export type EvaluationGrade = (typeof evaluationGrades)[number];

/** The end-of-term evaluation of a pair (期末评价). */
export interface MentorshipEvaluation {
  comment: string;
  grade: EvaluationGrade;
  gradeLabel: string;
  /** 优秀师徒 */
  excellent: boolean;
  /** Who evaluated (a person id). */
  evaluatedBy: string | null;
  evaluatedAt: string | null;
}

export const mentorshipStatuses = ['active', 'ended'] as const;
export type MentorshipStatus = (typeof mentorshipStatuses)[number];

/** A mentoring pair (师徒结对) as the server presents it. */
export interface Mentorship {
  id: string;
  version: number;
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  orgId: string;
  orgName: string;
  startsOn: string;
  endsOn: string | null;
  goals: string;
  agreement: string;
  status: MentorshipStatus;
  /** Submitted observations of each other's lessons during the pairing. */
  mutualObservations: { mentorObservedMentee: number; menteeObservedMentor: number };
  evaluation: MentorshipEvaluation | null;
  assessmentCount: number;
  lastAssessedMonth: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; assess: boolean; evaluate: boolean };
}

export interface MentorshipInput {
  mentorId: string;
  menteeId: string;
  startsOn: string;
  endsOn?: string;
  goals?: string;
  agreement?: string;
}

/** One monthly assessment entry (月度考核). */
export interface Assessment {
  id: string;
  mentorshipId: string;
  month: string;
  score: number | null;
  comment: string;
  assessorId: string;
  assessorName: string;
  createdAt: string;
}

/** A change to a pair (with its version); status 'ended' closes it. */
export interface MentorshipPatch {
  version: number;
  goals?: string;
  agreement?: string;
  startsOn?: string;
  endsOn?: string | null;
  status?: MentorshipStatus;
}

export interface MentorshipFilters {
  orgId?: string;
  personId?: string;
  status?: MentorshipStatus;
}

/** One page of pairs. */
export function useMentorships(filters: MentorshipFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['mentorships', 'list', filters, page, pageSize],
    queryFn: () => api.get<Page<Mentorship>>('/api/mentorships', { ...(filters as Query), page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One pair. */
export function useMentorship(id: string | undefined) {
  return useQuery({
    queryKey: ['mentorships', 'item', id],
    queryFn: () => api.get<Mentorship>(`/api/mentorships/${id}`),
    enabled: Boolean(id),
  });
}

/** The monthly assessments of a pair. */
export function useAssessments(id: string | undefined) {
  return useQuery({
    queryKey: ['mentorships', 'item', id, 'assessments'],
    queryFn: () => api.get<{ items: Assessment[] }>(`/api/mentorships/${id}/assessments`),
    enabled: Boolean(id),
  });
}

function useInvalidateMentorships() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['mentorships'] });
}

/** Creates a pair (the school director). */
export function useCreateMentorship() {
  const invalidate = useInvalidateMentorships();
  return useMutation({
    mutationFn: (body: MentorshipInput) => api.post<Mentorship>('/api/mentorships', body),
    onSuccess: invalidate,
  });
}

/** Updates a pair's agreement, goals or status (with its version). */
export function useUpdateMentorship() {
  const invalidate = useInvalidateMentorships();
  return useMutation({
    mutationFn: ({ id, ...body }: MentorshipPatch & { id: string }) =>
      api.patch<Mentorship>(`/api/mentorships/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** Adds a monthly assessment. */
export function useAddAssessment(id: string) {
  const invalidate = useInvalidateMentorships();
  return useMutation({
    mutationFn: (body: { month: string; score?: number; comment: string }) =>
      api.post<Assessment>(`/api/mentorships/${id}/assessments`, body),
    onSuccess: invalidate,
  });
}

/** Records the end-of-term evaluation. */
export function useEvaluate(id: string) {
  const invalidate = useInvalidateMentorships();
  return useMutation({
    mutationFn: (body: { comment: string; grade: EvaluationGrade; excellent?: boolean; version?: number }) =>
      api.post<Mentorship>(`/api/mentorships/${id}/evaluation`, body),
    onSuccess: invalidate,
  });
}
