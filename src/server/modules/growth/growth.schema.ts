import { z } from 'zod';
import { nameText, pageQuery, plainDate, versionField } from '../shared.schema.js';

/** The growth-record kinds (专业发展记录): one form family. */
export const GROWTH_KINDS = [
  'reading',
  'essay',
  'reflection',
  'case',
  'narrative',
  'lesson_plan',
  'lesson_example',
  'training',
  'study',
  'platform',
] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];

export const GROWTH_KIND_LABELS: Record<GrowthKind, string> = {
  reading: '读书',
  essay: '随笔',
  reflection: '教学反思',
  case: '教学案例',
  narrative: '教育叙事',
  lesson_plan: '教案',
  lesson_example: '课例',
  training: '培训',
  study: '外出学习',
  platform: '个人平台',
};

/** 必读 / 选读 */
export const BOOK_KINDS = ['required', 'optional'] as const;
export type BookKind = (typeof BOOK_KINDS)[number];

export const growthKind = z.enum(GROWTH_KINDS);
export const bookKind = z.enum(BOOK_KINDS);

const longText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`);

/** The fields a record of each kind may carry beyond date, title and text. */
const kindFields = {
  /** Training hours (学时); required and > 0 for training. */
  hours: z.number().min(0).max(10000).optional(),
  /** Reading only: 必读 (required) or 选读 (optional). */
  bookKind: bookKind.optional(),
  /** A link (http/https); required for a platform (个人平台). */
  url: z.string().trim().max(1000).optional(),
  /** Outside study: the report-back (外出学习汇报). */
  reportBack: longText(50000).optional(),
};

export const createGrowthBody = z.object({
  kind: growthKind,
  date: plainDate,
  title: nameText(200),
  text: longText(100000).optional(),
  /** Whose record it is; defaults to the caller (the school director may record for a teacher of the school). */
  personId: z.string().min(1).max(64).optional(),
  ...kindFields,
});
export type CreateGrowth = z.infer<typeof createGrowthBody>;

export const updateGrowthBody = z.object({
  version: versionField,
  kind: growthKind.optional(),
  date: plainDate.optional(),
  title: nameText(200).optional(),
  text: longText(100000).optional(),
  hours: kindFields.hours.nullable(),
  bookKind: bookKind.nullable().optional(),
  url: kindFields.url.nullable(),
  reportBack: kindFields.reportBack.nullable(),
});
export type UpdateGrowth = z.infer<typeof updateGrowthBody>;

export const growthListQuery = pageQuery.extend({
  personId: z.string().min(1).max(64).optional(),
  kind: growthKind.optional(),
  from: plainDate.optional(),
  to: plainDate.optional(),
  /** A school, group, district… : records of the people inside it. */
  orgId: z.string().min(1).max(64).optional(),
});
export type GrowthFilter = Omit<z.infer<typeof growthListQuery>, 'page' | 'pageSize'>;

export const growthSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  personId: z.string(),
  personName: z.string(),
  orgId: z.string(),
  kind: growthKind,
  kindLabel: z.string(),
  date: z.string(),
  /** The school year (学年) of the date: 2026 for 2026-08-01 … 2027-07-31. */
  schoolYear: z.number().int(),
  title: z.string(),
  text: z.string(),
  hours: z.number().nullable(),
  bookKind: bookKind.nullable(),
  url: z.string().nullable(),
  reportBack: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type GrowthDto = z.infer<typeof growthSchema>;

export const eightOnesQuery = z.object({
  personId: z.string().min(1).max(64).optional(),
  /** The school year, e.g. 2026 for 2026-08-01 … 2027-07-31; defaults to the current one. */
  schoolYear: z.coerce.number().int().min(1990).max(2200).optional(),
});

export const EIGHT_ONE_KEYS = [
  'project',
  'book',
  'notes',
  'handbook',
  'lesson_plan',
  'lesson_example',
  'paper',
  'platform',
] as const;
export type EightOneKey = (typeof EIGHT_ONE_KEYS)[number];

/** Where a piece of evidence behind an item comes from. */
export const EVIDENCE_SOURCES = ['growth', 'project', 'research_lesson', 'project_output', 'work'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

const evidenceSchema = z.object({
  source: z.enum(EVIDENCE_SOURCES),
  id: z.string(),
  title: z.string(),
  date: z.string().nullable(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const eightOneItem = z.object({
  key: z.enum(EIGHT_ONE_KEYS),
  label: z.string(),
  /** How the item is met, in words. */
  rule: z.string(),
  met: z.boolean(),
  /** The ids of the records behind the item (growth records, projects, research lessons, outputs). */
  records: z.array(z.string()),
  evidence: z.array(evidenceSchema),
});
export type EightOneItem = z.infer<typeof eightOneItem>;

export const eightOnesSchema = z.object({
  personId: z.string(),
  schoolYear: z.number().int(),
  from: z.string(),
  to: z.string(),
  items: z.array(eightOneItem),
});
