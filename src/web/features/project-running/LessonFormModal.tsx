import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { enumLabel } from './labels';
import { useCreateLesson } from './running.api';
import { type LessonForm, lessonForms, type RunningProject } from './running.types';

interface Values {
  teacherId: string;
  plannedOn: Dayjs;
  content: string;
  form: LessonForm;
}

/** Plans one research lesson; the teacher is chosen among the project's host and members. */
export function LessonFormModal({ project, onClose }: { project: RunningProject; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateLesson(project.id);

  const people = [
    { personId: project.hostId, name: project.hostName, role: 'host' as const },
    ...project.members.filter((m) => m.personId !== project.hostId),
  ];
  const submit = (values: Values) =>
    create.mutate(
      { ...values, plannedOn: values.plannedOn.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          message.success(t('running.lessons.added'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  const required = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });

  return (
    <Modal
      open
      title={t('running.lessons.add')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'lesson-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ form: 'research_lesson' }}>
        <Form.Item
          name="teacherId"
          label={t('running.lessons.teacher')}
          rules={[required(t('running.lessons.teacher'))]}
        >
          <Select
            data-testid="lesson-teacher"
            options={people.map((p) => ({
              value: p.personId,
              label: `${p.name}（${enumLabel(t, 'running.memberRole', p.role)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="plannedOn"
          label={t('running.lessons.plannedOn')}
          rules={[required(t('running.lessons.plannedOn'))]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="lesson-date" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('running.lessons.content')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('running.lessons.content') }),
            },
          ]}
        >
          <Input.TextArea rows={3} data-testid="lesson-content" />
        </Form.Item>
        <Form.Item name="form" label={t('running.lessons.form')} rules={[required(t('running.lessons.form'))]}>
          <Select
            data-testid="lesson-form"
            options={lessonForms.map((f) => ({ value: f, label: enumLabel(t, 'running.lessonForm', f) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
