import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { type ChangeKind, changeKinds, useRequestChange } from './changes.api';
import { PersonSelect } from './PersonSelect';
import type { MemberRole, Project } from './projects.api';

interface Values {
  kind: ChangeKind;
  reason: string;
  members?: { personId?: string; role: MemberRole }[];
  title?: string;
  endsOn?: Dayjs;
  attachmentNote?: string;
}

/** 申请变更: the kind, the new value it needs (members, title, end date; nothing for 撤项), the reason. */
export function ChangeRequestModal(props: { project: Project; pendingKinds: ChangeKind[]; onClose: () => void }) {
  const { project } = props;
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const request = useRequestChange(project.id);
  const kind = Form.useWatch('kind', form);
  const others = project.members.filter((m) => m.personId !== project.hostId);
  const firstFree = changeKinds.find((k) => !props.pendingKinds.includes(k));

  const submit = (values: Values) =>
    request.mutate(
      {
        kind: values.kind,
        reason: values.reason.trim(),
        attachmentNote: values.attachmentNote?.trim() || undefined,
        title: values.kind === 'title' ? values.title?.trim() : undefined,
        endsOn: values.kind === 'dates' ? values.endsOn?.format('YYYY-MM-DD') : undefined,
        members:
          values.kind === 'members'
            ? (values.members ?? []).flatMap((m) => (m.personId ? [{ personId: m.personId, role: m.role }] : []))
            : undefined,
      },
      {
        onSuccess: () => {
          message.success(t('change.requested'));
          props.onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Modal
      open
      title={t('change.request')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={request.isPending}
      okButtonProps={{ 'data-testid': 'change-submit' }}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: firstFree,
          title: project.title,
          members: others.map((m) => ({ personId: m.personId, role: m.role === 'host' ? 'core' : m.role })),
        }}
      >
        <Form.Item
          name="kind"
          label={t('change.form.kind')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('change.form.kind') }) }]}
        >
          <Select
            data-testid="change-kind"
            options={changeKinds.map((k) => ({
              value: k,
              disabled: props.pendingKinds.includes(k),
              label: props.pendingKinds.includes(k)
                ? `${t(`change.kind.${k}`)}（${t('change.form.pendingKind')}）`
                : t(`change.kind.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'members' && <MembersEditor project={project} />}
        {kind === 'title' && (
          <Form.Item name="title" label={t('change.form.title')} rules={[required(t('change.form.title'))]}>
            <Input maxLength={200} data-testid="change-title" />
          </Form.Item>
        )}
        {kind === 'dates' && (
          <Form.Item
            name="endsOn"
            label={t('change.form.endsOn')}
            extra={t('change.form.currentEnd', { date: project.endsOn ?? t('common.none') })}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('change.form.endsOn') }) }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => (project.endsOn ? !d.isAfter(dayjs(project.endsOn), 'day') : false)}
              data-testid="change-ends-on"
            />
          </Form.Item>
        )}
        {kind === 'terminate' && (
          <Alert type="warning" showIcon title={t('change.form.terminateWarning')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="reason" label={t('change.form.reason')} rules={[required(t('change.form.reason'))]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="change-reason" />
        </Form.Item>
        <Form.Item
          name="attachmentNote"
          label={t('change.form.attachmentNote')}
          extra={t('change.form.attachmentHelp')}
        >
          <Input maxLength={2000} data-testid="change-attachment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The new team: the host stays, the others are picked with their role. */
function MembersEditor({ project }: { project: Project }) {
  const t = useT();
  const known = project.members.map((m) => ({ id: m.personId, name: m.name }));
  return (
    <Form.Item label={t('change.form.members')} required>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('change.form.hostFixed', { name: project.hostName })}
      </Typography.Paragraph>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="center">
                <Form.Item name={[field.name, 'personId']} noStyle>
                  <PersonSelect known={known} width={300} testId="change-member" />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} noStyle>
                  <Select
                    style={{ width: 140 }}
                    options={(['core', 'member'] as const).map((r) => ({ value: r, label: t(`memberRole.${r}`) }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'member' })}
              data-testid="change-member-add"
            >
              {t('change.form.addMember')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
