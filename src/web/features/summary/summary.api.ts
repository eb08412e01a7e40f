import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type SectionKey = 'intro' | 'projects' | 'development' | 'awards' | 'activities' | 'problems' | 'next';

export interface SummarySection {
  key: SectionKey;
  title: string;
  text: string;
  edited: boolean;
}

/** A figure the generated text states, with its value on the dashboard. */
export interface UsedFigure {
  key: string;
  label: string;
  value: number;
  display: string;
}

/** The semester summary draft (学期教科研工作总结). */
export interface Summary {
  id: string | null;
  version: number | null;
  orgId: string;
  orgName: string;
  termId: string;
  termName: string;
  title: string;
  sections: SummarySection[];
  figures: UsedFigure[];
  generatedAt: string;
  /** A stated figure changed on the dashboard since the text was written. */
  stale: boolean;
  updatedAt: string | null;
  abilities: { update: boolean };
}

export interface SaveSummaryInput {
  version?: number;
  title?: string;
  sections?: { key: SectionKey; text: string }[];
  regenerate?: boolean;
  overwrite?: boolean;
}

const key = (orgId?: string, termId?: string) => ['semester-summary', orgId, termId] as const;

/** The path of the summary's Word document. */
export const summaryDocxHref = (orgId: string, termId: string) =>
  `/api/reports/semester-summary.docx?orgId=${encodeURIComponent(orgId)}&termId=${encodeURIComponent(termId)}`;

export function useSummary(orgId: string | undefined, termId: string | undefined) {
  return useQuery({
    queryKey: key(orgId, termId),
    enabled: Boolean(orgId && termId),
    queryFn: () => api.get<Summary>('/api/reports/semester-summary', { orgId, termId }),
    retry: false,
  });
}

export function useSaveSummary(orgId: string | undefined, termId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSummaryInput) =>
      api.put<Summary>(
        `/api/reports/semester-summary?orgId=${encodeURIComponent(orgId ?? '')}&termId=${encodeURIComponent(termId ?? '')}`,
        body,
      ),
    onSuccess: (data) => client.setQueryData(key(orgId, termId), data),
  });
}
