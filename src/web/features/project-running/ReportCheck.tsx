import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useCheckReport } from './running.api';
import type { Report } from './running.types';

/** 月查 buttons of the school director: 审核通过, or 退回 with a reason. */
export function ReportCheckButtons({ projectId, report }: { projectId: string; report: Report }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const check = useCheckReport(projectId);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const approve = () =>
    check.mutate(
      { id: report.id, version: report.version, decision: 'checked' },
      { onSuccess: () => message.success(t('running.reports.approved')), onError: (e) => showError(e) },
    );
  const sendBack = ({ reason }: { reason: string }) =>
    check.mutate(
      { id: report.id, version: report.version, decision: 'returned', reason },
      {
        onSuccess: () => {
          message.success(t('running.reports.returned'));
          setReturning(false);
        },
        onError: (e) => showError(e, { form }),
      },
    );

  return (
    <Space size={4}>
      <Button size="small" type="primary" onClick={approve} loading={check.isPending} data-testid="report-approve">
        {t('running.reports.approve')}
      </Button>
      <Button size="small" danger onClick={() => setReturning(true)} data-testid="report-return">
        {t('running.reports.return')}
      </Button>
      <Modal
        open={returning}
        title={t('running.reports.returnTitle')}
        okText={t('running.reports.return')}
        okButtonProps={{ danger: true, 'data-testid': 'report-return-confirm' }}
        onOk={() => form.submit()}
        onCancel={() => setReturning(false)}
        confirmLoading={check.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={sendBack}>
          <Form.Item
            name="reason"
            label={t('running.reports.returnReason')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('running.reports.returnReason') }),
              },
            ]}
          >
            <Input.TextArea
              rows={4}
              placeholder={t('running.reports.returnReasonPlaceholder')}
              data-testid="report-return-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
