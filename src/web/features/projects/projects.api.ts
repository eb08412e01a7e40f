import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ACTIONS, STAGES } from '../../../server/modules/projects/projects.workflow';
import { api, type Query } from '../../api/client';
import type { Ok, Page } from '../../api/types';
import type { ProjectKind } from '../calls/calls.api';

export type { ProjectKind } from '../calls/calls.api';

/** 级别 */
export const levels = ['national', 'provincial', 'city', 'district', 'school'] as const;
export type Level = (typeof levels)[number];

/** The lifecycle stages (SPEC §3.2) and transition actions: the server's own table, shared. */
export const stages = STAGES;
export type Stage = (typeof stages)[number];
export const actions = ACTIONS;
export type Action = (typeof actions)[number];

export const grades = ['excellent', 'good', 'pass'] as const;
export type Grade = (typeof grades)[number];

export const memberRoles = ['host', 'core', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** 预期成果 kinds offered in the form. */
export const outcomeKinds = ['paper', 'lesson', 'report', 'case', 'courseware', 'other'] as const;

/** 规划期 choices. */
export const planPeriods = ['十一五', '十二五', '十三五', '十四五', '十五五'] as const;

export interface ProjectSections {
  /** 选题意义 */
  significance: string;
  /** 研究目标与内容 */
  goals: string;
  /** 研究方法 */
  methods: string;
  /** 研究步骤/阶段安排 */
  steps: string;
  /** 经费预算 */
  budget?: string;
}

export interface ProjectMember {
  personId: string;
  name: string;
  role: MemberRole;
}

export interface ExpectedOutcome {
  kind: string;
  count: number;
}

/** A research project (课题) as the server presents it, with the caller's abilities. */
export interface Project {
  id: string;
  version: number;
  title: string;
  level: Level;
  kind: string;
  stage: Stage;
  orgId: string;
  orgName: string;
  hostId: string;
  hostName: string;
  /** 立项编号, null before approval. */
  number: string | null;
  callId: string | null;
  callTitle: string | null;
  subject: string | null;
  planPeriod: string | null;
  members: ProjectMember[];
  expectedOutcomes: ExpectedOutcome[];
  sections: ProjectSections;
  startsOn: string | null;
  endsOn: string | null;
  grade: Grade | null;
  /** Whose desk the application is on. */
  holderOrgId: string | null;
  holderOrgName: string | null;
  managerOrgId: string | null;
  managerOrgName: string | null;
  historic: boolean;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; delete: boolean; actions: Action[] };
}

/** The writable fields of an application (申报书). */
export interface ProjectInput {
  title: string;
  callId?: string;
  level: Level;
  kind: ProjectKind;
  orgId: string;
  hostId: string;
  subject?: string;
  planPeriod?: string;
  members: { personId: string; role: MemberRole }[];
  expectedOutcomes: ExpectedOutcome[];
  sections: ProjectSections;
  startsOn?: string | null;
  endsOn?: string | null;
}

export interface ProjectFilters {
  q?: string;
  orgId?: string;
  level?: Level;
  kind?: ProjectKind;
  stage?: Stage;
  callId?: string;
  hostId?: string;
  planPeriod?: string;
}

export interface ProjectPage extends Page<Project> {
  countsByStage: Partial<Record<Stage, number>>;
}

export interface HistoryItem {
  id: string;
  action: Action;
  fromStage: Stage;
  toStage: Stage;
  actorId: string | null;
  actorName: string | null;
  at: string;
  reason: string | null;
  details: unknown;
}

/** One tier of the 逐级推荐 route. */
export interface RouteStep {
  orgId: string;
  orgName: string;
  step: 'recommend' | 'approve';
  people: string[];
  quota: number | null;
  state: 'done' | 'current' | 'pending';
}

export interface TransitionInput {
  action: Action;
  reason?: string;
  grade?: Grade;
  until?: string;
}

/** One page of projects with counts per stage. */
export function useProjects(filters: ProjectFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: ['projects', 'list', filters, page, pageSize],
    queryFn: () => api.get<ProjectPage>('/api/projects', { ...(filters as Query), page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One project. */
export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: ['projects', 'item', id],
    queryFn: () => api.get<Project>(`/api/projects/${id}`),
    enabled: Boolean(id),
  });
}

/** The stage history (流转记录). */
export function useProjectHistory(id: string) {
  return useQuery({
    queryKey: ['projects', 'item', id, 'history'],
    queryFn: () => api.get<{ items: HistoryItem[] }>(`/api/projects/${id}/history`),
  });
}

/** The recommendation route preview. */
export function useProjectRoute(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['projects', 'item', id, 'route'],
    queryFn: () => api.get<{ items: RouteStep[]; warnings: string[] }>(`/api/projects/${id}/route`),
    enabled,
  });
}

function useInvalidateProjects() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['projects'] }),
      // quota usage on calls depends on the applications
      client.invalidateQueries({ queryKey: ['calls'] }),
    ]);
}

/** Creates a draft application. */
export function useCreateProject() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (body: ProjectInput) => api.post<Project>('/api/projects', body),
    onSuccess: invalidate,
  });
}

/** Updates a draft (with its version). */
export function useUpdateProject() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<Omit<ProjectInput, 'orgId' | 'callId'>> & { id: string; version: number }) =>
      api.patch<Project>(`/api/projects/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** Deletes a draft. */
export function useDeleteProject() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/projects/${id}`),
    onSuccess: invalidate,
  });
}

/** Takes a transition (提交/推荐/立项…). */
export function useTransition() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ id, ...body }: TransitionInput & { id: string }) =>
      api.post<Project>(`/api/projects/${id}/transitions`, body),
    onSettled: invalidate,
  });
}

/** Uploads 历史课题 for one school; all rows or none. */
export function useImportProjects() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (input: { orgId: string; file: Blob; onProgress: (percent: number) => void }) =>
      api.upload<{ imported: number }>(
        `/api/projects/import?orgId=${encodeURIComponent(input.orgId)}`,
        input.file,
        input.onProgress,
      ),
    onSuccess: invalidate,
  });
}
