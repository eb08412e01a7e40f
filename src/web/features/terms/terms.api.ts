import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Term } from '../../api/types';

/** The writable fields of a term. */
export interface TermInput {
  schoolYear: number;
  termNo: number;
  startsOn: string;
  endsOn: string;
  name?: string;
}

/** Every school year and term. */
export function useTerms() {
  return useQuery({ queryKey: ['terms'], queryFn: () => api.get<Page<Term>>('/api/terms', { pageSize: 200 }) });
}

/** Creates a term, or updates one when `id` and `version` are given. */
export function useSaveTerm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: TermInput & { id?: string; version?: number }) =>
      id ? api.patch<Term>(`/api/terms/${id}`, { version, ...body }) : api.post<Term>('/api/terms', body),
    onSettled: () => client.invalidateQueries({ queryKey: ['terms'] }),
  });
}
