import { useMutation, useQuery } from '@tanstack/react-query';
import type { PutRules, RulesDto } from '../../../server/modules/rules/rules.schema';
import { api, withQuery } from '../../api/client';
import { type Scope, useInvalidateOffice } from './office.api';

export type { Points, QuotaRules, ReferenceDate, Reward, RulesDto } from '../../../server/modules/rules/rules.schema';
export type { PutRules };

/** Where ages are taken for a term's rules. */
export const referenceModes = ['term_start', 'term_end', 'fixed'] as const;

/** The activity kinds that may count as 一人一课 or earn points when presented. */
export const activityKinds = [
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'contest_lesson',
  'model_lesson',
  'collective_prep',
  'lesson_review',
  'lecture',
  'training',
  'salon',
  'project_seminar',
  'study_report',
] as const satisfies readonly RulesDto['rules']['one_lesson']['activityKinds'][number][];

/** Growth record kinds that may count as writing (写作). */
export const growthKinds = [
  'reading',
  'essay',
  'reflection',
  'case',
  'narrative',
  'lesson_plan',
  'lesson_example',
  'training',
  'study',
  'platform',
] as const satisfies readonly RulesDto['rules']['writing']['growthKinds'][number][];

/** Work kinds of the works catalogue. */
export const workKinds = [
  'paper',
  'lesson_plan',
  'design',
  'case',
  'courseware',
  'lesson_example',
  'book',
] as const satisfies readonly RulesDto['rules']['competition']['workKinds'][number][];

/** The school's rules, points table and rewards for a term (its own, copied forward or the defaults). */
export function useRules(scope: Partial<Scope>, enabled = true) {
  return useQuery({
    queryKey: ['rules', scope],
    queryFn: () => api.get<RulesDto>('/api/rules', { ...scope }),
    enabled: enabled && Boolean(scope.orgId && scope.termId),
  });
}

/** Saves the term's rules (with the version read); compliance and assessment follow. */
export function useSaveRules() {
  const invalidate = useInvalidateOffice();
  return useMutation({
    mutationFn: ({ scope, body }: { scope: Scope; body: PutRules }) =>
      api.put<RulesDto>(withQuery('/api/rules', { ...scope }), body),
    onSuccess: invalidate,
  });
}
