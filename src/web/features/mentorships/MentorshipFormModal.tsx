import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { PersonSelect } from '../projects/PersonSelect';
import { useCreateMentorship } from './mentorships.api';

interface Values {
  mentorId: string;
  menteeId: string;
  startsOn: Dayjs;
  goals?: string;
  agreement?: string;
}

/** Creates a mentoring pair (师傅 → 徒弟) with its goals and agreement. */
export function MentorshipFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateMentorship();

  const submit = (values: Values) =>
    create.mutate(
      {
        mentorId: values.mentorId,
        menteeId: values.menteeId,
        startsOn: values.startsOn.format('YYYY-MM-DD'),
        goals: values.goals?.trim() || undefined,
        agreement: values.agreement?.trim() || undefined,
      },
      {
        onSuccess: (pair) => {
          message.success(t('mentor.created'));
          onCreated(pair.id);
        },
        onError: (error) => showError(error, { form }),
      },
    );
  const pick = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });

  return (
    <Modal
      open
      width={620}
      title={t('mentor.add')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'pair-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ startsOn: dayjs() }}>
        <Form.Item name="mentorId" label={t('mentor.mentor')} rules={[pick(t('mentor.mentor'))]}>
          <PersonSelect testId="pair-mentor" />
        </Form.Item>
        <Form.Item
          name="menteeId"
          label={t('mentor.mentee')}
          dependencies={['mentorId']}
          rules={[
            pick(t('mentor.mentee')),
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value && value === getFieldValue('mentorId')
                  ? Promise.reject(new Error(t('mentor.samePerson')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <PersonSelect testId="pair-mentee" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('mentor.startsOn')} rules={[pick(t('mentor.startsOn'))]}>
          <DatePicker style={{ width: '100%' }} data-testid="pair-starts-on" />
        </Form.Item>
        <Form.Item name="goals" label={t('mentor.goals')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('mentor.goalsPlaceholder')}
            data-testid="pair-goals"
          />
        </Form.Item>
        <Form.Item name="agreement" label={t('mentor.agreement')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            placeholder={t('mentor.agreementPlaceholder')}
            data-testid="pair-agreement"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
