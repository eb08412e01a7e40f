import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, XLSX_MIME } from '../files/files.types.js';
import {
  complianceExportQuery,
  complianceListSchema,
  complianceQuery,
  complianceSchoolsQuery,
  complianceSchoolsSchema,
  remindBody,
  remindResult,
} from './compliance.schema.js';

const tags = ['compliance'];

/** Compliance with the school's rules (达标情况) and reminders to those behind. */
export function complianceRoutes(app: App, s: Services) {
  app.get(
    '/api/compliance',
    {
      schema: {
        tags,
        summary:
          '达标情况（?orgId=&termId=&groupId=&personId=&rule=&onlyUnmet=）：每位教师每项要求的完成数与计入的记录；教师看本人，教研组长看本组',
        querystring: complianceQuery,
        response: { 200: complianceListSchema },
      },
    },
    async (req) => s.compliance.list(ctxOf(req), req.query),
  );
  app.get(
    '/api/compliance/schools',
    {
      schema: {
        tags,
        summary: '各校达标情况（?orgId=&termId=）：区、市的每所学校的教师数、未达进度人数与各项要求的达标数',
        querystring: complianceSchoolsQuery,
        response: { 200: complianceSchoolsSchema },
      },
    },
    async (req) => s.compliance.schools(ctxOf(req), req.query),
  );
  app.get(
    '/api/compliance/export.xlsx',
    { schema: { tags, summary: '导出达标情况 (.xlsx)，条件同列表', querystring: complianceExportQuery } },
    async (req, reply) => {
      const { filename, data } = await s.compliance.exportXlsx(ctxOf(req), req.query);
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        disposition: attachmentHeader(filename),
        size: data.length,
        body: data,
      });
    },
  );
  app.post(
    '/api/compliance/reminders',
    {
      schema: {
        tags,
        summary: '向目前未达进度的教师发送站内提醒（学校、教研组长或教研室）',
        body: remindBody,
        response: { 200: remindResult },
      },
    },
    async (req) => s.compliance.remind(ctxOf(req), req.body),
  );
}
