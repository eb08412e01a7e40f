import { z } from 'zod';

/** Query parameters every list takes. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The list envelope of API.md. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const idParam = z.object({ id: z.string().min(1).max(64) });
export const okSchema = z.object({ ok: z.literal(true) });

/** A plain calendar date, checked to be a real day. */
export const plainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');

/** A required, trimmed, non-empty name of bounded length. */
export const nameText = (max = 100) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `不能超过 ${max} 个字符`)
    .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32), '含有非法字符');

export const versionField = z.number().int().min(1);

/** A school in an office's view school by school (各校汇总), with the office it sits under (a city's spans districts). */
export const schoolOfOffice = z.object({
  orgId: z.string(),
  orgName: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
});
