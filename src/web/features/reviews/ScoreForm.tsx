import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useScore } from './reviews.api';
import type { Assignment, Criterion } from './reviews.types';

interface Values {
  scores: Record<string, number | null>;
  comment: string;
}

/**
 * The weighted total of scores 0–100 under a rubric whose weights sum to 100, to two decimals, exactly as the server
 * stores it (Σ score × weight / 100, then rounded): the expert sees the number the district ranks by.
 */
export function weightedTotal(rubric: Criterion[], scores: Record<string, number | null | undefined>): number {
  const raw = rubric.reduce((sum, c) => sum + (scores[c.key] ?? 0) * c.weight, 0) / 100;
  return Math.round(raw * 100) / 100;
}

/** The rubric form: one score per criterion with its weight, the live weighted total, a comment. */
export function ScoreForm(props: { roundId: string; rubric: Criterion[]; assignment: Assignment; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const score = useScore(props.roundId);
  const { assignment, rubric } = props;
  const scores = Form.useWatch('scores', form) ?? {};
  const editable = assignment.abilities.score;

  const submit = (values: Values) => {
    const filled: Record<string, number> = {};
    for (const c of rubric) filled[c.key] = values.scores[c.key] ?? 0;
    score.mutate(
      { assignmentId: assignment.id, scores: filled, comment: values.comment ?? '' },
      {
        onSuccess: () => {
          message.success(t('reviews.score.submitted'));
          props.onDone();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };

  return (
    <Card title={t('reviews.score.form')} data-testid="score-card">
      {assignment.submitted && assignment.submittedAt && editable && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('reviews.score.alreadySubmitted', { at: dayjs(assignment.submittedAt).format('YYYY-MM-DD HH:mm') })}
        />
      )}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('reviews.score.closed')} />}
      <Typography.Paragraph type="secondary">{t('reviews.score.formHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ span: 12 }}
        wrapperCol={{ span: 12 }}
        disabled={!editable}
        onFinish={submit}
        initialValues={{ scores: assignment.scores ?? {}, comment: assignment.comment ?? '' }}
      >
        {rubric.map((c) => (
          <Form.Item
            key={c.key}
            name={['scores', c.key]}
            label={`${c.label}（${c.weight}%）`}
            rules={[
              { required: true, message: t('reviews.score.scoreRequired', { label: c.label }) },
              // Said, not clamped: 850 typed for 85 must not become full marks unseen.
              { type: 'number', min: 0, max: 100, message: t('reviews.score.range', { label: c.label }) },
            ]}
          >
            <InputNumber style={{ width: 120 }} data-testid={`score-${c.key}`} />
          </Form.Item>
        ))}
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Statistic
            title={t('reviews.score.weighted')}
            value={weightedTotal(rubric, scores)}
            data-testid="score-total"
          />
        </Flex>
        <Form.Item name="comment" label={t('reviews.score.comment')} labelCol={{ span: 24 }} wrapperCol={{ span: 24 }}>
          <Input.TextArea rows={6} placeholder={t('reviews.score.commentPlaceholder')} data-testid="score-comment" />
        </Form.Item>
        {editable && (
          <Button type="primary" block htmlType="submit" loading={score.isPending} data-testid="score-submit">
            {assignment.submitted ? t('reviews.tasks.rescore') : t('reviews.score.submit')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
