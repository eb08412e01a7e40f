import { Tag } from 'antd';
import type { Translate } from '../../i18n';
import { type ProjectKind, projectKinds } from '../calls/calls.api';
import { type Stage, stages } from './projects.api';

/** Whether a stored kind is one of the known kinds. */
export function isProjectKind(value: string): value is ProjectKind {
  return projectKinds.some((kind) => kind === value);
}

/** The Chinese label of a kind, or the stored text for an unknown (imported) one. */
export function kindLabel(t: Translate, kind: string): string {
  return isProjectKind(kind) ? t(`kind.${kind}`) : kind;
}

const outcomeKeys = ['paper', 'lesson', 'report', 'case', 'courseware', 'other'] as const;

/** The label of an expected-outcome kind, or the stored text. */
export function outcomeLabel(t: Translate, kind: string): string {
  const known = outcomeKeys.find((key) => key === kind);
  return known ? t(`outcome.${known}`) : kind;
}

/** Whether a string is a stage (for URL parameters). */
export function isStage(value: string | null): value is Stage {
  return stages.some((stage) => stage === value);
}

/** Colours by stage family: application (blue), review (purple), decided (green/red), running (cyan), ending (gold). */
const stageColours: Record<Stage, string> = {
  draft: 'default',
  submitted: 'blue',
  school_recommended: 'geekblue',
  district_recommended: 'geekblue',
  in_review: 'purple',
  approved: 'green',
  rejected: 'red',
  in_progress: 'cyan',
  midterm_passed: 'cyan',
  conclusion_requested: 'gold',
  concluded: 'success',
  not_passed: 'error',
  terminated: 'volcano',
};

/** The coloured tag of a stage. */
export function StageTag({ stage, t }: { stage: Stage; t: Translate }) {
  return (
    <Tag color={stageColours[stage]} data-testid="project-stage" style={{ marginInlineEnd: 0 }}>
      {t(`stage.${stage}`)}
    </Tag>
  );
}
