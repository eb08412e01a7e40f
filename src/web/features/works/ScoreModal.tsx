import { App, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useShowError } from '../../components/feedback';
import { Loading } from '../../components/States';
import { useT } from '../../i18n';
import { type PrereviewAssignment, usePrereviewRubric, useScorePrereview } from './works.api';

interface ScoreValues {
  scores: Record<string, number | null>;
  comment: string;
}

/** 初审评分: one number per criterion of the school's score sheet, and a comment. */
export function ScoreModal(props: {
  workId: string;
  entryId: string;
  workTitle: string;
  assignment: PrereviewAssignment;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const rubric = usePrereviewRubric();
  const score = useScorePrereview();
  const [form] = Form.useForm<ScoreValues>();
  const values = Form.useWatch('scores', form);
  const items = rubric.data?.items ?? [];
  const max = items.reduce((sum, item) => sum + item.max, 0);
  // Two decimals: 10.1 + 20.2 read 30.599999999999998.
  const total = Math.round(items.reduce((sum, item) => sum + (values?.[item.key] ?? 0), 0) * 100) / 100;

  const submit = (input: ScoreValues) => {
    const scores: Record<string, number> = {};
    for (const item of items) scores[item.key] = input.scores[item.key] ?? 0;
    score.mutate(
      {
        workId: props.workId,
        entryId: props.entryId,
        assignmentId: props.assignment.id,
        scores,
        comment: input.comment ?? '',
      },
      {
        onSuccess: () => {
          message.success(t('prereview.scored'));
          props.onClose();
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t('prereview.scoreTitle')} · ${props.workTitle}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: score.isPending, 'data-testid': 'prereview-score-submit' }}
      destroyOnHidden
    >
      {rubric.isPending ? (
        <Loading height={160} />
      ) : (
        <Form<ScoreValues>
          form={form}
          layout="horizontal"
          labelCol={{ span: 10 }}
          initialValues={{ scores: props.assignment.scores, comment: props.assignment.comment }}
          onFinish={submit}
          data-testid="prereview-score-form"
        >
          {items.map((item) => (
            <Form.Item
              key={item.key}
              name={['scores', item.key]}
              label={`${item.label}（${item.max}）`}
              rules={[
                { required: true, message: t('common.required', { field: item.label }) },
                // Said, not clamped: 999 must not become the item's full marks unseen.
                {
                  type: 'number',
                  min: 0,
                  max: item.max,
                  message: t('prereview.range', { label: item.label, max: item.max }),
                },
              ]}
            >
              <InputNumber style={{ width: 120 }} data-testid={`prereview-criterion-${item.key}`} />
            </Form.Item>
          ))}
          <Flex justify="flex-end" style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="prereview-score-total">
              {t('prereview.total', { score: total, max })}
            </Typography.Text>
          </Flex>
          <Form.Item name="comment" label={t('prereview.comment')} labelCol={{ span: 24 }}>
            <Input.TextArea
              rows={4}
              maxLength={2000}
              placeholder={t('prereview.commentPlaceholder')}
              data-testid="prereview-comment"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
