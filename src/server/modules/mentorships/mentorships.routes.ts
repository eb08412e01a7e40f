import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { idParam, listOf, pageQuery } from '../shared.schema.js';
import {
  assessmentBody,
  assessmentSchema,
  createMentorshipBody,
  evaluationBody,
  mentorshipListQuery,
  mentorshipSchema,
  updateMentorshipBody,
} from './mentorships.schema.js';

const tags = ['mentorships'];

/** Mentoring pairs (师徒结对 / 青蓝工程), their monthly assessments and end-of-term evaluation. */
export function mentorshipRoutes(app: App, s: Services) {
  app.get(
    '/api/mentorships',
    {
      schema: {
        tags,
        summary: '师徒结对（?orgId=&personId=&status=），含互相听课次数',
        querystring: mentorshipListQuery,
        response: { 200: listOf(mentorshipSchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return { ...(await s.mentorships.list(ctxOf(req), filter, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/mentorships',
    {
      schema: {
        tags,
        summary: '结对：教科室主任为本校两位教师结对（每位徒弟同时只有一对进行中的结对）',
        body: createMentorshipBody,
        response: { 200: mentorshipSchema },
      },
    },
    async (req) => s.mentorships.create(ctxOf(req), req.body),
  );
  app.get(
    '/api/mentorships/:id',
    { schema: { tags, params: idParam, response: { 200: mentorshipSchema } } },
    async (req) => s.mentorships.get(ctxOf(req), req.params.id),
  );
  app.patch(
    '/api/mentorships/:id',
    {
      schema: {
        tags,
        summary: '修改目标、协议、日期；status=ended 结束结对',
        params: idParam,
        body: updateMentorshipBody,
        response: { 200: mentorshipSchema },
      },
    },
    async (req) => s.mentorships.update(ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/mentorships/:id/assessments',
    {
      schema: {
        tags,
        summary: '每月考核记录',
        params: idParam,
        querystring: pageQuery,
        response: { 200: listOf(assessmentSchema) },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      return { ...(await s.mentorships.assessments(ctxOf(req), req.params.id, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/mentorships/:id/assessments',
    {
      schema: {
        tags,
        summary: '每月考核 {month: YYYY-MM, score?: 0–100, comment}：每月一条',
        params: idParam,
        body: assessmentBody,
        response: { 200: assessmentSchema },
      },
    },
    async (req) => s.mentorships.assess(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/mentorships/:id/evaluation',
    {
      schema: {
        tags,
        summary: '期末评价与优秀师徒评选（教科室主任）',
        params: idParam,
        body: evaluationBody,
        response: { 200: mentorshipSchema },
      },
    },
    async (req) => s.mentorships.evaluate(ctxOf(req), req.params.id, req.body),
  );
}
