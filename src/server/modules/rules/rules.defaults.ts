import type { Points, QuotaRules, ReferenceDate, Reward } from './rules.schema.js';

/**
 * The defaults every school starts from, taken from the seeds: 35 周岁以下教师每学期听课不少于 20 节，
 * 35 周岁以上不少于 10 节; 备课组内 45 周岁以下教师均须上「一人一课」; 30 周岁以下教师每周撰写随笔、
 * 教学反思或读书心得一篇; 45 岁以下教师每学期参加区级以上论文评比至少一次; 八个一; 获得区一等奖、
 * 市二等奖以上的由学校补助参赛费. The points table is a starting point the school edits.
 */
export const DEFAULT_REFERENCE_DATE: ReferenceDate = { mode: 'term_start', date: null };

export const DEFAULT_RULES: QuotaRules = {
  observations: { enabled: true, ageLimit: 35, youngerRequired: 20, olderRequired: 10 },
  writing: { enabled: true, underAge: 30, perWeek: 1, weeks: null, growthKinds: ['essay', 'reflection', 'reading'] },
  one_lesson: {
    enabled: true,
    underAge: 45,
    perTerm: 1,
    activityKinds: ['research_lesson', 'open_lesson', 'demo_lesson', 'contest_lesson', 'model_lesson'],
    prepGroupsOnly: true,
  },
  competition: { enabled: true, underAge: 45, perTerm: 1, minLevel: 'district', workKinds: ['paper'] },
  eight_ones: { enabled: true },
};

const levels = (national: number, provincial: number, city: number, district: number, school: number) => ({
  national,
  provincial,
  city,
  district,
  school,
});
const results = (
  special: number,
  first: number,
  second: number,
  third: number,
  merit: number,
  shortlisted: number,
) => ({
  special,
  first,
  second,
  third,
  merit,
  shortlisted,
});

export const DEFAULT_POINTS: Points = {
  awards: {
    national: results(30, 25, 20, 15, 10, 5),
    provincial: results(20, 16, 12, 9, 6, 3),
    city: results(12, 10, 8, 6, 4, 2),
    district: results(8, 6, 5, 4, 2, 1),
    school: results(4, 3, 2, 1, 1, 0),
  },
  publications: levels(20, 12, 8, 4, 2),
  projects: {
    approved: { host: levels(30, 20, 12, 8, 4), member: levels(10, 8, 5, 3, 2) },
    concluded: { host: levels(30, 20, 12, 8, 4), member: levels(10, 8, 5, 3, 2) },
  },
  activities: {
    research_lesson: 3,
    open_lesson: 3,
    demo_lesson: 3,
    contest_lesson: 3,
    model_lesson: 3,
    lecture: 3,
    project_seminar: 2,
    study_report: 2,
  },
  studentAwards: levels(8, 6, 4, 2, 1),
  quotas: { observations: 2, writing: 2, competition: 2, one_lesson: 2, eight_ones: 2 },
  weightPercent: 20,
  advancedCount: 5,
};

export const DEFAULT_REWARDS: Reward[] = [
  {
    key: 'entry_fee',
    label: '参赛费补助',
    enabled: true,
    thresholds: { district: 'first', city: 'second', provincial: 'third', national: 'third' },
    workKinds: ['paper'],
    amount: null,
  },
];
