import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useT } from '../../i18n';
import { officeLabel } from './labels';
import { levels, results } from './office.api';
import { workKinds } from './rules.api';
import { numberRules } from './validation';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** 折算与奖励: the share counted into the business assessment, 先进个人, and reward settings. */
export function RewardsForm({ editable }: { editable: boolean }) {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rules.weight.title')}>
            <Form.Item
              name={['points', 'weightPercent']}
              label={t('rules.weight.percent')}
              extra={t('rules.weight.hint')}
              rules={numberRules(t, t('rules.weight.percent'), 0, 100, { integer: false })}
            >
              <InputNumber suffix="%" style={{ width: 160 }} data-testid="rules-weight-percent" />
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('rules.rewards.title')}>
            <Form.Item
              name={['points', 'advancedCount']}
              label={t('rules.rewards.topN')}
              extra={t('rules.rewards.topNHint')}
              rules={numberRules(t, t('rules.rewards.topN'), 0, 1000)}
            >
              <InputNumber precision={0} style={{ width: 160 }} data-testid="rules-advanced-count" />
            </Form.Item>
          </Card>
        </Col>
      </Row>
      <Form.List name="rewards">
        {(fields, { add, remove }) => (
          <Card
            size="small"
            title={t('rules.rewards.listTitle')}
            extra={
              editable && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 20}
                  onClick={() =>
                    add({
                      key: `reward_${fields.length + 1}`,
                      label: '',
                      enabled: true,
                      thresholds: {},
                      workKinds: [],
                      amount: null,
                    })
                  }
                  data-testid="rules-reward-add"
                >
                  {t('rules.rewards.add')}
                </Button>
              )
            }
          >
            <Typography.Paragraph type="secondary">{t('rules.rewards.hint')}</Typography.Paragraph>
            <Flex vertical gap={12}>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  data-testid={`rules-reward-${field.name}`}
                  title={
                    <Flex gap={8} align="center">
                      <Form.Item name={[field.name, 'enabled']} valuePropName="checked" noStyle>
                        <Switch size="small" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'label']}
                        noStyle
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('rules.v.required', { field: t('rules.rewards.label') }),
                          },
                        ]}
                      >
                        <Input placeholder={t('rules.rewards.label')} maxLength={50} style={{ width: 220 }} />
                      </Form.Item>
                    </Flex>
                  }
                  extra={
                    editable && (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        {t('common.delete')}
                      </Button>
                    )
                  }
                >
                  <Row gutter={12}>
                    {levels.map((level) => (
                      <Col key={level} xs={12} md={4}>
                        <Form.Item name={[field.name, 'thresholds', level]} label={officeLabel(t, 'level', level)}>
                          <Select
                            allowClear
                            placeholder={t('rules.rewards.none')}
                            options={results.map((result) => ({
                              value: result,
                              label: t('rules.rewards.atLeast', { result: officeLabel(t, 'awardResult', result) }),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                    ))}
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'amount']}
                        label={t('rules.rewards.amount')}
                        rules={numberRules(t, t('rules.rewards.amount'), 0, 1_000_000, {
                          integer: false,
                          optional: true,
                        })}
                      >
                        <InputNumber placeholder={t('rules.rewards.amountOpen')} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[field.name, 'workKinds']}
                        label={t('rules.rewards.workKinds')}
                        style={{ marginBottom: 0 }}
                      >
                        <Select
                          mode="multiple"
                          allowClear
                          placeholder={t('rules.rewards.anyKind')}
                          options={workKinds.map((kind) => ({ value: kind, label: officeLabel(t, 'workKind', kind) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[field.name, 'key']}
                        label={t('rules.rewards.key')}
                        style={{ marginBottom: 0 }}
                        rules={[{ required: true, pattern: KEY_PATTERN, message: t('rules.v.key') }]}
                      >
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
            </Flex>
          </Card>
        )}
      </Form.List>
    </Flex>
  );
}
