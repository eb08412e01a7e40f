import { TrophyFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { Translate } from '../../i18n';
import { growthLabel } from '../growth/labels';
import type { MentorshipEvaluation } from './mentorships.api';

const statusColors: Record<string, string> = { active: 'processing', ended: 'default', completed: 'success' };

/** The status of a pair as a tag. */
export function PairStatusTag({ status, t }: { status: string; t: Translate }) {
  return <Tag color={statusColors[status] ?? 'default'}>{growthLabel(t, 'mentor.status', status)}</Tag>;
}

/** The evaluation of a pair as tags: its grade and 优秀师徒. */
export function EvaluationTags({
  evaluation,
  t,
}: {
  evaluation: MentorshipEvaluation | null | undefined;
  t: Translate;
}) {
  if (!evaluation) return <Tag>{t('mentor.evaluationNone')}</Tag>;
  return (
    <>
      <Tag color={evaluation.grade === 'fail' ? 'red' : 'blue'}>
        {growthLabel(t, 'mentor.grade', evaluation.grade, evaluation.gradeLabel)}
      </Tag>
      {evaluation.excellent && (
        <Tag color="gold" icon={<TrophyFilled />} data-testid="pair-excellent">
          {t('mentor.excellent')}
        </Tag>
      )}
    </>
  );
}
