import { z } from 'zod';
import { ACTIVITY_KINDS } from '../activities/activities.schema.js';
import { GROWTH_KINDS } from '../growth/growth.schema.js';
import { LEVELS } from '../projects/projects.workflow.js';
import { plainDate } from '../shared.schema.js';

/** Competition results (获奖等级), best first. */
export const RESULTS = ['special', 'first', 'second', 'third', 'merit', 'shortlisted'] as const;
export type Result = (typeof RESULTS)[number];
export const RESULT_LABELS: Record<Result, string> = {
  special: '特等奖',
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  merit: '优秀奖',
  shortlisted: '入围',
};
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区级',
  school: '校级',
};
/** Work kinds of the works catalogue (论文, 教案, 教学设计, 案例, 课件, 课例, 专著). */
export const WORK_KINDS = ['paper', 'lesson_plan', 'design', 'case', 'courseware', 'lesson_example', 'book'] as const;

/** The compliance rule keys of API.md. */
export const RULE_KEYS = ['observations', 'writing', 'competition', 'one_lesson', 'eight_ones'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];
export const RULE_LABELS: Record<RuleKey, string> = {
  observations: '听课',
  writing: '随笔反思读书笔记',
  competition: '区级以上论文评比',
  one_lesson: '一人一课',
  eight_ones: '八个一',
};

const count = (max: number) => z.number().int('应为整数').min(0, '不能为负数').max(max, `不能超过 ${max}`);
const age = z.number().int('年龄应为整数').min(18, '年龄不能小于 18').max(80, '年龄不能超过 80');
const pts = z.number().min(0, '分值不能为负数').max(1000, '分值不能超过 1000');
const level = z.enum(LEVELS);
const result = z.enum(RESULTS);

/** The quota rules, keyed like the compliance items. */
export const quotaRulesSchema = z.object({
  /** 听课: under `ageLimit` at least `youngerRequired` a term, from `ageLimit` on `olderRequired`. */
  observations: z.object({
    enabled: z.boolean(),
    ageLimit: age,
    youngerRequired: count(500),
    olderRequired: count(500),
  }),
  /** 写作: under `underAge`, `perWeek` essays/reflections/reading notes a week of the term. */
  writing: z.object({
    enabled: z.boolean(),
    underAge: age,
    perWeek: count(7),
    /** Weeks of the term; null = whole weeks between the term's start and end. */
    weeks: count(60).nullable(),
    growthKinds: z.array(z.enum(GROWTH_KINDS)).min(1, '至少选择一种记录类别'),
  }),
  /** 一人一课: under `underAge` (in a lesson-preparation group), `perTerm` lessons presented a term. */
  one_lesson: z.object({
    enabled: z.boolean(),
    underAge: age,
    perTerm: count(20),
    activityKinds: z.array(z.enum(ACTIVITY_KINDS)).min(1, '至少选择一种活动类别'),
    /** Only teachers in a subject group (教研组/备课组) are bound. */
    prepGroupsOnly: z.boolean(),
  }),
  /** 论文评比: under `underAge`, `perTerm` entries to competitions of `minLevel` or higher. */
  competition: z.object({
    enabled: z.boolean(),
    underAge: age,
    perTerm: count(20),
    minLevel: level,
    /** Work kinds that count ([] = any). */
    workKinds: z.array(z.enum(WORK_KINDS)),
  }),
  /** 八个一 of the school year the term belongs to. */
  eight_ones: z.object({ enabled: z.boolean() }),
});
export type QuotaRules = z.infer<typeof quotaRulesSchema>;

const byLevel = z.object({ national: pts, provincial: pts, city: pts, district: pts, school: pts });
const byResult = z.object({ special: pts, first: pts, second: pts, third: pts, merit: pts, shortlisted: pts });
const byRole = z.object({ host: byLevel, member: byLevel });

/** The points table of the research assessment (教科研考核). */
export const pointsSchema = z.object({
  /** Awards of works (获奖) by competition level and result. */
  awards: z.object({ national: byResult, provincial: byResult, city: byResult, district: byResult, school: byResult }),
  /** Publications (发表) by level. */
  publications: byLevel,
  /** Projects by stage reached in the term (立项 / 结题), role and level. */
  projects: z.object({ approved: byRole, concluded: byRole }),
  /** Activities presented (主讲/执教) by kind. */
  activities: z.partialRecord(z.enum(ACTIVITY_KINDS), pts),
  /** Student-guidance awards (指导学生获奖) by level. */
  studentAwards: byLevel,
  /** Each quota met. */
  quotas: z.object({ observations: pts, writing: pts, competition: pts, one_lesson: pts, eight_ones: pts }),
  /** Share of the research score counted into the business assessment (按比例计入业务考核), in percent. */
  weightPercent: z.number().min(0, '比例不能为负数').max(100, '比例不能超过 100'),
  /** How many top-ranked teachers the school names 教科研先进个人. */
  advancedCount: count(1000),
});
export type Points = z.infer<typeof pointsSchema>;

/** A reward setting: awards at or above a result per level earn it (e.g. 参赛费补助 for 区一等奖、市二等奖以上). */
export const rewardSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '标识只能由小写字母、数字和下划线组成'),
  label: z.string().trim().min(1, '名称不能为空').max(50, '名称不能超过 50 个字符'),
  enabled: z.boolean(),
  /** Per competition level, the lowest result that earns the reward (a level left out earns nothing). */
  thresholds: z.partialRecord(level, result),
  /** Work kinds that count ([] = any). */
  workKinds: z.array(z.enum(WORK_KINDS)),
  /** Amount in yuan, or null when decided case by case. */
  amount: z.number().min(0, '金额不能为负数').max(1_000_000, '金额过大').nullable(),
});
export const rewardsSchema = z.array(rewardSchema).max(20, '奖励设置不能超过 20 项');
export type Reward = z.infer<typeof rewardSchema>;

export const REFERENCE_MODES = ['term_start', 'term_end', 'fixed'] as const;
/** Where ages are taken: the term's start (default), its end, or a fixed date. */
export const referenceDateSchema = z.object({ mode: z.enum(REFERENCE_MODES), date: plainDate.nullable() });
export type ReferenceDate = z.infer<typeof referenceDateSchema>;

export const rulesQuery = z.object({ orgId: z.string().min(1).max(64), termId: z.string().min(1).max(64) });

export const putRulesBody = z.object({
  /** The stored version; 0 when the term has no rules of its own yet. */
  version: z.number().int().min(0),
  referenceDate: referenceDateSchema,
  rules: quotaRulesSchema,
  points: pointsSchema,
  rewards: rewardsSchema,
});
export type PutRules = z.infer<typeof putRulesBody>;

export const rulesSchema = z.object({
  /** null until the school saves rules for this term. */
  id: z.string().nullable(),
  version: z.number().int(),
  orgId: z.string(),
  termId: z.string(),
  /** Whether this term has its own rules (else they come from `inheritedFrom` or the defaults). */
  stored: z.boolean(),
  inheritedFrom: z.object({ termId: z.string(), termName: z.string() }).nullable(),
  referenceDate: referenceDateSchema,
  /** The date ages are taken at for this term. */
  ageOn: z.string(),
  rules: quotaRulesSchema,
  points: pointsSchema,
  rewards: rewardsSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export type RulesDto = z.infer<typeof rulesSchema>;
