import { App, Button, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Switch, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { kindLabel, StageTag } from '../projects/labels';
import { type Project, useProjects } from '../projects/projects.api';
import { RubricEditor, weightSum } from './RubricEditor';
import { useCreateRound, useExperts } from './reviews.api';
import {
  type Criterion,
  defaultRubric,
  type RoundInput,
  type RoundKind,
  roundKinds,
  stageForKind,
} from './reviews.types';

/** The projects a round of this kind may review, with row selection. */
function ProjectPicker({
  kind,
  value = [],
  onChange,
}: {
  kind: RoundKind;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const t = useT();
  const stage = stageForKind[kind];
  const projects = useProjects({ stage }, 1, 200);
  const items = projects.data?.items ?? [];
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">
        {t('reviews.projectsHint', { stage: t(`stage.${stage}`) })} · {t('reviews.selected', { n: value.length })}
      </Typography.Text>
      <Table<Project>
        rowKey="id"
        size="small"
        dataSource={items}
        loading={projects.isFetching}
        pagination={false}
        scroll={{ y: 280 }}
        rowSelection={{ selectedRowKeys: value, onChange: (keys) => onChange?.(keys.map(String)) }}
        locale={{ emptyText: t('reviews.projectsNone', { stage: t(`stage.${stage}`) }) }}
        columns={[
          { title: t('reviews.projectTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('reviews.school'), dataIndex: 'orgName', width: 140, ellipsis: true },
          { title: t('reviews.projectKind'), dataIndex: 'kind', width: 110, render: (k: string) => kindLabel(t, k) },
          { title: '', dataIndex: 'stage', width: 110, render: (s: Project['stage']) => <StageTag stage={s} t={t} /> },
        ]}
        data-testid="round-projects"
      />
    </Flex>
  );
}

type Values = Omit<RoundInput, 'rubric'> & { rubric: Criterion[] };

/** Creates a review round: title, kind, blind, experts per project, rubric, projects and experts. */
export function RoundFormDrawer({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateRound();
  const experts = useExperts(true);
  const kind: RoundKind = Form.useWatch('kind', form) ?? 'application';

  const submit = (values: Values) =>
    create.mutate(values, {
      onSuccess: (round) => {
        message.success(t('reviews.created'));
        onClose();
        navigate(`/reviews/${round.id}`);
      },
      onError: (e) => showError(e, { form }),
    });
  const kindName = (k: RoundKind) => t(`reviews.roundKind.${k}`);

  return (
    <Drawer
      open
      size={820}
      title={t('reviews.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="round-submit">
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => {
          if (changed.kind)
            form.setFieldsValue({
              projectIds: [],
              title: t('reviews.defaultTitle', { year: dayjs().year(), kind: kindName(changed.kind) }),
            });
        }}
        initialValues={{
          kind: 'application',
          title: t('reviews.defaultTitle', { year: dayjs().year(), kind: kindName('application') }),
          blind: true,
          expertsPerItem: 3,
          rubric: defaultRubric,
          projectIds: [],
          expertIds: [],
        }}
      >
        <Form.Item name="kind" label={t('reviews.kind')}>
          <Radio.Group
            optionType="button"
            options={roundKinds.map((k) => ({ value: k, label: kindName(k) }))}
            data-testid="round-kind"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('reviews.roundTitle')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('reviews.roundTitle') }) },
          ]}
        >
          <Input data-testid="round-title" />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item
            name="blind"
            label={t('reviews.blind')}
            valuePropName="checked"
            extra={t('reviews.blindHint')}
            style={{ flex: 1 }}
          >
            <Switch data-testid="round-blind" />
          </Form.Item>
          <Form.Item name="expertsPerItem" label={t('reviews.expertsPerItem')} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} data-testid="round-experts-per-item" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="rubric"
          label={t('reviews.rubric')}
          rules={[
            {
              validator: (_, rubric: Criterion[]) => {
                const sum = weightSum(rubric ?? []);
                if (sum !== 100) return Promise.reject(new Error(t('reviews.rubricSumError', { sum })));
                if ((rubric ?? []).some((c) => !c.label.trim()))
                  return Promise.reject(new Error(t('common.required', { field: t('reviews.rubricLabel') })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <RubricEditor />
        </Form.Item>
        <Form.Item
          name="projectIds"
          label={t('reviews.projects')}
          rules={[{ type: 'array', min: 1, message: t('common.requiredSelect', { field: t('reviews.projects') }) }]}
        >
          <ProjectPicker kind={kind} />
        </Form.Item>
        <Form.Item
          name="expertIds"
          label={t('reviews.experts')}
          extra={experts.data?.length === 0 ? t('reviews.expertsNone') : t('reviews.expertsHint')}
          rules={[{ type: 'array', min: 1, message: t('common.requiredSelect', { field: t('reviews.experts') }) }]}
        >
          <Select
            mode="multiple"
            loading={experts.isFetching}
            optionFilterProp="label"
            options={(experts.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }))}
            data-testid="round-experts"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
