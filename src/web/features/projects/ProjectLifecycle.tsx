import { Steps, type StepsProps } from 'antd';
import { type MessageKey, useT } from '../../i18n';
import type { HistoryItem, Stage } from './projects.api';

const steps: MessageKey[] = [
  'lifecycle.apply',
  'lifecycle.school',
  'lifecycle.district',
  'lifecycle.review',
  'lifecycle.approve',
  'lifecycle.open',
  'lifecycle.midterm',
  'lifecycle.conclude',
];

/** For each stage: the step now under way, and whether the path ended there badly or finished. */
const position: Record<Stage, { step: number; status: StepsProps['status'] }> = {
  draft: { step: 0, status: 'process' },
  submitted: { step: 1, status: 'process' },
  school_recommended: { step: 2, status: 'process' },
  district_recommended: { step: 3, status: 'process' },
  in_review: { step: 3, status: 'process' },
  approved: { step: 5, status: 'process' },
  rejected: { step: 4, status: 'error' },
  in_progress: { step: 6, status: 'process' },
  midterm_passed: { step: 7, status: 'process' },
  conclusion_requested: { step: 7, status: 'process' },
  concluded: { step: 7, status: 'finish' },
  not_passed: { step: 7, status: 'error' },
  terminated: { step: 5, status: 'error' },
};

/** Where a terminated project stopped: the step it was at before 撤项. */
function terminatedAt(history: HistoryItem[]): number {
  const last = [...history].reverse().find((item) => item.toStage === 'terminated');
  return last ? position[last.fromStage].step : position.terminated.step;
}

/** The lifecycle 申报 → 学校推荐 → 区县推荐 → 评审 → 立项 → 开题 → 中期 → 结题, current stage highlighted. */
export function ProjectLifecycle({ stage, history }: { stage: Stage; history: HistoryItem[] }) {
  const t = useT();
  const { status } = position[stage];
  const step = stage === 'terminated' ? terminatedAt(history) : position[stage].step;
  return (
    <Steps
      size="small"
      current={step}
      status={status}
      items={steps.map((key, index) => ({
        title: t(key),
        content: index === step ? t(`stage.${stage}`) : undefined,
      }))}
      data-testid="project-lifecycle"
    />
  );
}
