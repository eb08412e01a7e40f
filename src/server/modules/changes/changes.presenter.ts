import { changeAbilities } from '../../access/changes.policy.js';
import type { Principal } from '../../access/principal.js';
import type { ProjectFacts } from '../../access/projects.policy.js';
import { fromJson } from '../../db/dialect.js';
import type { ChangeRowWithNames } from './changes.repo.js';
import { CHANGE_KINDS, CHANGE_STATUSES, type ChangeDto, type ChangeValues, changeValues } from './changes.schema.js';

/** What the payload column holds: the values asked for, the values they replace, a note. */
export interface ChangePayload {
  proposed: ChangeValues;
  previous: ChangeValues;
  attachmentNote?: string;
}

const oneOf = <T extends string>(values: readonly T[], v: string): T | undefined => values.find((x) => x === v);

/** Stored payload text → its parts (unknown shapes become empty values). */
export function parsePayload(text: string): ChangePayload {
  const raw = fromJson<Record<string, unknown>>(text, {});
  const values = (v: unknown): ChangeValues => {
    const parsed = changeValues.safeParse(v);
    return parsed.success ? parsed.data : {};
  };
  const note = raw.attachmentNote;
  return {
    proposed: values(raw.proposed),
    previous: values(raw.previous),
    ...(typeof note === 'string' && note ? { attachmentNote: note } : {}),
  };
}

/** Change row → API shape with the caller's abilities. */
export function presentChange(row: ChangeRowWithNames, project: ProjectFacts, p: Principal): ChangeDto {
  const payload = parsePayload(row.payload);
  const status = oneOf(CHANGE_STATUSES, row.status) ?? 'withdrawn';
  return {
    id: row.id,
    version: row.version,
    projectId: row.project_id,
    kind: oneOf(CHANGE_KINDS, row.kind) ?? 'title',
    status,
    reason: row.reason,
    proposed: payload.proposed,
    previous: payload.previous,
    attachmentNote: payload.attachmentNote ?? null,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at,
    schoolBy: row.school_by,
    schoolByName: row.school_by_name,
    schoolAt: row.school_at,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    opinion: row.opinion,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: changeAbilities(p, project, { status, requestedBy: row.requested_by }),
  };
}
