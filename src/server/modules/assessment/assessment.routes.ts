import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { sendDownload } from '../files/files.routes.js';
import { attachmentHeader } from '../files/files.types.js';
import { assessmentExportQuery, assessmentListSchema, assessmentQuery, rewardListSchema } from './assessment.schema.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
        contentType: XLSX,
        disposition: attachmentHeader(filename),
        size: data.length,
        body: data,
      });
    },
  );
}
