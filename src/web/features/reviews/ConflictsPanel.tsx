import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Popconfirm, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { PersonSelect } from '../projects/PersonSelect';
import { useConflicts, useCreateConflict, useDeleteConflict } from './reviews.api';
import { type Conflict, type ConflictKind, conflictKinds } from './reviews.types';

interface Values {
  expertId: string;
  personId: string;
  kind: ConflictKind;
  note?: string;
}

/** 回避关系: the declared conflicts of some experts, with a form to record one more. */
export function ConflictsPanel({
  experts,
  canAdd = true,
}: {
  experts: { id: string; name: string }[];
  canAdd?: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const queries = useConflicts(experts.map((e) => e.id));
  const create = useCreateConflict();
  const remove = useDeleteConflict();
  const items = queries.flatMap((q) => q.data?.items ?? []);
  const single = experts.length === 1;

  const submit = (values: Values) =>
    create.mutate(values, {
      onSuccess: () => {
        message.success(t('reviews.conflicts.added'));
        form.resetFields(['personId', 'note']);
      },
      onError: (e) => showError(e, { form }),
    });

  const columns: TableColumnsType<Conflict> = [
    ...(single ? [] : [{ title: t('reviews.conflicts.expert'), dataIndex: 'expertName', width: 120 }]),
    {
      title: t('reviews.conflicts.person'),
      key: 'with',
      render: (_, c) => c.personName ?? c.orgName ?? t('common.none'),
    },
    {
      title: t('reviews.conflicts.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: ConflictKind) => t(`reviews.conflictKind.${k}`),
    },
    { title: t('reviews.conflicts.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
    {
      title: '',
      key: 'actions',
      width: 50,
      render: (_, c) =>
        c.abilities.delete && (
          <Popconfirm
            title={t('reviews.conflicts.deleteConfirm')}
            onConfirm={() =>
              remove.mutate(c.id, {
                onSuccess: () => message.success(t('common.deleted')),
                onError: (e) => showError(e),
              })
            }
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} data-testid="conflict-delete" />
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {canAdd && <Typography.Text type="secondary">{t('reviews.conflicts.hint')}</Typography.Text>}
      {canAdd && (
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={submit}
          initialValues={{ kind: 'relative', expertId: single ? experts[0]?.id : undefined }}
          style={{ rowGap: 8 }}
        >
          <Form.Item
            name="expertId"
            hidden={single}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('reviews.conflicts.expert') }) }]}
          >
            <Select
              placeholder={t('reviews.conflicts.expert')}
              style={{ width: 140 }}
              options={experts.map((e) => ({ value: e.id, label: e.name }))}
              data-testid="conflict-expert"
            />
          </Form.Item>
          <Form.Item
            name="personId"
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('reviews.conflicts.person') }) }]}
          >
            <PersonSelect width={220} placeholder={t('reviews.conflicts.person')} testId="conflict-person" />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 110 }}
              options={conflictKinds.map((k) => ({ value: k, label: t(`reviews.conflictKind.${k}`) }))}
              data-testid="conflict-kind"
            />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder={t('reviews.conflicts.note')} style={{ width: 200 }} data-testid="conflict-note" />
          </Form.Item>
          <Button htmlType="submit" loading={create.isPending} data-testid="conflict-add">
            {t('reviews.conflicts.add')}
          </Button>
        </Form>
      )}
      <Table<Conflict>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={queries.some((q) => q.isFetching)}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('reviews.conflicts.empty')} /> }}
        data-testid="conflicts-table"
      />
    </Flex>
  );
}
