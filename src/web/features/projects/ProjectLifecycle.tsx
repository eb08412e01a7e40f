import { MinusCircleOutlined } from '@ant-design/icons';
import { Steps, type StepsProps } from 'antd';
import dayjs from 'dayjs';
import { type MessageKey, useT } from '../../i18n';
import type { HistoryItem, Project, Stage } from './projects.api';

type Step = 'apply' | 'school' | 'district' | 'review' | 'approve' | 'open' | 'midterm' | 'conclude';

/** The lifecycle in order, each step with the stage that completes it. */
const steps: { key: Step; title: MessageKey; done: Stage }[] = [
  { key: 'apply', title: 'lifecycle.apply', done: 'submitted' },
  { key: 'school', title: 'lifecycle.school', done: 'school_recommended' },
  { key: 'district', title: 'lifecycle.district', done: 'district_recommended' },
  { key: 'review', title: 'lifecycle.review', done: 'in_review' },
  { key: 'approve', title: 'lifecycle.approve', done: 'approved' },
  { key: 'open', title: 'lifecycle.open', done: 'in_progress' },
  { key: 'midterm', title: 'lifecycle.midterm', done: 'midterm_passed' },
  { key: 'conclude', title: 'lifecycle.conclude', done: 'concluded' },
];
const indexOf = (key: Step) => steps.findIndex((step) => step.key === key);

/** For each stage, the step not yet reached (the one under way), before looking at the desk. */
const nextStep: Record<Stage, Step> = {
  draft: 'apply',
  submitted: 'school',
  school_recommended: 'district',
  district_recommended: 'review',
  in_review: 'review',
  approved: 'open',
  rejected: 'approve',
  in_progress: 'midterm',
  midterm_passed: 'conclude',
  conclusion_requested: 'conclude',
  concluded: 'conclude',
  not_passed: 'conclude',
  terminated: 'open',
};

/** What the step under way waits for, by stage (the stage label where it says it best). */
const pendingText: Partial<Record<Stage, MessageKey>> = {
  draft: 'lifecycle.pending.apply',
  district_recommended: 'lifecycle.pending.review',
  in_review: 'stage.in_review',
  approved: 'lifecycle.pending.open',
  rejected: 'stage.rejected',
  in_progress: 'lifecycle.pending.midterm',
  midterm_passed: 'lifecycle.pending.conclude',
  conclusion_requested: 'lifecycle.pending.concluding',
  not_passed: 'stage.not_passed',
  terminated: 'stage.terminated',
};
const pendingOfStep: Partial<Record<Step, MessageKey>> = {
  school: 'lifecycle.pending.school',
  district: 'lifecycle.pending.district',
  review: 'lifecycle.pending.review',
};

/**
 * The step under way: the stage's next step, moved on past the recommendation steps when the
 * application already sits at the managing org (nothing left to recommend).
 */
function currentStep(project: Project, stage: Stage): Step {
  const next = nextStep[stage];
  if ((next === 'school' || next === 'district') && project.holderOrgId === project.managerOrgId) return 'review';
  return next;
}

/** Whether a recommendation step lies on this project's route (by its level: 校级 none, 区级 the school's). */
function routeHas(project: Project, step: Step): boolean {
  if (step === 'school') return project.level !== 'school';
  if (step === 'district') return project.level !== 'school' && project.level !== 'district';
  return true;
}

/**
 * The lifecycle 申报 → 学校推荐 → 区县推荐 → 评审 → 立项 → 开题 → 中期 → 结题: steps passed are done
 * (with their date), steps the project went without (no district recommendation for a 校级 project,
 * 立项 without expert review, 结题 without 中期) are marked skipped, and the step under way shows
 * what it waits for, or how the path ended.
 */
export function ProjectLifecycle({ project, history }: { project: Project; history: HistoryItem[] }) {
  const t = useT();
  const stage = project.stage;
  // where a terminated project stopped: the step under way before 撤项
  const stoppedFrom = [...history].reverse().find((item) => item.toStage === 'terminated')?.fromStage;
  const effective: Stage = stage === 'terminated' && stoppedFrom ? stoppedFrom : stage;
  const current = stage === 'concluded' ? steps.length : indexOf(currentStep(project, effective));
  const failed = stage === 'rejected' || stage === 'not_passed' || stage === 'terminated';
  // imported (historic) projects carry no record of the way they came: steps before are taken as done
  const onRecord = history.length > 0;
  const reachedAt = (done: Stage) => [...history].reverse().find((item) => item.toStage === done)?.at;

  const items: StepsProps['items'] = steps.map((step, index) => {
    const title = t(step.title);
    if (index < current) {
      const at = reachedAt(step.done);
      if (at) return { title, status: 'finish', content: dayjs(at).format('YYYY-MM-DD') };
      const optional =
        step.key === 'school' || step.key === 'district' || step.key === 'review' || step.key === 'midterm';
      if (optional && (onRecord || !routeHas(project, step.key)))
        return {
          title,
          status: 'wait',
          icon: <MinusCircleOutlined />,
          content: t(routeHas(project, step.key) ? 'lifecycle.passedBy' : 'lifecycle.skipped'),
        };
      return { title, status: 'finish' };
    }
    if (index === current) {
      const text = pendingText[stage] ?? pendingOfStep[step.key] ?? `stage.${stage}`;
      return {
        title,
        status: failed ? 'error' : 'process',
        content: t(text as MessageKey),
      };
    }
    if (!routeHas(project, step.key))
      return { title, status: 'wait', icon: <MinusCircleOutlined />, content: t('lifecycle.skipped') };
    return { title, status: 'wait' };
  });

  return (
    <Steps
      size="small"
      current={Math.min(current, steps.length - 1)}
      status={stage === 'concluded' ? 'finish' : failed ? 'error' : 'process'}
      items={items}
      data-testid="project-lifecycle"
    />
  );
}
