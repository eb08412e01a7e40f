import { Card, Col, DatePicker, Flex, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { officeLabel } from './labels';
import { levels } from './office.api';
import { activityKinds, growthKinds, referenceModes, workKinds } from './rules.api';
import { numberRules } from './validation';

/** A rule card: the title with its on/off switch, a one-line hint, then the thresholds. */
function RuleCard(props: { rule: string; title: string; hint: string; children: ReactNode; editable: boolean }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={props.title}
      data-testid={`rules-card-${props.rule}`}
      extra={
        <Flex gap={6} align="center">
          <Typography.Text type="secondary">{t('rules.enabled')}</Typography.Text>
          <Form.Item name={['rules', props.rule, 'enabled']} valuePropName="checked" noStyle>
            <Switch size="small" disabled={!props.editable} data-testid={`rules-enabled-${props.rule}`} />
          </Form.Item>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {props.hint}
      </Typography.Paragraph>
      {props.children}
    </Card>
  );
}

/** One whole-number field of a rule, validated in zh-CN. */
function NumberField(props: {
  name: (string | number)[];
  label: string;
  min: number;
  max: number;
  testId: string;
  optional?: boolean;
  placeholder?: string;
  suffix?: string;
}) {
  const t = useT();
  return (
    <Form.Item
      name={props.name}
      label={props.label}
      rules={numberRules(t, props.label, props.min, props.max, { optional: props.optional })}
    >
      <InputNumber
        precision={0}
        placeholder={props.placeholder}
        suffix={props.suffix}
        style={{ width: '100%' }}
        data-testid={props.testId}
      />
    </Form.Item>
  );
}

/** 达标要求: the reference date for ages and the thresholds of each quota rule. */
export function QuotaRulesForm({ editable, ageOn }: { editable: boolean; ageOn: string }) {
  const t = useT();
  const mode = Form.useWatch(['referenceDate', 'mode']);
  const kindOptions = (kinds: readonly string[], prefix: string) =>
    kinds.map((kind) => ({ value: kind, label: officeLabel(t, prefix, kind) }));

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('rules.referenceDate')} data-testid="rules-reference-date">
        <Flex gap={12} wrap align="flex-start">
          <Form.Item name={['referenceDate', 'mode']} style={{ marginBottom: 0 }}>
            <Select
              style={{ width: 220 }}
              options={referenceModes.map((value) => ({ value, label: t(`rules.refMode.${value}`) }))}
              data-testid="rules-reference-mode"
            />
          </Form.Item>
          {mode === 'fixed' && (
            <Form.Item
              name={['referenceDate', 'date']}
              rules={[{ required: true, message: t('rules.v.required', { field: t('rules.referenceDate') }) }]}
              style={{ marginBottom: 0 }}
            >
              <DatePicker data-testid="rules-reference-fixed" />
            </Form.Item>
          )}
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }} data-testid="rules-age-on">
            {t('rules.ageOn', { date: ageOn })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('rules.referenceDateHint')}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RuleCard rule="observations" title={t('rules.obs.title')} hint={t('rules.obs.hint')} editable={editable}>
            <Row gutter={12}>
              <Col span={8}>
                <NumberField
                  name={['rules', 'observations', 'ageLimit']}
                  label={t('rules.obs.ageLimit')}
                  min={18}
                  max={80}
                  suffix={t('rules.years')}
                  testId="rules-obs-age"
                />
              </Col>
              <Col span={8}>
                <NumberField
                  name={['rules', 'observations', 'youngerRequired']}
                  label={t('rules.obs.younger')}
                  min={0}
                  max={500}
                  testId="rules-obs-younger"
                />
              </Col>
              <Col span={8}>
                <NumberField
                  name={['rules', 'observations', 'olderRequired']}
                  label={t('rules.obs.older')}
                  min={0}
                  max={500}
                  testId="rules-obs-older"
                />
              </Col>
            </Row>
          </RuleCard>
        </Col>
        <Col xs={24} xl={12}>
          <RuleCard rule="writing" title={t('rules.writing.title')} hint={t('rules.writing.hint')} editable={editable}>
            <Row gutter={12}>
              <Col span={8}>
                <NumberField
                  name={['rules', 'writing', 'underAge']}
                  label={t('rules.writing.ageLimit')}
                  min={18}
                  max={80}
                  suffix={t('rules.years')}
                  testId="rules-writing-age"
                />
              </Col>
              <Col span={8}>
                <NumberField
                  name={['rules', 'writing', 'perWeek']}
                  label={t('rules.writing.perWeek')}
                  min={0}
                  max={7}
                  testId="rules-writing-per-week"
                />
              </Col>
              <Col span={8}>
                <NumberField
                  name={['rules', 'writing', 'weeks']}
                  label={t('rules.writing.weeks')}
                  min={0}
                  max={60}
                  optional
                  placeholder={t('rules.writing.weeksAuto')}
                  testId="rules-writing-weeks"
                />
              </Col>
            </Row>
            <Form.Item
              name={['rules', 'writing', 'growthKinds']}
              label={t('rules.writing.kinds')}
              rules={[{ required: true, message: t('rules.v.pickOne', { field: t('rules.writing.kinds') }) }]}
              style={{ marginBottom: 0 }}
            >
              <Select mode="multiple" options={kindOptions(growthKinds, 'growthKind')} />
            </Form.Item>
          </RuleCard>
        </Col>
        <Col xs={24} xl={12}>
          <RuleCard
            rule="competition"
            title={t('rules.competition.title')}
            hint={t('rules.competition.hint')}
            editable={editable}
          >
            <Row gutter={12}>
              <Col span={8}>
                <NumberField
                  name={['rules', 'competition', 'underAge']}
                  label={t('rules.competition.ageLimit')}
                  min={18}
                  max={80}
                  suffix={t('rules.years')}
                  testId="rules-competition-age"
                />
              </Col>
              <Col span={8}>
                <NumberField
                  name={['rules', 'competition', 'perTerm']}
                  label={t('rules.competition.count')}
                  min={0}
                  max={20}
                  testId="rules-competition-count"
                />
              </Col>
              <Col span={8}>
                <Form.Item name={['rules', 'competition', 'minLevel']} label={t('rules.competition.minLevel')}>
                  <Select options={kindOptions(levels, 'level')} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name={['rules', 'competition', 'workKinds']}
              label={t('rules.competition.kinds')}
              extra={t('rules.competition.kindsHint')}
              style={{ marginBottom: 0 }}
            >
              <Select mode="multiple" allowClear options={kindOptions(workKinds, 'workKind')} />
            </Form.Item>
          </RuleCard>
        </Col>
        <Col xs={24} xl={12}>
          <RuleCard
            rule="one_lesson"
            title={t('rules.oneLesson.title')}
            hint={t('rules.oneLesson.hint')}
            editable={editable}
          >
            <Row gutter={12}>
              <Col span={8}>
                <NumberField
                  name={['rules', 'one_lesson', 'underAge']}
                  label={t('rules.oneLesson.ageLimit')}
                  min={18}
                  max={80}
                  suffix={t('rules.years')}
                  testId="rules-one-lesson-age"
                />
              </Col>
              <Col span={8}>
                <NumberField
                  name={['rules', 'one_lesson', 'perTerm']}
                  label={t('rules.oneLesson.count')}
                  min={0}
                  max={20}
                  testId="rules-one-lesson-count"
                />
              </Col>
              <Col span={8}>
                <Form.Item
                  name={['rules', 'one_lesson', 'prepGroupsOnly']}
                  label={t('rules.oneLesson.prepGroupsOnly')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name={['rules', 'one_lesson', 'activityKinds']}
              label={t('rules.oneLesson.kinds')}
              rules={[{ required: true, message: t('rules.v.pickOne', { field: t('rules.oneLesson.kinds') }) }]}
              style={{ marginBottom: 0 }}
            >
              <Select mode="multiple" options={kindOptions(activityKinds, 'activityKind')} />
            </Form.Item>
          </RuleCard>
        </Col>
        <Col xs={24} xl={12}>
          <RuleCard
            rule="eight_ones"
            title={t('rules.eightOnes.title')}
            hint={t('rules.eightOnes.hint')}
            editable={editable}
          >
            <Typography.Text type="secondary">{t('rules.eightOnes.more')}</Typography.Text>
          </RuleCard>
        </Col>
      </Row>
    </Flex>
  );
}
