/** Shapes of the expert review API (server: modules/reviews/reviews.schema.ts). */
import type { Stage } from '../projects/projects.api';

export const roundKinds = ['application', 'midterm', 'conclusion'] as const;
export type RoundKind = (typeof roundKinds)[number];
export type RoundStatus = 'open' | 'closed';

/** One weighted criterion of a rubric (评价量表). */
export interface Criterion {
  key: string;
  label: string;
  /** Percentage weight; a rubric's weights sum to 100. */
  weight: number;
}

/** The default rubric: 选题价值30 / 研究设计30 / 可行性20 / 预期成果20. */
export const defaultRubric: Criterion[] = [
  { key: 'value', label: '选题价值', weight: 30 },
  { key: 'design', label: '研究设计', weight: 30 },
  { key: 'feasibility', label: '可行性', weight: 20 },
  { key: 'outcomes', label: '预期成果', weight: 20 },
];

/** The project stage whose projects a round of this kind reviews. */
export const stageForKind: Record<RoundKind, Stage> = {
  application: 'in_review',
  midterm: 'in_progress',
  conclusion: 'conclusion_requested',
};

export interface Round {
  id: string;
  version: number;
  title: string;
  kind: RoundKind;
  blind: boolean;
  expertsPerItem: number;
  rubric: Criterion[];
  orgId: string;
  status: RoundStatus;
  projectCount: number;
  expertCount: number;
  createdAt: string;
  /** The managing side only. */
  projects?: { projectId: string; code: string; title: string }[];
  /** The managing side only. */
  experts?: { id: string; name: string }[];
  abilities: { update: boolean; assign: boolean; results: boolean; score: boolean };
}

export interface RoundInput {
  title: string;
  kind: RoundKind;
  projectIds: string[];
  expertIds: string[];
  expertsPerItem: number;
  blind: boolean;
  rubric: Criterion[];
}

export interface Assignment {
  id: string;
  version: number;
  roundId: string;
  projectId: string;
  expertId: string;
  expertName: string;
  /** Anonymous code of the project in this round. */
  code: string;
  title: string;
  submitted: boolean;
  submittedAt: string | null;
  total: number | null;
  scores: Record<string, number> | null;
  comment: string | null;
  abilities: { score: boolean; delete: boolean };
}

export interface AutoAssignResult {
  items: Assignment[];
  skipped: { projectId: string; code: string; missing: number; reason: string }[];
}

/** The project as the expert sees it (blinded in a blind round). */
export interface ReviewProject {
  assignmentId: string;
  code: string;
  blind: boolean;
  title: string;
  level: string;
  kind: string;
  subject: string | null;
  sections: Record<string, unknown>;
  expectedOutcomes: unknown[];
  files: { id: string; category: string; name: string }[];
  hostName?: string;
  members?: { name: string; role: string }[];
  schoolName?: string;
}

export interface RoundResult {
  projectId: string;
  code: string;
  title: string;
  count: number;
  assigned: number;
  mean: number | null;
  trimmedMean: number | null;
  spread: number | null;
  rank: number | null;
  byCriterion: Record<string, number>;
}

export const conflictKinds = ['colleague', 'relative', 'mentor', 'coauthor', 'other'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

/** A declared conflict of interest (回避) of an expert with a person or an org. */
export interface Conflict {
  id: string;
  expertId: string;
  expertName: string;
  personId: string | null;
  personName: string | null;
  orgId: string | null;
  orgName: string | null;
  kind: ConflictKind;
  note: string | null;
  createdAt: string;
  abilities: { delete: boolean };
}
