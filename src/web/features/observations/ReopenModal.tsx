import { App, Form, Input, Modal } from 'antd';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useReopenObservation } from './observations.api';

/** 重新打开: the director gives a reason; the observer can then edit and submit again. */
export function ReopenModal(props: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const reopen = useReopenObservation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={Boolean(props.id)}
      title={t('observation.reopenTitle')}
      okText={t('observation.reopen')}
      cancelText={t('common.cancel')}
      confirmLoading={reopen.isPending}
      destroyOnHidden
      onCancel={props.onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={({ reason }) =>
          props.id &&
          reopen.mutate(
            { id: props.id, reason: reason.trim() },
            {
              onSuccess: () => {
                message.success(t('observation.reopened'));
                props.onClose();
              },
              onError: (error) => showError(error, { form }),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('observation.reopenReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('observation.reopenReason') }),
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={500}
            placeholder={t('observation.reopenReasonPlaceholder')}
            data-testid="obs-reopen-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
