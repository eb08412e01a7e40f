import { App, Form, Modal, Select, TreeSelect } from 'antd';
import { type OrgNode, type Role, roles } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { useOrgTree } from '../orgs/orgs.api';
import { useGrantRole } from './people.api';

interface GrantValues {
  role: Role;
  orgId?: string;
}

interface OrgOption {
  value: string;
  title: string;
  children: OrgOption[];
}

function toOptions(nodes: OrgNode[]): OrgOption[] {
  return nodes.map((node) => ({ value: node.id, title: node.name, children: toOptions(node.children) }));
}

/** 授予角色: a role and the org it applies to (and everything below it). */
export function GrantRoleModal(props: { personId: string; defaultOrgId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const tree = useOrgTree();
  const grant = useGrantRole(props.personId);
  const [form] = Form.useForm<GrantValues>();

  const submit = (values: GrantValues) => {
    if (!values.orgId) return;
    grant.mutate(
      { role: values.role, orgId: values.orgId },
      {
        onSuccess: () => {
          message.success(t('person.granted'));
          props.onClose();
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open
      title={t('person.grant')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={grant.isPending}
      destroyOnHidden
    >
      <Form<GrantValues>
        form={form}
        layout="vertical"
        initialValues={{ role: 'teacher', orgId: props.defaultOrgId }}
        onFinish={submit}
      >
        <Form.Item
          name="role"
          label={t('person.grantRole')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('person.grantRole') }) }]}
        >
          <Select options={roles.map((value) => ({ value, label: t(`role.${value}`) }))} data-testid="grant-role" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('person.grantOrg')}
          extra={t('person.grantOrgHint')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('person.grantOrg') }) }]}
        >
          <TreeSelect
            showSearch={{ treeNodeFilterProp: 'title' }}
            loading={tree.isPending}
            treeData={toOptions(tree.data ?? [])}
            treeDefaultExpandAll={false}
            treeDefaultExpandedKeys={[props.defaultOrgId]}
            data-testid="grant-org"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
