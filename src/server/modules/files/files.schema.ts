import { z } from 'zod';

/** Categories of the archive bag (档案袋 / 过程性资料), SPEC §3.5. */
export const CATEGORIES = [
  'application',
  'plan',
  'opening_report',
  'lesson_plan',
  'lesson_record',
  'activity_record',
  'photo',
  'questionnaire',
  'paper',
  'midterm_report',
  'conclusion_report',
  'outcome',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  application: '申报书',
  plan: '方案',
  opening_report: '开题报告',
  lesson_plan: '教案',
  lesson_record: '课堂实录',
  activity_record: '活动记录',
  photo: '照片',
  questionnaire: '问卷',
  paper: '论文',
  midterm_report: '中期报告',
  conclusion_report: '结题报告',
  outcome: '成果',
  other: '其他',
};

/** Phases of a project under which files are filed; the dossier's folders follow this order. */
export const ARCHIVE_STAGES = ['application', 'opening', 'process', 'midterm', 'conclusion'] as const;
export type ArchiveStage = (typeof ARCHIVE_STAGES)[number];

export const ARCHIVE_STAGE_LABELS: Record<ArchiveStage, string> = {
  application: '申报',
  opening: '开题',
  process: '研究过程',
  midterm: '中期',
  conclusion: '结题',
};

export const category = z.enum(CATEGORIES);
export const archiveStage = z.enum(ARCHIVE_STAGES);

/** The text fields of the multipart upload (they must come before the `file` part). */
export const uploadFields = z.object({
  category,
  /** Phase the file belongs to; defaults from the category or the project's current stage. */
  stage: archiveStage.optional(),
});
export type UploadFields = z.infer<typeof uploadFields>;

export const fileParams = z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });

export const fileListQuery = z.object({
  category: category.optional(),
  stage: archiveStage.optional(),
  /** Part of the file name. */
  q: z.string().trim().max(100).optional(),
});
export type FileFilter = z.infer<typeof fileListQuery>;

export const fileSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  category,
  categoryLabel: z.string(),
  stage: archiveStage.nullable(),
  stageLabel: z.string().nullable(),
  name: z.string(),
  size: z.number().int(),
  mime: z.string(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type FileDto = z.infer<typeof fileSchema>;

export const fileList = z.object({
  items: z.array(fileSchema),
  total: z.number().int(),
  /** What the caller may do on the archive bag as a whole. */
  abilities: z.object({ upload: z.boolean() }),
});
