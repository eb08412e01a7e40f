import type { Principal } from '../../access/principal.js';
import { fromJson } from '../../db/dialect.js';
import {
  canManageObservations,
  type ObservationFacts,
  observationAbilities,
  showsObserver,
} from './observations.policy.js';
import type { ObservationWithNames } from './observations.repo.js';
import { OBSERVATION_STATUSES, type ObservationDto, type ObservationStatus } from './observations.schema.js';

const statusOf = (v: string): ObservationStatus => OBSERVATION_STATUSES.find((s) => s === v) ?? 'draft';

/** The policy facts of a stored observation, given the observed teacher's group paths. */
export function factsOf(row: ObservationWithNames, groupPaths: readonly string[]): ObservationFacts {
  return {
    observerId: row.observer_id,
    teacherId: row.teacher_id,
    status: row.status,
    schoolPath: row.school_path,
    teacherPaths: [row.school_path, ...groupPaths],
  };
}

/** What the presenter needs besides the row, loaded in batches for a page. */
export interface ObservationContext {
  groupPaths: ReadonlyMap<string, readonly string[]>;
  showObserver: ReadonlyMap<string, boolean>;
  flagged: ReadonlySet<string>;
}

export function scoresOf(text: string): Record<string, number> {
  return fromJson<Record<string, number>>(text, {});
}

/** Observation row → API shape: the observer blinded per school setting, flags for the director. */
export function presentObservation(row: ObservationWithNames, c: ObservationContext, p: Principal): ObservationDto {
  const facts = factsOf(row, c.groupPaths.get(row.teacher_id) ?? []);
  const named = showsObserver(p, facts, c.showObserver.get(row.org_id) ?? true);
  const dto: ObservationDto = {
    id: row.id,
    version: row.version,
    orgId: row.org_id,
    observerId: named ? row.observer_id : null,
    observerName: named ? row.observer_name : null,
    teacherId: row.teacher_id,
    teacherName: row.teacher_name,
    date: row.date,
    period: row.period,
    className: row.class_name,
    subject: row.subject,
    topic: row.topic,
    notes: row.notes,
    scores: scoresOf(row.scores),
    status: statusOf(row.status),
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: observationAbilities(p, facts),
  };
  if (canManageObservations(p, row.school_path)) dto.flagged = c.flagged.has(row.id);
  return dto;
}
