import type { Principal } from '../../access/principal.js';
import type { ProjectFacts } from '../../access/projects.policy.js';
import { mayDeleteFile } from './files.policy.js';
import type { FileRow } from './files.repo.js';
import {
  ARCHIVE_STAGE_LABELS,
  ARCHIVE_STAGES,
  CATEGORIES,
  CATEGORY_LABELS,
  type Category,
  type FileDto,
} from './files.schema.js';

/** A stored category, with rows of unknown categories shown as 其他. */
export const categoryOf = (value: string): Category => CATEGORIES.find((c) => c === value) ?? 'other';
/** A stored phase, or null when unknown. */
export const archiveStageOf = (value: string | null) => ARCHIVE_STAGES.find((s) => s === value) ?? null;

/** Archive file row → API shape, with the caller's abilities. */
export function presentFile(row: FileRow, principal: Principal, facts: ProjectFacts): FileDto {
  const category = categoryOf(row.category);
  const stage = archiveStageOf(row.stage);
  return {
    id: row.id,
    projectId: row.project_id,
    category,
    categoryLabel: CATEGORY_LABELS[category],
    stage,
    stageLabel: stage ? ARCHIVE_STAGE_LABELS[stage] : null,
    name: row.original_name,
    size: Number(row.size),
    mime: row.mime,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedByName: row.uploader_name,
    createdAt: row.created_at,
    abilities: { delete: mayDeleteFile(principal, facts, row.uploaded_by) },
  };
}
