import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The kinds of record search covers, in the order of the tabs. */
export const searchTypes = ['project', 'report', 'activity', 'growth', 'work', 'file'] as const;
export type SearchType = (typeof searchTypes)[number];

/** One hit: `snippet` is escaped HTML with <mark> around the hits (render it with <Highlighted>). */
export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  snippet: string;
  link: string;
  orgName?: string;
  kind?: string;
  date?: string;
  fileName?: string;
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  counts: Partial<Record<SearchType, number>>;
}

export const isSearchType = (value: string | null): value is SearchType => searchTypes.some((type) => type === value);

/** Full-text search within the caller's scope. */
export function useSearch(q: string, type: SearchType | undefined, page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['search', q, type ?? 'all', page, pageSize],
    queryFn: () => api.get<SearchResult>('/api/search', { q, type, page, pageSize }),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}
