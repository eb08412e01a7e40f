import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Flex, Form, InputNumber, Select } from 'antd';
import { useT } from '../../i18n';
import { projectKinds } from './calls.api';

/** The kinds editor of the call form: kind, eligibility, minimum share, outside the quota. */
export function CallKindsField() {
  const t = useT();
  return (
    <Form.List name="kinds">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} data-testid="call-form-kinds">
          {fields.length > 0 && (
            <Flex gap={8} style={{ color: '#8c8c8c', fontSize: 12 }}>
              <span style={{ width: 150 }}>{t('callForm.kind')}</span>
              <span style={{ width: 170 }}>{t('callForm.bornOnOrAfter')}</span>
              <span style={{ width: 130 }}>{t('callForm.minShare')}</span>
            </Flex>
          )}
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="baseline">
              <Form.Item
                name={[field.name, 'kind']}
                rules={[{ required: true, message: t('common.requiredSelect', { field: t('callForm.kind') }) }]}
                style={{ marginBottom: 8 }}
              >
                <Select
                  placeholder={t('callForm.kind')}
                  style={{ width: 150 }}
                  options={projectKinds.map((value) => ({ value, label: t(`kind.${value}`) }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'bornOnOrAfter']} style={{ marginBottom: 8 }}>
                <DatePicker placeholder={t('callForm.bornOnOrAfter')} style={{ width: 170 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'minShare']} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={100} placeholder={t('callForm.minShare')} style={{ width: 130 }} suffix="%" />
              </Form.Item>
              <Form.Item name={[field.name, 'ruralOnly']} valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>{t('callForm.ruralOnly')}</Checkbox>
              </Form.Item>
              <Form.Item name={[field.name, 'outsideQuota']} valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox>{t('callForm.outsideQuota')}</Checkbox>
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 160 }}>
            {t('callForm.addKind')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
