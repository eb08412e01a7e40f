import { z } from 'zod';
import { pageQuery, versionField } from '../shared.schema.js';

export const notificationListQuery = pageQuery.extend({
  /** 'true' / '1': only unread ones. */
  unread: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const notificationSchema = z.object({
  id: z.string(),
  /** 'review_assigned' | 'project_returned' | 'report_returned' | 'due_soon' | 'overdue' | 'result' | 'digest' | … */
  kind: z.string(),
  /** As written (zh-CN). */
  title: z.string(),
  /** What the title says, for the reader's language: a message key and its values; null on older notifications. */
  message: z
    .object({
      key: z.string(),
      params: z.record(z.string(), z.string()),
      /** The body's key and values, when it was written from a template (NOTICE_BODIES). */
      body: z.object({ key: z.string(), params: z.record(z.string(), z.string()) }).optional(),
    })
    .nullable(),
  body: z.string(),
  /** A path inside the web app, or null. */
  link: z.string().nullable(),
  orgId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationList = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unread notifications of the caller in all. */
  unread: z.number().int(),
});

export const readAllResult = z.object({ ok: z.literal(true), count: z.number().int() });

export const notificationSettings = z.object({
  /** Daily digest (每日摘要) on or off. */
  digest: z.boolean(),
  /** The hour (0–23, China time) the digest is made. */
  digestHour: z.number().int().min(0).max(23),
  /** 0 until the settings are first saved. */
  version: z.number().int(),
});

export const settingsBody = z.object({
  digest: z.boolean(),
  digestHour: z.number().int().min(0, '小时应在 0–23 之间').max(23, '小时应在 0–23 之间'),
  /** The version read; leave out (or 0) when the settings were never saved. */
  version: versionField.or(z.literal(0)).optional(),
});
export type SettingsBody = z.infer<typeof settingsBody>;

export const digestPreview = z.object({ text: z.string().nullable() });
