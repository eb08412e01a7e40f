import { fromJson } from '../db/dialect.js';
import type { JobRow } from '../db/types.js';
import type { JobDto } from './jobs.schema.js';

/** A job row as the API answers it. */
export function presentJob(r: JobRow): JobDto {
  return {
    id: r.id,
    version: r.version,
    kind: r.kind,
    label: r.label,
    target: r.target,
    status: r.status,
    progress: r.progress,
    message: r.message,
    resultName: r.status === 'done' ? r.result_name : null,
    result: fromJson<unknown>(r.result_json, null),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
