import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Ok } from '../../api/types';
import type {
  ArchiveStage,
  ConclusionCheck,
  FileCategory,
  FileList,
  Lesson,
  LessonForm,
  OpinionGrade,
  Output,
  OutputInput,
  Report,
  ReportContent,
  ReportKind,
} from './running.types';

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`;

/** Query keys of one project's running records. */
const keys = {
  all: (projectId: string) => ['project-running', projectId] as const,
  reports: (projectId: string) => ['project-running', projectId, 'reports'] as const,
  lessons: (projectId: string) => ['project-running', projectId, 'lessons'] as const,
  files: (projectId: string) => ['project-running', projectId, 'files'] as const,
  outputs: (projectId: string) => ['project-running', projectId, 'outputs'] as const,
  check: (projectId: string) => ['project-running', projectId, 'conclusion-check'] as const,
};

function useInvalidate(projectId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys.all(projectId) });
}

/** Every report of the project (开题/月报/中期/结题). */
export function useReports(projectId: string) {
  return useQuery({
    queryKey: keys.reports(projectId),
    queryFn: () => api.get<{ items: Report[] }>(`${base(projectId)}/reports`, { pageSize: 200 }),
  });
}

/** Submits a report. */
export function useCreateReport(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (body: { kind: ReportKind; month?: string; content: ReportContent }) =>
      api.post<Report>(`${base(projectId)}/reports`, body),
    onSuccess: invalidate,
  });
}

/** Edits a report; a returned report is resubmitted. */
export function useUpdateReport(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; month?: string; content: ReportContent }) =>
      api.patch<Report>(`${base(projectId)}/reports/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** 月查: marks a report checked or returns it with a reason. */
export function useCheckReport(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; decision: 'checked' | 'returned'; reason?: string }) =>
      api.post<Report>(`${base(projectId)}/reports/${id}/check`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** Expert opinion (专家意见) on an opening or mid-term report. */
export function useReportOpinion(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; opinion: string; grade: OpinionGrade }) =>
      api.post<Report>(`${base(projectId)}/reports/${id}/opinion`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** The research lessons planned with the 四定. */
export function useLessons(projectId: string) {
  return useQuery({
    queryKey: keys.lessons(projectId),
    queryFn: () => api.get<{ items: Lesson[] }>(`${base(projectId)}/lessons`, { pageSize: 200 }),
  });
}

/** Plans a research lesson. */
export function useCreateLesson(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (body: { teacherId: string; plannedOn: string; content: string; form: LessonForm }) =>
      api.post<Lesson>(`${base(projectId)}/lessons`, body),
    onSuccess: invalidate,
  });
}

/** Records when a planned lesson was held. */
export function useUpdateLesson(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; heldOn: string | null }) =>
      api.patch<Lesson>(`${base(projectId)}/lessons/${id}`, body),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

/** The archive bag (档案袋). */
export function useFiles(projectId: string) {
  return useQuery({
    queryKey: keys.files(projectId),
    queryFn: () => api.get<FileList>(`${base(projectId)}/files`),
  });
}

/** Where a file is downloaded. */
export function fileUrl(projectId: string, fileId: string): string {
  return `${base(projectId)}/files/${encodeURIComponent(fileId)}`;
}

/** The whole archive as one zip with a table of contents. */
export function archiveZipUrl(projectId: string): string {
  return `${base(projectId)}/export/archive.zip`;
}

/** Uploads one file into a category (and stage). */
export function useUploadFile(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (input: {
      file: Blob;
      category: FileCategory;
      stage?: ArchiveStage;
      onProgress: (percent: number) => void;
    }) => {
      const fields: Record<string, string> = { category: input.category };
      if (input.stage) fields.stage = input.stage;
      return api.upload<unknown>(`${base(projectId)}/files`, input.file, input.onProgress, fields);
    },
    onSuccess: invalidate,
  });
}

/** Deletes an archive file. */
export function useDeleteFile(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (fileId: string) => api.delete<Ok>(fileUrl(projectId, fileId)),
    onSuccess: invalidate,
  });
}

/** The project's outputs (成果). */
export function useOutputs(projectId: string) {
  return useQuery({
    queryKey: keys.outputs(projectId),
    queryFn: () => api.get<{ items: Output[]; total: number }>(`${base(projectId)}/outputs`),
  });
}

/** Records an output. */
export function useCreateOutput(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (body: OutputInput) => api.post<Output>(`${base(projectId)}/outputs`, body),
    onSuccess: invalidate,
  });
}

/** Deletes an output. */
export function useDeleteOutput(projectId: string) {
  const invalidate = useInvalidate(projectId);
  return useMutation({
    mutationFn: (outputId: string) => api.delete<Ok>(`${base(projectId)}/outputs/${outputId}`),
    onSuccess: invalidate,
  });
}

/** The conclusion check against the rules of the project's level and its promises. */
export function useConclusionCheck(projectId: string) {
  return useQuery({
    queryKey: keys.check(projectId),
    queryFn: () => api.get<ConclusionCheck>(`${base(projectId)}/conclusion-check`),
  });
}
