import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Term } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useSaveTerm } from './terms.api';

interface TermValues {
  schoolYear: number;
  termNo: number;
  dates?: [Dayjs, Dayjs];
  name?: string;
}

/** The usual dates of a term: 第一学期 Sep–Jan, 第二学期 Feb–Jul. */
function defaultValues(): TermValues {
  const today = dayjs();
  const firstTerm = today.month() >= 7 || today.month() === 0;
  const schoolYear = today.month() >= 7 ? today.year() : today.year() - 1;
  return firstTerm
    ? { schoolYear, termNo: 1, dates: [dayjs(`${schoolYear}-09-01`), dayjs(`${schoolYear + 1}-01-31`)] }
    : { schoolYear, termNo: 2, dates: [dayjs(`${schoolYear + 1}-02-15`), dayjs(`${schoolYear + 1}-07-10`)] };
}

/** Adds a term, or edits the given one (with its version). */
export function TermModal(props: { term?: Term; onClose: () => void }) {
  const { term, onClose } = props;
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveTerm();
  const [form] = Form.useForm<TermValues>();

  const initialValues: TermValues = term
    ? {
        schoolYear: term.schoolYear,
        termNo: term.termNo,
        dates: [dayjs(term.startsOn), dayjs(term.endsOn)],
        name: term.name,
      }
    : defaultValues();

  const submit = (values: TermValues) => {
    if (!values.dates) return;
    save.mutate(
      {
        id: term?.id,
        version: term?.version,
        schoolYear: values.schoolYear,
        termNo: values.termNo,
        startsOn: values.dates[0].format('YYYY-MM-DD'),
        endsOn: values.dates[1].format('YYYY-MM-DD'),
        name: values.name?.trim() || undefined,
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
      },
    );
  };

  return (
    <Modal
      open
      title={term ? t('terms.edit') : t('terms.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} data-testid="term-form">
        <Form.Item
          name="schoolYear"
          label={t('terms.schoolYear')}
          extra={t('terms.schoolYearHint')}
          rules={[{ required: true, message: t('common.required', { field: t('terms.schoolYear') }) }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="termNo" label={t('terms.termNo')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 1, label: t('terms.term1') },
              { value: 2, label: t('terms.term2') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('terms.dates')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('terms.dates') }) }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="name" label={t('terms.name')}>
          <Input placeholder={t('terms.namePlaceholder')} maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
