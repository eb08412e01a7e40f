import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { AgeBand, BackboneLevel, Grant, Ok, Page, Person, PersonInput, Role, Title } from '../../api/types';

/** The filters of the roster (also used for the Excel export). */
export interface PeopleFilters {
  q?: string;
  orgId?: string;
  groupId?: string;
  subject?: string;
  title?: Title;
  ageBand?: AgeBand;
  backboneLevel?: BackboneLevel;
}

/** The filters as query parameters. */
export function filtersQuery(filters: PeopleFilters): Query {
  return { ...filters };
}

/** One page of the roster. */
export function usePeople(filters: PeopleFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: ['people', 'list', filters, page, pageSize],
    queryFn: () => api.get<Page<Person>>('/api/people', { ...filtersQuery(filters), page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One person's profile. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: ['people', 'item', id],
    queryFn: () => api.get<Person>(`/api/people/${id}`),
    enabled: Boolean(id),
  });
}

function useInvalidatePeople() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['people'] });
}

/** Adds a person. */
export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: PersonInput) => api.post<Person>('/api/people', body),
    onSuccess: invalidate,
  });
}

/** Updates a person (with their version). */
export function useUpdatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<PersonInput> & { id: string; version: number }) =>
      api.patch<Person>(`/api/people/${id}`, body),
    onSuccess: invalidate,
    // a stale version (409) means the cached record is old: fetch it again
    onError: invalidate,
  });
}

/** Grants a role on an org. */
export function useGrantRole(personId: string) {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: { role: Role; orgId: string }) => api.post<Grant>(`/api/people/${personId}/roles`, body),
    onSuccess: invalidate,
  });
}

/** Revokes a grant. */
export function useRevokeRole(personId: string) {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (grantId: string) => api.delete<Ok>(`/api/people/${personId}/roles/${grantId}`),
    onSuccess: invalidate,
  });
}

/** Uploads a roster for one school; all rows or none. */
export function useImportRoster() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: { orgId: string; file: Blob; onProgress: (percent: number) => void }) =>
      api.upload<{ imported: number }>(
        `/api/people/import?orgId=${encodeURIComponent(input.orgId)}`,
        input.file,
        input.onProgress,
      ),
    onSuccess: invalidate,
  });
}
