import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader, XLSX_MIME } from '../files/files.types.js';
import {
  assessmentExportQuery,
  assessmentListSchema,
  assessmentQuery,
  assessmentSchoolsQuery,
  assessmentSchoolsSchema,
  rewardListSchema,
} from './assessment.schema.js';

const tags = ['assessment'];

/** The research assessment (教科研考核) with every point traced to its record, and the rewards list. */
export function assessmentRoutes(app: App, s: Services) {
  app.get(
    '/api/assessment',
    {
      schema: {
        tags,
        summary:
          '教科研考核积分（?orgId=&termId= 或 &schoolYear=）：每位教师的总分、计入业务考核分、名次及每条积分来源',
        querystring: assessmentQuery,
        response: { 200: assessmentListSchema },
      },
    },
    async (req) => s.assessment.list(ctxOf(req), req.query),
  );
  app.get(
    '/api/assessment/schools',
    {
      schema: {
        tags,
        summary:
          '各校考核情况（?orgId=&termId= 或 &schoolYear=）：区、市的每所学校的教师数、有积分人数、平均分、最高分与先进个人数',
        querystring: assessmentSchoolsQuery,
        response: { 200: assessmentSchoolsSchema },
      },
    },
    async (req) => s.assessment.schools(ctxOf(req), req.query),
  );
  app.get(
    '/api/assessment/rewards',
    {
      schema: {
        tags,
        summary: '奖励名单（如区一等奖、市二等奖以上补助参赛费），条件同考核积分',
        querystring: assessmentQuery,
        response: { 200: rewardListSchema },
      },
    },
    async (req) => s.assessment.rewards(ctxOf(req), req.query),
  );
  app.get(
    '/api/assessment/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出教科研考核 (.xlsx)：汇总排名、积分明细、奖励名单',
        querystring: assessmentExportQuery,
      },
    },
    async (req, reply) => {
      const { filename, data } = await s.assessment.exportXlsx(ctxOf(req), req.query);
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        disposition: attachmentHeader(filename),
        size: data.length,
        body: data,
      });
    },
  );
}
