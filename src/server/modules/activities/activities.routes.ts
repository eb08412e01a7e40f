import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, XLSX_MIME } from '../files/files.types.js';
import { idParam, listOf, okSchema } from '../shared.schema.js';
import {
  activityListQuery,
  activitySchema,
  attendanceBody,
  calendarItemSchema,
  calendarQuery,
  createActivityBody,
  exportQuery,
  updateActivityBody,
} from './activities.schema.js';

const tags = ['activities'];

export function activityRoutes(app: App, s: Services) {
  app.get(
    '/api/activities',
    {
      schema: {
        tags,
        summary: '教研活动列表（?orgId=&kind=&from=&to=&projectId=&presenterId=&attendeeId=）',
        querystring: activityListQuery,
        response: { 200: listOf(activitySchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await s.activities.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.get(
    '/api/activities/calendar',
    {
      schema: {
        tags,
        summary: '活动日历（月/周视图）：?orgId=&from=&to=',
        querystring: calendarQuery,
        response: { 200: z.object({ items: z.array(calendarItemSchema) }) },
      },
    },
    async (req) => s.activities.calendar(ctxOf(req), req.query),
  );
  app.get(
    '/api/activities/export.xlsx',
    { schema: { tags, summary: '导出学期教研活动一览 (.xlsx)，含出勤人数', querystring: exportQuery } },
    async (req, reply) => {
      const { filename, data } = await s.activities.exportXlsx(ctxOf(req), req.query);
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        disposition: attachmentHeader(filename),
        size: data.length,
        body: data,
      });
    },
  );
  app.post(
    '/api/activities',
    { schema: { tags, summary: '登记教研活动', body: createActivityBody, response: { 200: activitySchema } } },
    async (req) => s.activities.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/activities/:id',
    { schema: { tags, params: idParam, response: { 200: activitySchema } } },
    async (req) => s.activities.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/activities/:id',
    { schema: { tags, params: idParam, body: updateActivityBody, response: { 200: activitySchema } } },
    async (req) => s.activities.update(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/activities/:id',
    { schema: { tags, summary: '删除教研活动', params: idParam, response: { 200: okSchema } } },
    async (req) => {
      await s.activities.remove(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/activities/:id/attendance',
    {
      schema: {
        tags,
        summary: '保存出勤表：[{personId, status: present|leave|absent}]，人员须属于组织者',
        params: idParam,
        body: attendanceBody,
        response: { 200: activitySchema },
      },
    },
    async (req) => s.activities.setAttendance(ctxOf(req), req.params.id, req.body),
  );
}
