import { App, Button, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { enumLabel } from './labels';
import { useReportOpinion } from './running.api';
import { type OpinionGrade, opinionGrades, type Report } from './running.types';

interface Values {
  grade: OpinionGrade;
  opinion: string;
}

/** 专家意见 on an opening or mid-term report: a grade and the written opinion. */
export function ReportOpinionButton({ projectId, report }: { projectId: string; report: Report }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useReportOpinion(projectId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const submit = (values: Values) =>
    save.mutate(
      { id: report.id, version: report.version, ...values },
      {
        onSuccess: () => {
          message.success(t('running.reports.opinionSaved'));
          setOpen(false);
        },
        onError: (e) => showError(e, { form }),
      },
    );

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="report-opinion">
        {t('running.reports.giveOpinion')}
      </Button>
      <Modal
        open={open}
        title={`${enumLabel(t, 'running.reportKind', report.kind)} · ${t('running.reports.giveOpinion')}`}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'report-opinion-submit' }}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ grade: report.grade ?? 'good', opinion: report.opinion ?? '' }}
        >
          <Form.Item name="grade" label={t('running.reports.opinionGrade')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={opinionGrades.map((g) => ({ value: g, label: enumLabel(t, 'running.opinionGrade', g) }))}
            />
          </Form.Item>
          <Form.Item
            name="opinion"
            label={t('running.reports.opinion')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('running.reports.opinion') }),
              },
            ]}
          >
            <Input.TextArea rows={6} data-testid="report-opinion-text" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
