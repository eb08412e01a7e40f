import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { enumLabel } from './labels';
import { useCreateOutput } from './running.api';
import {
  type AwardResult,
  awardResults,
  type Level,
  levels,
  type OutputKind,
  outputKinds,
  type RunningProject,
} from './running.types';

interface Values {
  kind: OutputKind;
  title: string;
  level?: Level;
  journal?: string;
  charCount?: number;
  result?: AwardResult;
  onDate?: Dayjs;
  authorIds?: string[];
}

const paperKinds: OutputKind[] = ['paper', 'publication'];

/** Records an output (论文、发表、获奖…); the fields shown follow the kind. */
export function OutputFormModal({ project, onClose }: { project: RunningProject; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateOutput(project.id);
  const kind = Form.useWatch('kind', form) ?? 'publication';
  const people = [
    { personId: project.hostId, name: project.hostName },
    ...project.members.filter((m) => m.personId !== project.hostId),
  ];

  const submit = ({ onDate, ...values }: Values) =>
    create.mutate(
      { ...values, onDate: onDate?.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          message.success(t('running.outputs.added'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );

  return (
    <Modal
      open
      width={640}
      title={t('running.outputs.add')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'output-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'publication', authorIds: [project.hostId] }}
      >
        <Form.Item name="kind" label={t('running.outputs.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="output-kind"
            options={outputKinds.map((k) => ({ value: k, label: enumLabel(t, 'running.outputKind', k) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('running.outputs.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('running.outputs.name') }) },
          ]}
        >
          <Input data-testid="output-title" />
        </Form.Item>
        <Form.Item name="level" label={t('running.outputs.level')}>
          <Select
            allowClear
            data-testid="output-level"
            options={levels.map((l) => ({ value: l, label: enumLabel(t, 'running.level', l) }))}
          />
        </Form.Item>
        <Form.Item name="journal" label={t('running.outputs.journal')}>
          <Input data-testid="output-journal" />
        </Form.Item>
        {paperKinds.includes(kind) && (
          <Form.Item name="charCount" label={t('running.outputs.charCount')}>
            <InputNumber min={0} step={500} style={{ width: 200 }} data-testid="output-chars" />
          </Form.Item>
        )}
        {kind === 'award' && (
          <Form.Item
            name="result"
            label={t('running.outputs.result')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('running.outputs.result') }) }]}
          >
            <Select
              data-testid="output-result"
              options={awardResults.map((r) => ({ value: r, label: enumLabel(t, 'running.awardResult', r) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="onDate" label={t('running.outputs.onDate')}>
          <DatePicker data-testid="output-date" />
        </Form.Item>
        <Form.Item name="authorIds" label={t('running.outputs.authors')}>
          <Select
            mode="multiple"
            options={people.map((p) => ({ value: p.personId, label: p.name }))}
            data-testid="output-authors"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
