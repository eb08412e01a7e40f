import { z } from 'zod';
import { versionField } from '../shared.schema.js';

/** The sections of a 学期教科研工作总结, in order. */
export const SECTION_KEYS = ['intro', 'projects', 'development', 'awards', 'activities', 'problems', 'next'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const SECTION_TITLES: Record<SectionKey, string> = {
  intro: '',
  projects: '一、课题研究',
  development: '二、教师专业发展',
  awards: '三、论文与获奖',
  activities: '四、教研活动',
  problems: '五、存在的问题',
  next: '六、下学期工作打算',
};

const id = z.string().min(1).max(64);

export const summaryQuery = z.object({ orgId: id, termId: id });
export type SummaryQuery = z.infer<typeof summaryQuery>;

/** One figure the machine text states: its path in the stats figures object, a label and the value. */
export const usedFigureSchema = z.object({
  /** Path into `GET /api/stats`, e.g. `awards.byLevel.city`, `awards.byCompetition.<id>.awards`. */
  key: z.string(),
  label: z.string(),
  value: z.number(),
  /** How the text writes it: '12', '42.9%'. */
  display: z.string(),
});
export type UsedFigure = z.infer<typeof usedFigureSchema>;

export const summarySectionSchema = z.object({
  key: z.enum(SECTION_KEYS),
  title: z.string(),
  text: z.string(),
  /** The user changed the text since it was last generated (a regeneration keeps it unless asked). */
  edited: z.boolean(),
});
export type SummarySection = z.infer<typeof summarySectionSchema>;

export const summarySchema = z.object({
  /** The saved draft's id; null while nothing is saved (the answer is freshly generated). */
  id: z.string().nullable(),
  version: z.number().int().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  termId: z.string(),
  termName: z.string(),
  title: z.string(),
  sections: z.array(summarySectionSchema),
  /** The figures the generated text states (the same numbers as `GET /api/stats`). */
  figures: z.array(usedFigureSchema),
  generatedAt: z.string(),
  /** Some figure the text states has changed on the dashboard since the text was written. */
  stale: z.boolean(),
  updatedAt: z.string().nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export type SummaryDto = z.infer<typeof summarySchema>;

export const saveSummaryBody = z.object({
  /** The draft's version; left out only when no draft is saved yet. */
  version: versionField.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  sections: z
    .array(z.object({ key: z.enum(SECTION_KEYS), text: z.string().max(20000, '每部分不能超过 20000 个字符') }))
    .max(SECTION_KEYS.length)
    .optional(),
  /** Write the text again from the current figures; edited sections are kept unless `overwrite`. */
  regenerate: z.boolean().optional(),
  overwrite: z.boolean().optional(),
});
export type SaveSummary = z.infer<typeof saveSummaryBody>;
