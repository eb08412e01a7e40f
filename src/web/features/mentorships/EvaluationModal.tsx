import { App, Form, Input, Modal, Radio, Switch } from 'antd';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { type EvaluationGrade, evaluationGrades, type MentorshipEvaluation, useEvaluate } from './mentorships.api';

interface Values {
  grade: EvaluationGrade;
  excellent: boolean;
  comment: string;
}

/** The end-of-term evaluation (期末评价) of a pair, with the 优秀师徒 flag. */
export function EvaluationModal(props: {
  pairId: string;
  version: number;
  current?: MentorshipEvaluation | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const evaluate = useEvaluate(props.pairId);
  const grade = Form.useWatch('grade', form);

  const submit = (values: Values) =>
    evaluate.mutate(
      {
        grade: values.grade,
        excellent: values.grade === 'excellent' && values.excellent,
        version: props.version,
        comment: values.comment.trim(),
      },
      {
        onSuccess: () => {
          message.success(t('mentor.evaluated'));
          props.onClose();
        },
        onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
      },
    );

  return (
    <Modal
      open
      title={t('mentor.evaluate')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={evaluate.isPending}
      okButtonProps={{ 'data-testid': 'evaluation-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          grade: props.current?.grade ?? 'good',
          excellent: props.current?.excellent ?? false,
          comment: props.current?.comment ?? '',
        }}
      >
        <Form.Item name="grade" label={t('mentor.grade')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            data-testid="evaluation-grade"
            options={evaluationGrades.map((value) => ({ value, label: t(`mentor.grade.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="excellent"
          label={t('mentor.excellent')}
          valuePropName="checked"
          extra={t('mentor.excellentHint')}
          hidden={grade !== undefined && grade !== 'excellent'}
        >
          <Switch data-testid="evaluation-excellent" />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('mentor.comment')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mentor.comment') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="evaluation-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
