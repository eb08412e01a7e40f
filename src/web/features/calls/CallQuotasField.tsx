import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Select } from 'antd';
import type { OrgNode } from '../../api/types';
import { useT } from '../../i18n';

/** The quotas editor: subordinate orgs of the issuing org and a count each. */
export function CallQuotasField({ orgs }: { orgs: OrgNode[] }) {
  const t = useT();
  return (
    <Form.List name="quotas">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} data-testid="call-form-quotas">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="baseline">
              <Form.Item
                name={[field.name, 'orgId']}
                rules={[{ required: true, message: t('common.requiredSelect', { field: t('callForm.quotaOrg') }) }]}
                style={{ marginBottom: 8 }}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('callForm.quotaOrg')}
                  style={{ width: 260 }}
                  options={orgs.map((org) => ({ value: org.id, label: org.name }))}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'count']}
                rules={[{ required: true, message: t('common.required', { field: t('callForm.quotaCount') }) }]}
                style={{ marginBottom: 8 }}
              >
                <InputNumber min={0} max={10000} placeholder={t('callForm.quotaCount')} style={{ width: 120 }} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Flex gap={8}>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 160 }}>
              {t('callForm.addQuota')}
            </Button>
            {orgs.length > 0 && fields.length === 0 && (
              <Button
                type="link"
                onClick={() => {
                  for (const org of orgs) add({ orgId: org.id, count: 1 });
                }}
              >
                {t('callForm.allQuotaOrgs')}
              </Button>
            )}
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}
