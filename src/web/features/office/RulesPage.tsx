import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { PointsForm } from './PointsForm';
import { QuotaRulesForm } from './QuotaRulesForm';
import { RewardsForm } from './RewardsForm';
import { type PutRules, type RulesDto, useRules, useSaveRules } from './rules.api';
import { ScopeBar, useScope } from './ScopeBar';
import { placeFieldErrors } from './validation';

/** The form's values: the PUT body without its version, with the fixed date as a dayjs. */
interface RulesFormValues extends Omit<PutRules, 'version' | 'referenceDate'> {
  referenceDate: { mode: PutRules['referenceDate']['mode']; date: Dayjs | null };
}

function toForm(dto: RulesDto): RulesFormValues {
  return {
    referenceDate: {
      mode: dto.referenceDate.mode,
      date: dto.referenceDate.date ? dayjs(dto.referenceDate.date) : null,
    },
    rules: dto.rules,
    points: dto.points,
    rewards: dto.rewards,
  };
}

/** Drops empty optional cells (activities without points, levels without a reward threshold). */
function toBody(values: RulesFormValues, version: number): PutRules {
  const activities = Object.fromEntries(
    Object.entries(values.points.activities).filter(([, points]) => typeof points === 'number'),
  );
  return {
    version,
    referenceDate: {
      mode: values.referenceDate.mode,
      date:
        values.referenceDate.mode === 'fixed' && values.referenceDate.date
          ? values.referenceDate.date.format('YYYY-MM-DD')
          : null,
    },
    rules: { ...values.rules, writing: { ...values.rules.writing, weeks: values.rules.writing.weeks ?? null } },
    points: { ...values.points, activities },
    rewards: (values.rewards ?? []).map((reward) => ({
      ...reward,
      thresholds: Object.fromEntries(Object.entries(reward.thresholds ?? {}).filter(([, result]) => Boolean(result))),
      workKinds: reward.workKinds ?? [],
      amount: typeof reward.amount === 'number' ? reward.amount : null,
    })),
  };
}

/** The first field path of a failed `validateFields`. */
function firstErrorPath(error: unknown): (string | number)[] | undefined {
  if (typeof error !== 'object' || error === null || !('errorFields' in error)) return undefined;
  const fields = error.errorFields;
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const name: unknown = fields[0]?.name;
  return Array.isArray(name) ? name.filter((part) => typeof part === 'string' || typeof part === 'number') : undefined;
}

/** The tab holding a field. */
function tabOf(path: (string | number)[]): string {
  if (path[0] === 'rewards') return 'rewards';
  if (path[0] === 'points') return path[1] === 'weightPercent' || path[1] === 'advancedCount' ? 'rewards' : 'points';
  return 'quotas';
}

/** 制度设置: the director edits the school's rules, points table and rewards of one term. */
export function RulesPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const state = useScope();
  const { orgId, termId } = state.scope;
  const rules = useRules(state.scope);
  const save = useSaveRules();
  const [form] = Form.useForm<RulesFormValues>();
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState('quotas');
  const data = rules.data;

  useEffect(() => {
    if (!data) return;
    form.resetFields();
    form.setFieldsValue(toForm(data));
    setDirty(false);
  }, [data, form]);

  const submit = async () => {
    if (!data || !orgId || !termId) return;
    let values: RulesFormValues;
    try {
      await form.validateFields({ recursive: true });
      values = form.getFieldsValue(true);
    } catch (error) {
      const first = firstErrorPath(error);
      if (first) setTab(tabOf(first));
      message.error(t('rules.invalid'));
      return;
    }
    save.mutate(
      { scope: { orgId, termId }, body: toBody(values, data.version) },
      {
        onSuccess: () => {
          message.success(t('rules.saved'));
          setDirty(false);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            message.error(t('rules.stale'));
            void rules.refetch();
            return;
          }
          if (error instanceof ApiError && placeFieldErrors(form, error) > 0) {
            const first = error.fields[0]?.field.split('.');
            if (first) setTab(tabOf(first));
            message.error(error.message || t('rules.invalid'));
            return;
          }
          showError(error);
        },
      },
    );
  };

  const editable = data?.abilities.update ?? false;
  const saveButton = editable && (
    <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={submit} data-testid="rules-save">
      {t('rules.save')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        testId="rules-title"
        extra={<ScopeBar state={state} />}
      />
      {!orgId || !termId ? (
        <EmptyState text={t('office.noScope')} />
      ) : rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <Alert type="error" showIcon title={rules.error.message} />
      ) : (
        <Form<RulesFormValues>
          form={form}
          layout="vertical"
          disabled={!editable}
          onValuesChange={() => setDirty(true)}
          requiredMark={false}
          scrollToFirstError
        >
          <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '12px 20px' } }}>
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Flex vertical gap={4}>
                <Typography.Text strong data-testid="rules-editing">
                  {t('rules.editing', {
                    school: state.school?.name ?? '',
                    term: state.term?.name ?? '',
                  })}
                  <Tag
                    color={rules.data.stored ? 'blue' : 'default'}
                    style={{ marginLeft: 8 }}
                    data-testid="rules-version"
                  >
                    {rules.data.stored ? t('rules.versionTag', { version: rules.data.version }) : t('rules.notStored')}
                  </Tag>
                  {dirty && (
                    <Tag color="orange" data-testid="rules-dirty">
                      {t('rules.unsaved')}
                    </Tag>
                  )}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {rules.data.stored
                    ? rules.data.updatedAt &&
                      t('rules.updatedAt', { at: dayjs(rules.data.updatedAt).format('YYYY-MM-DD HH:mm') })
                    : rules.data.inheritedFrom
                      ? t('rules.inherited', { term: rules.data.inheritedFrom.termName })
                      : t('rules.defaults')}
                  {!editable && ` · ${t('rules.readOnly')}`}
                </Typography.Text>
              </Flex>
              <Flex gap={8}>
                {editable && dirty && (
                  <Button
                    icon={<UndoOutlined />}
                    onClick={() => {
                      form.resetFields();
                      form.setFieldsValue(toForm(rules.data));
                      setDirty(false);
                    }}
                  >
                    {t('rules.reset')}
                  </Button>
                )}
                {saveButton}
              </Flex>
            </Flex>
          </Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden={false}
            items={[
              {
                key: 'quotas',
                label: t('rules.tabQuotas'),
                forceRender: true,
                children: <QuotaRulesForm editable={editable} ageOn={rules.data.ageOn} />,
              },
              { key: 'points', label: t('rules.tabPoints'), forceRender: true, children: <PointsForm /> },
              {
                key: 'rewards',
                label: t('rules.tabRewards'),
                forceRender: true,
                children: <RewardsForm editable={editable} />,
              },
            ]}
            data-testid="rules-tabs"
          />
        </Form>
      )}
    </>
  );
}
