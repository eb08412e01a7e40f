/**
 * The project stage machine (SPEC §3.2) as a table: for each action, the stages it may start
 * from, where it goes, who may take it and what it needs. The service reads this table; the
 * tests walk it.
 */
import type { ProjectActor } from '../../access/projects.policy.js';

export const STAGES = [
  'draft',
  'submitted',
  'school_recommended',
  'district_recommended',
  'in_review',
  'approved',
  'rejected',
  'in_progress',
  'midterm_passed',
  'conclusion_requested',
  'concluded',
  'not_passed',
  'terminated',
] as const;
export type Stage = (typeof STAGES)[number];

export const ACTIONS = [
  'submit',
  'recall',
  'return',
  'recommend',
  'send_to_review',
  'approve',
  'reject',
  'open',
  'pass_midterm',
  'request_conclusion',
  'conclude',
  'fail',
  'extend',
  'terminate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const LEVELS = ['national', 'provincial', 'city', 'district', 'school'] as const;
export type Level = (typeof LEVELS)[number];

/** A row of the table. `to: 'previous'` goes back one step (退回修改); `to: 'same'` keeps the stage. */
export interface Transition {
  action: Action;
  from: readonly Stage[];
  to: Stage | 'previous' | 'same';
  actors: readonly ProjectActor[];
  needs?: 'reason' | 'grade' | 'until';
  /** Where the application's desk moves: up one tier or back down. */
  holder?: 'up' | 'down';
  /** Whether the application must still be below the managing org's desk, or on it. */
  desk?: 'below_manager' | 'at_manager';
}

const AT_TIERS: Stage[] = ['school_recommended', 'district_recommended'];
const AT_MANAGER: Stage[] = ['submitted', 'school_recommended', 'district_recommended', 'in_review'];
const RUNNING: Stage[] = ['approved', 'in_progress', 'midterm_passed'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: ['draft'], to: 'submitted', actors: ['host'] },
  { action: 'recall', from: ['submitted'], to: 'draft', actors: ['host'] },
  { action: 'return', from: ['submitted'], to: 'draft', actors: ['school'], needs: 'reason' },
  {
    action: 'recommend',
    from: ['submitted'],
    to: 'school_recommended',
    actors: ['school'],
    holder: 'up',
    desk: 'below_manager',
  },
  { action: 'return', from: AT_TIERS, to: 'previous', actors: ['tier'], needs: 'reason', holder: 'down' },
  {
    action: 'recommend',
    from: AT_TIERS,
    to: 'district_recommended',
    actors: ['tier'],
    holder: 'up',
    desk: 'below_manager',
  },
  {
    action: 'send_to_review',
    from: ['submitted', ...AT_TIERS],
    to: 'in_review',
    actors: ['manager'],
    desk: 'at_manager',
  },
  { action: 'return', from: ['in_review'], to: 'previous', actors: ['manager'], needs: 'reason' },
  { action: 'approve', from: AT_MANAGER, to: 'approved', actors: ['manager'], desk: 'at_manager' },
  { action: 'reject', from: AT_MANAGER, to: 'rejected', actors: ['manager'], needs: 'reason', desk: 'at_manager' },
  { action: 'open', from: ['approved'], to: 'in_progress', actors: ['school', 'manager'] },
  { action: 'pass_midterm', from: ['in_progress'], to: 'midterm_passed', actors: ['manager'] },
  {
    action: 'request_conclusion',
    from: ['in_progress', 'midterm_passed'],
    to: 'conclusion_requested',
    actors: ['host', 'school'],
  },
  { action: 'return', from: ['conclusion_requested'], to: 'previous', actors: ['manager'], needs: 'reason' },
  { action: 'conclude', from: ['conclusion_requested'], to: 'concluded', actors: ['manager'], needs: 'grade' },
  { action: 'fail', from: ['conclusion_requested'], to: 'not_passed', actors: ['manager'] },
  { action: 'extend', from: RUNNING, to: 'same', actors: ['manager'], needs: 'until' },
  {
    action: 'terminate',
    from: [...RUNNING, 'conclusion_requested'],
    to: 'terminated',
    actors: ['manager'],
    needs: 'reason',
  },
];

/** The rows that could apply to an action from a stage (before checking who is acting). */
export function transitionsFor(action: Action, stage: Stage): Transition[] {
  return TRANSITIONS.filter((t) => t.action === action && t.from.includes(stage));
}

/** Whether a row's desk condition holds for where the application is now. */
/** Whether an application is on its managing org's own desk (立项 there), not on a desk below it. */
export function atManagerDesk(p: { holder_org_id: string | null; manager_org_id: string | null }): boolean {
  return p.holder_org_id !== null && p.holder_org_id === p.manager_org_id;
}

export function deskAllows(t: Transition, atManager: boolean): boolean {
  if (t.desk === 'below_manager') return !atManager;
  if (t.desk === 'at_manager') return atManager;
  return true;
}

/** The row an actor may take now, if any. */
export function allowedTransition(action: Action, stage: Stage, actors: ReadonlySet<ProjectActor>, atManager: boolean) {
  return transitionsFor(action, stage).find((t) => deskAllows(t, atManager) && t.actors.some((a) => actors.has(a)));
}

/** availableActions' answers: at most 13 stages × 2 desks × 32 sets of actors. */
const ACTIONS_KNOWN = new Map<string, Action[]>();

/**
 * Every action the actor may take now (the client shows exactly these buttons). Worked out once per stage,
 * actors and desk: a list page asks it for each of its rows, and the table of rows is fixed.
 */
export function availableActions(stage: Stage, actors: ReadonlySet<ProjectActor>, atManager: boolean): Action[] {
  const key = `${stage}|${atManager ? 1 : 0}|${[...actors].sort().join(',')}`;
  let actions = ACTIONS_KNOWN.get(key);
  if (!actions) {
    actions = ACTIONS.filter((a) => allowedTransition(a, stage, actors, atManager) !== undefined);
    ACTIONS_KNOWN.set(key, actions);
  }
  return [...actions];
}

/** Chinese names of stages and actions, for messages and exports. */
export const STAGE_LABELS: Record<Stage, string> = {
  draft: '草稿',
  submitted: '已提交',
  school_recommended: '学校已推荐',
  district_recommended: '区县已推荐',
  in_review: '专家评审中',
  approved: '已立项',
  rejected: '未立项',
  in_progress: '研究中（已开题）',
  midterm_passed: '已通过中期',
  conclusion_requested: '申请结题',
  concluded: '已结题',
  not_passed: '结题未通过',
  terminated: '已撤项',
};
export const ACTION_LABELS: Record<Action, string> = {
  submit: '提交申报',
  recall: '撤回',
  return: '退回修改',
  recommend: '推荐',
  send_to_review: '送专家评审',
  approve: '立项',
  reject: '不予立项',
  open: '开题',
  pass_midterm: '通过中期检查',
  request_conclusion: '申请结题',
  conclude: '准予结题',
  fail: '结题不通过',
  extend: '延期',
  terminate: '撤项',
};
export const LEVEL_LABELS: Record<Level, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区级',
  school: '校级',
};
export const GRADE_LABELS = { excellent: '优秀', good: '良好', pass: '合格' } as const;

/** Which org kind manages a project of each level when it has no call. */
export const MANAGER_KIND: Record<Level, readonly string[]> = {
  national: ['province', 'city'],
  provincial: ['province', 'city'],
  city: ['city'],
  district: ['district'],
  school: ['school'],
};
