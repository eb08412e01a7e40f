import { z } from 'zod';
import type { Principal } from '../../access/principal.js';
import { fromJson } from '../../db/dialect.js';
import { type PairFacts, pairAbilities } from './mentorships.policy.js';
import type { PairRowWithNames } from './mentorships.repo.js';
import {
  type AssessmentDto,
  EVALUATION_GRADE_LABELS,
  EVALUATION_GRADES,
  type EvaluationDto,
  MENTORSHIP_STATUSES,
  type MentorshipDto,
  type MutualObservations,
} from './mentorships.schema.js';

/** What the evaluation column holds. */
const storedEvaluation = z.object({
  comment: z.string(),
  grade: z.enum(EVALUATION_GRADES),
  excellent: z.boolean(),
  by: z.string().nullable(),
  at: z.string().nullable(),
});
export type StoredEvaluation = z.infer<typeof storedEvaluation>;

function evaluationOf(text: string | null): EvaluationDto | null {
  const parsed = storedEvaluation.safeParse(fromJson<unknown>(text, null));
  if (!parsed.success) return null;
  const e = parsed.data;
  return {
    comment: e.comment,
    grade: e.grade,
    gradeLabel: EVALUATION_GRADE_LABELS[e.grade],
    excellent: e.excellent,
    evaluatedBy: e.by,
    evaluatedAt: e.at,
  };
}

/** An observation as the mutual count needs it. */
export interface ObservationFact {
  observer_id: string;
  teacher_id: string;
  date: string;
}

/** 互相听课: submitted observations between mentor and mentee dated inside the pairing. */
export function mutualObservations(
  pair: { mentor_id: string; mentee_id: string; starts_on: string; ends_on: string | null },
  observations: readonly ObservationFact[],
): MutualObservations {
  const during = (o: ObservationFact) => o.date >= pair.starts_on && (pair.ends_on === null || o.date <= pair.ends_on);
  const count = (observer: string, teacher: string) =>
    observations.filter((o) => o.observer_id === observer && o.teacher_id === teacher && during(o)).length;
  return {
    mentorObservedMentee: count(pair.mentor_id, pair.mentee_id),
    menteeObservedMentor: count(pair.mentee_id, pair.mentor_id),
  };
}

/** The policy facts of a pair. */
export function pairFacts(row: PairRowWithNames, groups: ReadonlyMap<string, readonly string[]>): PairFacts {
  return {
    mentorId: row.mentor_id,
    menteeId: row.mentee_id,
    schoolPath: row.org_path,
    mentorGroupPaths: groups.get(row.mentor_id) ?? [],
    menteeGroupPaths: groups.get(row.mentee_id) ?? [],
  };
}

/** Pair row → API shape with the caller's abilities. */
export function presentMentorship(
  row: PairRowWithNames,
  facts: PairFacts,
  extra: { mutual: MutualObservations; assessmentCount: number; lastAssessedMonth: string | null },
  p: Principal,
): MentorshipDto {
  return {
    id: row.id,
    version: row.version,
    orgId: row.org_id,
    orgName: row.org_name,
    mentorId: row.mentor_id,
    mentorName: row.mentor_name,
    menteeId: row.mentee_id,
    menteeName: row.mentee_name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    goals: row.goals,
    agreement: row.agreement,
    status: MENTORSHIP_STATUSES.find((s) => s === row.status) ?? 'ended',
    evaluation: evaluationOf(row.evaluation),
    mutualObservations: extra.mutual,
    assessmentCount: extra.assessmentCount,
    lastAssessedMonth: extra.lastAssessedMonth,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: pairAbilities(p, facts),
  };
}

/** Assessment row → API shape. */
export function presentAssessment(r: {
  id: string;
  mentorship_id: string;
  month: string;
  score: number | null;
  comment: string;
  assessor_id: string;
  assessor_name: string;
  created_at: string;
}): AssessmentDto {
  return {
    id: r.id,
    mentorshipId: r.mentorship_id,
    month: r.month,
    score: r.score === null ? null : Number(r.score),
    comment: r.comment,
    assessorId: r.assessor_id,
    assessorName: r.assessor_name,
    createdAt: r.created_at,
  };
}
