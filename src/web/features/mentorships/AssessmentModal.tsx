import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useAddAssessment } from './mentorships.api';

interface Values {
  month: Dayjs;
  score?: number | null;
  comment: string;
}

/** Adds one monthly assessment (月度考核) of a pair. */
export function AssessmentModal({ pairId, onClose }: { pairId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const add = useAddAssessment(pairId);

  const submit = (values: Values) =>
    add.mutate(
      {
        month: values.month.format('YYYY-MM'),
        ...(values.score != null ? { score: values.score } : {}),
        comment: values.comment.trim(),
      },
      {
        onSuccess: () => {
          message.success(t('mentor.assessmentAdded'));
          onClose();
        },
        onError: (error) => showError(error, { form }),
      },
    );

  return (
    <Modal
      open
      title={t('mentor.assessmentAdd')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'assessment-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ month: dayjs() }}>
        <Form.Item
          name="month"
          label={t('mentor.month')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('mentor.month') }) }]}
        >
          <DatePicker picker="month" style={{ width: '100%' }} data-testid="assessment-month" />
        </Form.Item>
        <Form.Item name="score" label={t('mentor.score')} extra={t('mentor.scoreHint')}>
          <InputNumber min={0} max={100} style={{ width: 160 }} data-testid="assessment-score" />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('mentor.comment')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('mentor.comment') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="assessment-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
