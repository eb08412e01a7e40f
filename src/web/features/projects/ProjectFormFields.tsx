import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useT } from '../../i18n';
import { outcomeLabel } from './labels';
import { type PersonOption, PersonSelect } from './PersonSelect';
import { outcomeKinds } from './projects.api';

/** 课题组成员: person search and role (核心成员/成员); the host is added by the server. */
export function MembersField({ known, orgId }: { known: PersonOption[]; orgId?: string }) {
  const t = useT();
  return (
    <Card title={t('form.members')} style={{ marginBottom: 16 }}>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4} data-testid="project-form-members">
            {fields.length === 0 && <Typography.Text type="secondary">{t('form.membersEmpty')}</Typography.Text>}
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="baseline">
                <Form.Item
                  name={[field.name, 'personId']}
                  rules={[{ required: true, message: t('common.requiredSelect', { field: t('form.memberPerson') }) }]}
                  style={{ marginBottom: 8 }}
                >
                  <PersonSelect known={known} orgId={orgId} width={300} testId="project-form-member-person" />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} style={{ marginBottom: 8 }}>
                  <Select
                    style={{ width: 120 }}
                    options={[
                      { value: 'core', label: t('memberRole.core') },
                      { value: 'member', label: t('memberRole.member') },
                    ]}
                  />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'member' })}
              style={{ width: 160, marginTop: 8 }}
              data-testid="project-form-add-member"
            >
              {t('form.addMember')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

/** 预期成果: a structured list of kind and count. */
export function OutcomesField() {
  const t = useT();
  return (
    <Form.List name="expectedOutcomes">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} data-testid="project-form-outcomes">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="baseline">
              <Form.Item
                name={[field.name, 'kind']}
                rules={[{ required: true, message: t('common.requiredSelect', { field: t('form.outcomeKind') }) }]}
                style={{ marginBottom: 8 }}
              >
                <Select
                  style={{ width: 160 }}
                  placeholder={t('form.outcomeKind')}
                  options={outcomeKinds.map((value) => ({ value, label: outcomeLabel(t, value) }))}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'count']}
                rules={[{ required: true, message: t('common.required', { field: t('form.outcomeCount') }) }]}
                style={{ marginBottom: 8 }}
              >
                <InputNumber min={1} max={1000} placeholder={t('form.outcomeCount')} style={{ width: 110 }} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ count: 1 })}
            style={{ width: 160 }}
            data-testid="project-form-add-outcome"
          >
            {t('form.addOutcome')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

const sectionKeys = ['significance', 'goals', 'methods', 'steps', 'budget'] as const;

/** The five sections of the 申报书 as large text areas. */
export function SectionsFields() {
  const t = useT();
  return (
    <>
      {sectionKeys.map((key) => (
        <Form.Item key={key} name={['sections', key]} label={t(`form.${key}`)}>
          <Input.TextArea
            autoSize={{ minRows: key === 'budget' ? 2 : 5, maxRows: 24 }}
            maxLength={key === 'budget' ? 20000 : 50000}
            showCount
            data-testid={`project-form-${key}`}
          />
        </Form.Item>
      ))}
    </>
  );
}
