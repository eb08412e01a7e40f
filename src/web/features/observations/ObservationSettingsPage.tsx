import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { Forbidden, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import {
  type RubricAnswer,
  useObservationSettings,
  useRubricForEdit,
  useSaveObservationSettings,
  useSaveRubric,
} from './observationSettings.api';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_ITEMS = 20;

interface RowValue {
  key?: string;
  label?: string;
  max?: number | null;
  descriptor?: string;
  /** Already in the saved rubric: its key cannot change. */
  existing?: boolean;
}

function rowsOf(answer: RubricAnswer): RowValue[] {
  return answer.items.map((item) => ({
    key: item.key,
    label: item.label,
    max: item.max,
    descriptor: item.descriptor ?? '',
    existing: true,
  }));
}

/** 听课设置 (school director): the school's observation rubric and whether observed teachers see the observer. */
export function ObservationSettingsPage() {
  const t = useT();
  const me = useCurrentUser();
  const director = me.roles.find((grant) => grant.role === 'school_director');
  const orgId = director?.orgId ?? me.orgId;
  if (!director || !orgId) return <Forbidden />;
  return (
    <>
      <PageHeader
        title={t('obsSettings.title')}
        subtitle={director.orgName ?? me.orgName ?? undefined}
        extra={
          <Link to="/observations?tab=school">
            <Button icon={<ArrowLeftOutlined />}>{t('observation.back')}</Button>
          </Link>
        }
        testId="obs-settings-title"
      />
      <Flex vertical gap={16}>
        <VisibilityCard orgId={orgId} />
        <RubricCard orgId={orgId} />
      </Flex>
    </>
  );
}

function VisibilityCard({ orgId }: { orgId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const settings = useObservationSettings(orgId);
  const save = useSaveObservationSettings();
  return (
    <Card title={t('obsSettings.visibilityTitle')} data-testid="obs-settings-visibility">
      {settings.isPending ? (
        <Loading height={60} />
      ) : settings.isError ? (
        <Alert type="error" showIcon title={settings.error.message} />
      ) : (
        <Flex vertical gap={4}>
          <Flex gap={10} align="center">
            <Switch
              checked={save.isPending && save.variables ? save.variables.showObserver : settings.data.showObserver}
              loading={save.isPending}
              disabled={!settings.data.abilities.update}
              onChange={(showObserver) =>
                save.mutate(
                  { orgId, showObserver },
                  {
                    onSuccess: () => message.success(t('obsSettings.visibilitySaved')),
                    onError: (error) => showError(error),
                  },
                )
              }
              data-testid="obs-settings-show-observer"
            />
            <Typography.Text>{t('obsSettings.showObserver')}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary">{t('obsSettings.showObserverHint')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function RubricCard({ orgId }: { orgId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: RowValue[] }>();
  const rubric = useRubricForEdit(orgId);
  const save = useSaveRubric();
  const [problem, setProblem] = useState<{ text: string; stale: boolean } | null>(null);
  const data = rubric.data;

  useEffect(() => {
    if (data) form.setFieldValue('items', rowsOf(data));
  }, [data, form]);

  if (rubric.isPending) {
    return (
      <Card title={t('obsSettings.rubricTitle')}>
        <Loading height={120} />
      </Card>
    );
  }
  if (rubric.isError) {
    return (
      <Card title={t('obsSettings.rubricTitle')}>
        <Alert type="error" showIcon title={rubric.error.message} />
      </Card>
    );
  }
  const answer = rubric.data;
  const editable = answer.abilities.update;

  const reload = async () => {
    setProblem(null);
    const fresh = await rubric.refetch();
    if (fresh.data) form.setFieldValue('items', rowsOf(fresh.data));
  };

  const onFinish = () => {
    const rows: RowValue[] = form.getFieldsValue(true).items ?? [];
    const items = rows.map((row) => ({
      key: (row.key ?? '').trim(),
      label: (row.label ?? '').trim(),
      max: Number(row.max),
      descriptor: (row.descriptor ?? '').trim(),
    }));
    setProblem(null);
    save.mutate(
      { orgId, items, version: answer.version },
      {
        onSuccess: () => message.success(t('obsSettings.rubricSaved')),
        onError: (error) => {
          const text =
            error instanceof ApiError
              ? error.status === 0
                ? t('common.networkError')
                : error.message || String(error.status)
              : error.message;
          setProblem({ text, stale: error instanceof ApiError && error.status === 409 });
          if (error instanceof ApiError) {
            const fields = error.fields
              .map((f) => ({ path: f.field.split('.'), message: f.message }))
              .filter((f) => f.path[0] === 'items' && f.path.length === 3 && /^\d+$/.test(f.path[1]))
              .flatMap((f) => {
                const column = f.path[2];
                if (column !== 'key' && column !== 'label' && column !== 'max' && column !== 'descriptor') return [];
                return [
                  {
                    name: ['items', Number(f.path[1]), column] as ['items', number, typeof column],
                    errors: [f.message],
                  },
                ];
              });
            if (fields.length > 0) form.setFields(fields);
          }
        },
      },
    );
  };

  return (
    <Card
      title={t('obsSettings.rubricTitle')}
      extra={
        answer.isDefault ? (
          <Tag data-testid="obs-rubric-default">{t('obsSettings.usingDefault')}</Tag>
        ) : (
          <Tag color="blue" data-testid="obs-rubric-version">
            {t('obsSettings.version', { n: answer.version })}
          </Tag>
        )
      }
      data-testid="obs-settings-rubric"
    >
      <Typography.Paragraph type="secondary">{t('obsSettings.rubricHint')}</Typography.Paragraph>
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={problem.text}
          action={
            problem.stale ? (
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()}>
                {t('obsSettings.reload')}
              </Button>
            ) : undefined
          }
          closable={{ onClose: () => setProblem(null) }}
          data-testid="obs-rubric-error"
        />
      )}
      <Form form={form} layout="vertical" disabled={!editable} onFinish={onFinish} requiredMark={false}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              <Flex gap={8} style={{ fontWeight: 500, marginBottom: 4 }} className="obs-rubric-head">
                <span style={{ width: 150 }}>{t('obsSettings.colKey')}</span>
                <span style={{ width: 170 }}>{t('obsSettings.colLabel')}</span>
                <span style={{ width: 90 }}>{t('obsSettings.colMax')}</span>
                <span style={{ flex: 1 }}>{t('obsSettings.colDescriptor')}</span>
                <span style={{ width: 32 }} />
              </Flex>
              {fields.map((field) => {
                const existing = Boolean(form.getFieldValue(['items', field.name, 'existing']));
                return (
                  <Flex key={field.key} gap={8} align="flex-start" data-testid="obs-rubric-row">
                    <Form.Item
                      name={[field.name, 'key']}
                      style={{ width: 150, marginBottom: 12 }}
                      validateFirst
                      rules={[
                        { required: true, whitespace: true, message: t('obsSettings.keyRequired') },
                        { pattern: KEY_PATTERN, message: t('obsSettings.keyPattern') },
                        {
                          validator: (_, value?: string) => {
                            const all: RowValue[] = form.getFieldValue('items') ?? [];
                            const same = all.filter((row) => (row.key ?? '').trim() === (value ?? '').trim()).length;
                            return same > 1
                              ? Promise.reject(new Error(t('obsSettings.keyDuplicate')))
                              : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <Input
                        disabled={existing || !editable}
                        placeholder="e.g. questioning"
                        maxLength={40}
                        data-testid="obs-rubric-key"
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'label']}
                      style={{ width: 170, marginBottom: 12 }}
                      rules={[{ required: true, whitespace: true, message: t('obsSettings.labelRequired') }]}
                    >
                      <Input maxLength={50} data-testid="obs-rubric-label" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'max']}
                      style={{ width: 90, marginBottom: 12 }}
                      rules={[
                        { required: true, message: t('obsSettings.maxRange') },
                        { type: 'integer', min: 1, max: 10, message: t('obsSettings.maxRange') },
                      ]}
                    >
                      <InputNumber
                        min={1}
                        max={10}
                        precision={0}
                        style={{ width: '100%' }}
                        data-testid="obs-rubric-max"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'descriptor']} style={{ flex: 1, marginBottom: 12 }}>
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        maxLength={500}
                        data-testid="obs-rubric-descriptor"
                      />
                    </Form.Item>
                    <Tooltip title={t('obsSettings.removeItem')}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={!editable || fields.length <= 1}
                        onClick={() => remove(field.name)}
                        aria-label={t('obsSettings.removeItem')}
                        data-testid="obs-rubric-remove"
                      />
                    </Tooltip>
                  </Flex>
                );
              })}
              <div>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={!editable || fields.length >= MAX_ITEMS}
                  onClick={() => add({ key: '', label: '', max: 5, descriptor: '', existing: false })}
                  style={{ marginBottom: 16 }}
                  data-testid="obs-rubric-add"
                >
                  {t('obsSettings.addItem')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={save.isPending}
            data-testid="obs-rubric-save"
          >
            {t('obsSettings.saveRubric')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()} disabled={save.isPending}>
            {t('obsSettings.reload')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
