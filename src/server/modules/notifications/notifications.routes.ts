import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam } from '../shared.schema.js';
import {
  digestPreview,
  notificationList,
  notificationListQuery,
  notificationSchema,
  notificationSettings,
  readAllResult,
  settingsBody,
} from './notifications.schema.js';

const tags = ['notifications'];

/** In-app notifications (通知) of the caller and their daily-digest settings. */
export function notificationRoutes(app: App, s: Services) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的通知（?unread=true 只看未读），最新在前；附未读总数',
        querystring: notificationListQuery,
        response: { 200: notificationList },
      },
    },
    async (req) => s.notifications.list(ctxOf(req), req.query.unread, req.query.page, req.query.pageSize),
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: readAllResult } } },
    async (req) => s.notifications.markAllRead(ctxOf(req)),
  );
  app.get(
    '/api/notifications/settings',
    { schema: { tags, summary: '通知设置：每日摘要开关与发送时刻', response: { 200: notificationSettings } } },
    async (req) => s.notifications.settings(ctxOf(req)),
  );
  app.put(
    '/api/notifications/settings',
    {
      schema: {
        tags,
        summary: '保存通知设置（每日摘要开关与发送时刻）',
        body: settingsBody,
        response: { 200: notificationSettings },
      },
    },
    async (req) => s.notifications.saveSettings(ctxOf(req), req.body),
  );
  app.get(
    '/api/notifications/digest',
    { schema: { tags, summary: '预览我的每日摘要（过去 24 小时）', response: { 200: digestPreview } } },
    async (req) => s.notifications.digestPreview(ctxOf(req)),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      schema: { tags, summary: '标为已读（只能是本人的通知）', params: idParam, response: { 200: notificationSchema } },
    },
    async (req) => s.notifications.markRead(ctxOf(req), req.params.id),
  );
}
