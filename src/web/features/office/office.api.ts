import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assessmentListSchema,
  assessmentSchoolsSchema,
  rewardItemSchema,
  scoreItemSchema,
  teacherScoreSchema,
} from '../../../server/modules/assessment/assessment.schema';
import type {
  complianceItemSchema,
  complianceListSchema,
  complianceSchoolsSchema,
  countedRecordSchema,
  RemindBody,
} from '../../../server/modules/compliance/compliance.schema';
import { api, type Query, withQuery } from '../../api/client';
import type { Page } from '../../api/types';

/** The rules a school checks every term (制度), in the order the pages show them. */
export const ruleKeys = ['observations', 'writing', 'competition', 'one_lesson', 'eight_ones'] as const;
export type RuleKey = (typeof ruleKeys)[number];

/** Levels everywhere are the project levels. */
export const levels = ['national', 'provincial', 'city', 'district', 'school'] as const;
export type Level = (typeof levels)[number];

/** Award results (特等奖 … 入围), best first. */
export const results = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export type Result = (typeof results)[number];

/** Where the school and term of a rules / compliance / assessment view come from. */
export interface Scope {
  orgId: string;
  termId: string;
}

/** A record counted for a rule (听课记录, 随笔, 参赛…). */
export type CountedRecord = z.infer<typeof countedRecordSchema>;

/** One teacher × one rule of the compliance view. */
export type ComplianceItem = z.infer<typeof complianceItemSchema>;

/** The whole compliance view of a scope (every page), its summary and the caller's abilities. */
export type ComplianceAnswer = Omit<z.infer<typeof complianceListSchema>, 'page' | 'pageSize'>;

/** One scored item of a teacher's research assessment, traced to its record. */
export type AssessmentSourceItem = z.infer<typeof scoreItemSchema>;

/** One teacher's research-assessment score (教科研考核). */
export type AssessmentRow = z.infer<typeof teacherScoreSchema>;

/** The ranking of a scope (every page) and the terms it covers. */
export type AssessmentAnswer = Omit<z.infer<typeof assessmentListSchema>, 'page' | 'pageSize'>;

/** One reward earned (参赛费补助…), with the award behind it. */
export type RewardRow = z.infer<typeof rewardItemSchema>;

/** A term, or a whole school year, of an org. */
export interface AssessmentScope {
  orgId?: string;
  termId?: string;
  schoolYear?: number;
}

/** The first page of a list answer and the items of every page (200 a page). */
async function allPages<T, P extends Page<T>>(path: string, query: Query): Promise<{ first: P; items: T[] }> {
  const first = await api.get<P>(path, { ...query, page: 1, pageSize: 200 });
  const items = [...first.items];
  for (let page = 2; items.length < first.total && page <= 50; page++) {
    const next = await api.get<P>(path, { ...query, page, pageSize: 200 });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { first, items };
}

/** The compliance of a school (or one teacher) for a term: one item per teacher and rule. */
export function useCompliance(scope: Partial<Scope>, enabled = true, personId?: string) {
  return useQuery({
    queryKey: ['compliance', scope, personId],
    queryFn: async (): Promise<ComplianceAnswer> => {
      const { first, items } = await allPages<ComplianceItem, z.infer<typeof complianceListSchema>>('/api/compliance', {
        ...scope,
        personId,
      });
      return { items, total: first.total, summary: first.summary, abilities: first.abilities };
    },
    enabled: enabled && Boolean(scope.orgId && scope.termId),
    placeholderData: keepPreviousData,
  });
}

/** A district's or city's assessment school by school (各校考核情况). */
export type AssessmentSchools = z.infer<typeof assessmentSchoolsSchema>;

export function useAssessmentSchools(scope: AssessmentScope, enabled = true) {
  return useQuery({
    queryKey: ['assessment-schools', scope],
    queryFn: () => api.get<AssessmentSchools>('/api/assessment/schools', scopeQuery(scope)),
    enabled: enabled && Boolean(scope.orgId && (scope.termId || scope.schoolYear)),
    placeholderData: keepPreviousData,
  });
}

/** A district's or city's compliance school by school (各校达标情况). */
export type ComplianceSchools = z.infer<typeof complianceSchoolsSchema>;

export function useComplianceSchools(scope: Partial<Scope>, enabled = true) {
  return useQuery({
    queryKey: ['compliance-schools', scope],
    queryFn: () => api.get<ComplianceSchools>('/api/compliance/schools', { orgId: scope.orgId, termId: scope.termId }),
    enabled: enabled && Boolean(scope.orgId && scope.termId),
    placeholderData: keepPreviousData,
  });
}

/** Sends reminders (站内通知) to the teachers behind (only those still behind are reminded). */
export function useSendReminders() {
  return useMutation({
    mutationFn: (body: RemindBody) =>
      api.post<{ sent: number; personIds: string[] }>('/api/compliance/reminders', body),
  });
}

function scopeQuery(scope: AssessmentScope): Query {
  return scope.schoolYear
    ? { orgId: scope.orgId, schoolYear: scope.schoolYear }
    : { orgId: scope.orgId, termId: scope.termId };
}

function ready(scope: AssessmentScope): boolean {
  return Boolean(scope.orgId && (scope.termId || scope.schoolYear));
}

/** The research-assessment ranking for a term or a school year. */
export function useAssessment(scope: AssessmentScope, enabled = true) {
  return useQuery({
    queryKey: ['assessment', 'ranking', scope],
    queryFn: async (): Promise<AssessmentAnswer> => {
      const { first, items } = await allPages<AssessmentRow, z.infer<typeof assessmentListSchema>>(
        '/api/assessment',
        scopeQuery(scope),
      );
      return { items, total: first.total, terms: first.terms };
    },
    enabled: enabled && ready(scope),
    placeholderData: keepPreviousData,
  });
}

/** The reward list (参赛费补助…) for a term or a school year. */
export function useRewards(scope: AssessmentScope, enabled = true) {
  return useQuery({
    queryKey: ['assessment', 'rewards', scope],
    queryFn: async () =>
      (await allPages<RewardRow, Page<RewardRow>>('/api/assessment/rewards', scopeQuery(scope))).items,
    enabled: enabled && ready(scope),
  });
}

/** The address of an assessment export for a term or a school year. */
export function assessmentExportUrl(scope: AssessmentScope): string {
  return withQuery('/api/assessment/export.xlsx', scopeQuery(scope));
}

/** Invalidates everything computed from the rules (after saving them). */
export function useInvalidateOffice() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['rules'] }),
      client.invalidateQueries({ queryKey: ['compliance'] }),
      client.invalidateQueries({ queryKey: ['assessment'] }),
    ]);
}

/** The address of an .xlsx export of a scope. */
export function exportUrl(path: string, scope: Partial<Scope>): string {
  return withQuery(path, { ...scope });
}
