import { z } from 'zod';

/** A background job as the API answers it. */
export const jobSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: z.enum(['export', 'import']),
  label: z.string(),
  target: z.string(),
  status: z.enum(['queued', 'running', 'done', 'error']),
  /** 0–100. */
  progress: z.number().int(),
  message: z.string(),
  /** For a finished export: the file name to download. */
  resultName: z.string().nullable(),
  /** For a finished import: the import's own answer (counts, or the rows in error). */
  result: z.unknown().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobDto = z.infer<typeof jobSchema>;

/** Starts an export: the path of a .xlsx/.docx GET route of this API, with its query. */
export const createExportBody = z.object({
  kind: z.literal('export'),
  target: z
    .string()
    .trim()
    .min(5)
    .max(2000)
    .regex(/^\/api\/[^\s]*$/, '必须是本系统 /api/ 下的导出地址'),
  label: z.string().trim().min(1).max(100).optional(),
});
export type CreateExport = z.infer<typeof createExportBody>;

/** The import targets that may run as jobs (multipart field `target`). */
export const IMPORT_LABELS: Readonly<Record<string, string>> = {
  '/api/people/import': '导入名册',
  '/api/projects/import': '导入历史课题',
  '/api/works/import': '导入历史获奖',
  '/api/publications/import': '导入论文发表',
  '/api/student-awards/import': '导入指导学生获奖',
};
