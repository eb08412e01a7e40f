import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { type GroupType, groupTypes, type OrgKind, type OrgNode } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useCreateOrg, useUpdateOrg } from './orgs.api';

interface OrgValues {
  name: string;
  kind?: OrgKind;
  groupType?: GroupType;
  code?: string;
  rural?: boolean;
}

/** Edits the given org, or creates a child under it (kind limited to its `childKinds`). */
export function OrgFormModal(props: { mode: 'edit' | 'create'; org: OrgNode; onClose: (createdId?: string) => void }) {
  const { mode, org, onClose } = props;
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<OrgValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const kind = Form.useWatch('kind', form) ?? (mode === 'edit' ? org.kind : undefined);

  const initialValues: OrgValues =
    mode === 'edit'
      ? { name: org.name, groupType: org.groupType ?? undefined, code: org.code ?? '', rural: org.rural }
      : { name: '', kind: org.childKinds[0], groupType: 'subject', code: '', rural: false };

  const submit = (values: OrgValues) => {
    const code = values.code?.trim() || undefined;
    if (mode === 'edit') {
      update.mutate(
        {
          id: org.id,
          version: org.version,
          name: values.name,
          code: code ?? null,
          rural: org.kind === 'school' ? Boolean(values.rural) : undefined,
          groupType: org.kind === 'group' ? values.groupType : undefined,
        },
        {
          onSuccess: () => {
            message.success(t('common.saved'));
            onClose();
          },
          onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
        },
      );
      return;
    }
    const childKind = values.kind ?? org.childKinds[0];
    create.mutate(
      {
        name: values.name,
        kind: childKind,
        parentId: org.id,
        code,
        groupType: childKind === 'group' ? values.groupType : undefined,
        rural: childKind === 'school' ? Boolean(values.rural) : undefined,
      },
      {
        onSuccess: (created) => {
          message.success(t('orgs.created', { name: created.name }));
          onClose(created.id);
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open
      title={mode === 'edit' ? `${t('orgs.edit')} · ${org.name}` : `${t('orgs.addChild')} · ${org.name}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} data-testid="org-form">
        <Form.Item
          name="name"
          label={t('orgs.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orgs.name') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {mode === 'create' && (
          <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
            <Select options={org.childKinds.map((value) => ({ value, label: t(`orgKind.${value}`) }))} />
          </Form.Item>
        )}
        {kind === 'group' && (
          <Form.Item name="groupType" label={t('orgs.groupType')} rules={[{ required: true }]}>
            <Select options={groupTypes.map((value) => ({ value, label: t(`groupType.${value}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="code" label={t('orgs.code')}>
          <Input maxLength={50} />
        </Form.Item>
        {kind === 'school' && (
          <Form.Item name="rural" label={t('orgs.rural')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
