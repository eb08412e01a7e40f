import type { Principal } from '../../access/principal.js';
import { type ProjectFacts, projectActors } from '../../access/projects.policy.js';
import { STAGES, type Stage } from '../projects/projects.workflow.js';
import type { ArchiveStage, Category } from './files.schema.js';

/**
 * Who may add to and remove from a project's archive bag. Reading follows the project
 * (`requireReadableProject`); these rules decide the writes and the `abilities` of each file.
 */

/** Stages after which the archive bag is closed (the record is final). */
const CLOSED_STAGES: ReadonlySet<string> = new Set(['concluded', 'not_passed', 'terminated', 'rejected']);

/** Host, member or the school's research director, while the project is still open. */
export function mayUpload(p: Principal, f: ProjectFacts): boolean {
  if (CLOSED_STAGES.has(f.stage)) return false;
  const actors = projectActors(p, f);
  return actors.has('host') || actors.has('member') || actors.has('school');
}

/** The school's research director at any time; the uploader while the project is still open. */
export function mayDeleteFile(p: Principal, f: ProjectFacts, uploadedBy: string | null): boolean {
  if (projectActors(p, f).has('school')) return true;
  return uploadedBy === p.personId && !CLOSED_STAGES.has(f.stage);
}

/** Categories that belong to one phase; others follow the project's current stage. */
const CATEGORY_STAGE: Partial<Record<Category, ArchiveStage>> = {
  application: 'application',
  opening_report: 'opening',
  midterm_report: 'midterm',
  conclusion_report: 'conclusion',
};

const PHASE_OF_STAGE: Record<Stage, ArchiveStage> = {
  draft: 'application',
  submitted: 'application',
  school_recommended: 'application',
  district_recommended: 'application',
  in_review: 'application',
  rejected: 'application',
  approved: 'opening',
  in_progress: 'process',
  midterm_passed: 'process',
  conclusion_requested: 'conclusion',
  concluded: 'conclusion',
  not_passed: 'conclusion',
  terminated: 'conclusion',
};

/** The phase a file is filed under when the uploader does not say. */
export function defaultArchiveStage(category: Category, projectStage: string): ArchiveStage {
  const byCategory = CATEGORY_STAGE[category];
  if (byCategory) return byCategory;
  const stage = STAGES.find((s) => s === projectStage);
  return stage ? PHASE_OF_STAGE[stage] : 'process';
}
