import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { enumLabel } from './labels';
import { useCreateReport, useUpdateReport } from './running.api';
import type { Report, ReportKind } from './running.types';

interface Values {
  month?: Dayjs;
  done: string;
  materials?: string;
  next?: string;
  problems?: string;
}

/** 课题研究月汇报表 (or another report): a new one, or a returned one edited and resubmitted. */
export function ReportFormModal(props: { projectId: string; kind: ReportKind; report?: Report; onClose: () => void }) {
  const t = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateReport(props.projectId);
  const update = useUpdateReport(props.projectId);
  const { report, kind } = props;
  const monthly = kind === 'monthly';

  const initial: Partial<Values> = report
    ? {
        month: report.month ? dayjs(`${report.month}-01`) : undefined,
        done: report.content.done,
        materials: report.content.materials,
        next: report.content.next,
        problems: report.content.problems,
      }
    : { month: dayjs().startOf('month') };

  const submit = (values: Values) => {
    const content = {
      done: values.done,
      next: values.next ?? '',
      ...(values.materials ? { materials: values.materials } : {}),
      ...(values.problems ? { problems: values.problems } : {}),
    };
    const month = monthly && values.month ? values.month.format('YYYY-MM') : undefined;
    const done = {
      onSuccess: () => props.onClose(),
      onError: (error: unknown) => showError(error, { form, conflict: 'common.conflict' }),
    };
    if (report) {
      update.mutate({ id: report.id, version: report.version, month, content }, done);
    } else {
      create.mutate({ kind, month, content }, done);
    }
  };

  const title = monthly ? t('running.form.monthlyTitle') : enumLabel(t, 'running.reportKind', kind);
  return (
    <Modal
      open
      width={720}
      title={title}
      okText={report ? t('running.reports.editResubmit') : t('running.form.submit')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'report-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="report-form">
        {monthly && (
          <Form.Item
            name="month"
            label={t('running.form.month')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('running.form.month') }) }]}
          >
            <DatePicker picker="month" data-testid="report-month" disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
          </Form.Item>
        )}
        <Form.Item
          name="done"
          label={monthly ? t('running.form.done') : t('running.form.reportDone')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: monthly ? t('running.form.done') : t('running.form.reportDone') }),
            },
          ]}
        >
          <Input.TextArea
            rows={monthly ? 4 : 8}
            placeholder={monthly ? t('running.form.donePlaceholder') : undefined}
            data-testid="report-done"
          />
        </Form.Item>
        {monthly && (
          <Form.Item name="materials" label={t('running.form.materials')}>
            <Input.TextArea
              rows={2}
              placeholder={t('running.form.materialsPlaceholder')}
              data-testid="report-materials"
            />
          </Form.Item>
        )}
        <Form.Item name="next" label={monthly ? t('running.form.next') : t('running.form.reportNext')}>
          <Input.TextArea rows={3} data-testid="report-next" />
        </Form.Item>
        <Form.Item name="problems" label={t('running.form.problems')}>
          <Input.TextArea rows={2} data-testid="report-problems" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
