import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CompetitionDto,
  CreateCompetition,
  CreateEdition,
  CreatePublication,
  CreateStudentAward,
  EditionDto,
  EntryDto,
  PrereviewAssignmentDto,
  PublicationDto,
  StudentAwardDto,
  UpdateCompetition,
  UpdateStudentAward,
  WorkDto,
  WorkKind,
  WorkResult,
} from '../../../server/modules/works/works.schema';
import { api } from '../../api/client';
import type { Ok, Page } from '../../api/types';
import type { Level } from '../projects/projects.api';

export type { EntryStatus, WorkKind } from '../../../server/modules/works/works.schema';

/** 论文, 教案, 教学设计, 案例, 课件, 课例, 专著 (the server's order). */
export const workKinds = [
  'paper',
  'lesson_plan',
  'design',
  'case',
  'courseware',
  'lesson_example',
  'book',
] as const satisfies readonly WorkKind[];

/** 特等奖 … 入围, best first. */
export const awardResults = [
  'special',
  'first',
  'second',
  'third',
  'merit',
  'shortlisted',
] as const satisfies readonly WorkResult[];
export type AwardResult = WorkResult;

export type Work = WorkDto;
export type WorkEntry = EntryDto;
export type WorkAuthor = WorkDto['authors'][number];
export type Publication = PublicationDto;
export type PrereviewAssignment = PrereviewAssignmentDto;
export type Competition = CompetitionDto;
export type CompetitionEdition = EditionDto;
export type StudentAward = StudentAwardDto;

/** One author as the form sends it: a teacher of the roster or an outside co-author. */
export type AuthorInput = { personId: string } | { outsideName: string };

/** The writable fields of a work; authors in byline order. */
export interface WorkInput {
  kind: WorkKind;
  title: string;
  subject?: string | null;
  charCount?: number | null;
  abstract?: string;
  authors: AuthorInput[];
  projectIds: string[];
}

export type WorkFilters = {
  kind?: WorkKind;
  termId?: string;
  personId?: string;
  q?: string;
  orgId?: string;
};

/** Filters of the entries (参评/获奖) and publications tables. */
export type RecordFilters = {
  orgId?: string;
  termId?: string;
  level?: Level;
  awarded?: 'true' | 'false';
  personId?: string;
};

/** One item of the pre-review lists: the entry with its work. */
export interface PrereviewItem {
  entry: WorkEntry;
  work: Work;
}

export interface RubricItem {
  key: string;
  label: string;
  max: number;
}

const worksKey = ['works'] as const;

function useInvalidateWorks() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: worksKey });
}

/** The answer of a historic awards import. */
export interface AwardImportAnswer {
  imported: number;
  works: number;
  competitions: number;
  /** e.g. 蓝天杯（市级） */
  newCompetitions: string[];
  [key: string]: unknown;
}

/** 导入历史获奖: a school's past awards from the template (all rows or none). */
export function useImportAwards() {
  const invalidate = useInvalidateWorks();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { orgId: string; file: Blob; onProgress: (percent: number) => void }) =>
      api.upload<AwardImportAnswer>(
        `/api/works/import?orgId=${encodeURIComponent(input.orgId)}`,
        input.file,
        input.onProgress,
      ),
    onSuccess: () => {
      invalidate();
      client.invalidateQueries({ queryKey: ['competitions'] });
    },
  });
}

/** 导入论文发表: a school's past publications from the template. */
export function useImportPublications() {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: (input: { orgId: string; file: Blob; onProgress: (percent: number) => void }) =>
      api.upload<{ imported: number; works: number }>(
        `/api/publications/import?orgId=${encodeURIComponent(input.orgId)}`,
        input.file,
        input.onProgress,
      ),
    onSuccess: () => invalidate(),
  });
}

/** 导入指导学生获奖: a school's past student-guidance awards from the template. */
export function useImportStudentAwards() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { orgId: string; file: Blob; onProgress: (percent: number) => void }) =>
      api.upload<{ imported: number }>(
        `/api/student-awards/import?orgId=${encodeURIComponent(input.orgId)}`,
        input.file,
        input.onProgress,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['student-awards'] }),
  });
}

/** One page of works. */
export function useWorks(filters: WorkFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...worksKey, 'list', filters, page, pageSize],
    queryFn: () => api.get<Page<Work>>('/api/works', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One work with its authors, entries and publications. */
export function useWork(id: string | undefined) {
  return useQuery({
    queryKey: [...worksKey, 'item', id],
    queryFn: () => api.get<Work>(`/api/works/${id}`),
    enabled: Boolean(id),
  });
}

/** Records a work, or updates one when `id` and `version` are given. */
export function useSaveWork() {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({ id, version, ...body }: WorkInput & { id?: string; version?: number }) =>
      id ? api.patch<Work>(`/api/works/${id}`, { version, ...body }) : api.post<Work>('/api/works', body),
    onSettled: invalidate,
  });
}

export function useDeleteWork() {
  const invalidate = useInvalidateWorks();
  return useMutation({ mutationFn: (id: string) => api.delete<Ok>(`/api/works/${id}`), onSuccess: invalidate });
}

/** Enters a work in a competition (it starts in 校内初审). */
export function useEnterWork(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: (body: { competitionId: string; editionId?: string; year: number; enteredOn?: string }) =>
      api.post<WorkEntry>(`/api/works/${workId}/entries`, body),
    onSuccess: invalidate,
  });
}

/** Changes an entry: 报送, result and its date (with its version). */
export function useUpdateEntry(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({
      entryId,
      ...body
    }: {
      entryId: string;
      version: number;
      status?: 'submitted' | 'not_awarded';
      result?: AwardResult | null;
      resultOn?: string | null;
    }) => api.patch<WorkEntry>(`/api/works/${workId}/entries/${entryId}`, body),
    onSettled: invalidate,
  });
}

export function useDeleteEntry(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: (entryId: string) => api.delete<Ok>(`/api/works/${workId}/entries/${entryId}`),
    onSuccess: invalidate,
  });
}

/** Where an entry's certificate is uploaded (multipart `file`). */
export function certificatePath(workId: string, entryId: string): string {
  return `/api/works/${workId}/entries/${entryId}/certificate`;
}

export function useUploadCertificate(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({ entryId, file }: { entryId: string; file: Blob }) =>
      api.upload<WorkEntry>(certificatePath(workId, entryId), file),
    onSuccess: invalidate,
  });
}

/** 校内初审: assigns reviewers of the school to an entry. */
export function useAssignReviewers(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({ entryId, reviewerIds }: { entryId: string; reviewerIds: string[] }) =>
      api.post<WorkEntry>(`/api/works/${workId}/entries/${entryId}/prereview/assignments`, { reviewerIds }),
    onSuccess: invalidate,
  });
}

/** Removes one reviewer's assignment (before they scored). */
export function useRemoveReviewer(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({ entryId, assignmentId }: { entryId: string; assignmentId: string }) =>
      api.delete<WorkEntry>(`/api/works/${workId}/entries/${entryId}/prereview/assignments/${assignmentId}`),
    onSuccess: invalidate,
  });
}

/** A reviewer's scores and comment. */
export function useScorePrereview() {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({
      workId,
      entryId,
      ...body
    }: {
      workId: string;
      entryId: string;
      assignmentId?: string;
      scores: Record<string, number>;
      comment: string;
    }) => api.post<WorkEntry>(`/api/works/${workId}/entries/${entryId}/prereview/scores`, body),
    onSuccess: invalidate,
  });
}

/** 论文定质: recommend or not. */
export function useDecidePrereview() {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({
      workId,
      entryId,
      ...body
    }: {
      workId: string;
      entryId: string;
      decision: 'recommend' | 'not_recommend';
      comment: string;
    }) => api.post<WorkEntry>(`/api/works/${workId}/entries/${entryId}/prereview/decision`, body),
    onSettled: invalidate,
  });
}

/**
 * 校内初审 work list: the entries assigned to the caller, and for the school's office its entries in
 * pre-review (`state` pending = not yet scored by the reviewer / not yet decided by the school).
 */
export function usePrereviews(state: 'pending' | 'done' | 'all', enabled = true) {
  return useQuery({
    queryKey: [...worksKey, 'prereviews', state],
    queryFn: () => api.get<Page<PrereviewItem>>('/api/prereviews', { state, pageSize: 200 }),
    enabled,
  });
}

/** The caller's own assignment on an entry, if any. */
export function ownAssignment(item: PrereviewItem, personId: string): PrereviewAssignment | undefined {
  return item.entry.prereviews.find((p) => p.reviewerId === personId);
}

/** The pre-review score sheet (校内初审评分表). */
export function usePrereviewRubric() {
  return useQuery({
    queryKey: ['prereview-rubric'],
    queryFn: () => api.get<{ items: RubricItem[] }>('/api/prereviews/rubric'),
    staleTime: 5 * 60_000,
  });
}

/** The .xlsx export of a table (same filters as its list). */
export function workExportPath(what: 'entries' | 'publications'): string {
  return `/api/${what}/export.xlsx`;
}

/** Entries (参评 / 获奖) of a scope and term. */
export function useEntries(filters: RecordFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...worksKey, 'entries', filters, page, pageSize],
    queryFn: () => api.get<Page<WorkEntry>>('/api/entries', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** Publications of a scope and term. */
export function usePublications(filters: RecordFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...worksKey, 'publications', filters, page, pageSize],
    queryFn: () => api.get<Page<Publication>>('/api/publications', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useSavePublication(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: ({ id, version, ...body }: CreatePublication & { id?: string; version?: number }) =>
      id
        ? api.patch<Publication>(`/api/works/${workId}/publications/${id}`, { version, ...body })
        : api.post<Publication>(`/api/works/${workId}/publications`, body),
    onSettled: invalidate,
  });
}

export function useDeletePublication(workId: string) {
  const invalidate = useInvalidateWorks();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/works/${workId}/publications/${id}`),
    onSuccess: invalidate,
  });
}

/** The competitions catalogue. */
export function useCompetitions(filters: { level?: Level; q?: string; active?: 'true' | 'false' } = {}) {
  return useQuery({
    queryKey: ['competitions', filters],
    queryFn: () => api.get<Page<Competition>>('/api/competitions', { ...filters, pageSize: 200 }),
  });
}

function useInvalidateCompetitions() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['competitions'] });
}

export function useSaveCompetition() {
  const invalidate = useInvalidateCompetitions();
  return useMutation({
    mutationFn: ({ id, ...body }: (CreateCompetition & { id?: undefined }) | (UpdateCompetition & { id: string })) =>
      id ? api.patch<Competition>(`/api/competitions/${id}`, body) : api.post<Competition>('/api/competitions', body),
    onSettled: invalidate,
  });
}

/** Adds an edition (届次) with its deadline to a competition. */
export function useAddEdition() {
  const invalidate = useInvalidateCompetitions();
  return useMutation({
    mutationFn: ({ competitionId, ...body }: CreateEdition & { competitionId: string }) =>
      api.post<Competition>(`/api/competitions/${competitionId}/editions`, body),
    onSettled: invalidate,
  });
}

export function useStudentAwards(filters: RecordFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['student-awards', filters, page, pageSize],
    queryFn: () => api.get<Page<StudentAward>>('/api/student-awards', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveStudentAward() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: (CreateStudentAward & { id?: undefined }) | (UpdateStudentAward & { id: string })) =>
      id
        ? api.patch<StudentAward>(`/api/student-awards/${id}`, body)
        : api.post<StudentAward>('/api/student-awards', body),
    onSettled: () => client.invalidateQueries({ queryKey: ['student-awards'] }),
  });
}

export function useDeleteStudentAward() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/student-awards/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['student-awards'] }),
  });
}
