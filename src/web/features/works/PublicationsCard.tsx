import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { type Level, levels } from '../projects/projects.api';
import { levelLabel } from './labels';
import { type Publication, useDeletePublication, useSavePublication, type Work } from './works.api';

interface PublicationValues {
  journal: string;
  level: Level;
  issue?: string;
  publishedOn: Dayjs;
  pages?: string;
}

/** 登记发表: journal, its level, issue, date and pages. */
function PublicationModal(props: { work: Work; publication?: Publication; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSavePublication(props.work.id);
  const [form] = Form.useForm<PublicationValues>();
  const p = props.publication;
  const submit = (values: PublicationValues) => {
    const body = {
      journal: values.journal.trim(),
      level: values.level,
      issue: values.issue?.trim() ?? '',
      publishedOn: values.publishedOn.format('YYYY-MM-DD'),
      pages: values.pages?.trim() ?? '',
    };
    save.mutate(p ? { ...body, id: p.id, version: p.version } : body, {
      onSuccess: () => {
        message.success(t('publications.saved'));
        props.onClose();
      },
      onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
    });
  };
  return (
    <Modal
      open
      title={t('publications.add')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'publication-submit' }}
      destroyOnHidden
    >
      <Form<PublicationValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          p
            ? { journal: p.journal, level: p.level, issue: p.issue, publishedOn: dayjs(p.publishedOn), pages: p.pages }
            : { level: 'provincial', publishedOn: dayjs() }
        }
        data-testid="publication-form"
      >
        <Form.Item
          name="journal"
          label={t('publications.journal')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('publications.journal') }) },
          ]}
        >
          <Input maxLength={200} data-testid="publication-journal" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="level" label={t('publications.level')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select
              options={levels.map((value) => ({ value, label: levelLabel(t, value) }))}
              data-testid="publication-level"
            />
          </Form.Item>
          <Form.Item name="issue" label={t('publications.issue')} style={{ flex: 1 }}>
            <Input maxLength={50} placeholder="2026年第11期" data-testid="publication-issue" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item
            name="publishedOn"
            label={t('publications.publishedOn')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="publication-date" />
          </Form.Item>
          <Form.Item name="pages" label={t('publications.pages')} style={{ flex: 1 }}>
            <Input maxLength={50} placeholder="P12-15" />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** 发表: where and when the work was published. */
export function PublicationsCard({ work }: { work: Work }) {
  const t = useT();
  const showError = useShowError();
  const remove = useDeletePublication(work.id);
  const [editing, setEditing] = useState<Publication | 'new' | null>(null);
  return (
    <Card
      title={t('publications.title')}
      extra={
        work.abilities.manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="publication-add">
            {t('publications.add')}
          </Button>
        )
      }
      data-testid="work-publications"
    >
      <Table<Publication>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={work.publications ?? []}
        locale={{ emptyText: <EmptyState text={t('publications.empty')} /> }}
        columns={[
          { title: t('publications.journal'), dataIndex: 'journal' },
          { title: t('publications.level'), dataIndex: 'level', width: 90, render: (v: Level) => levelLabel(t, v) },
          { title: t('publications.issue'), dataIndex: 'issue', width: 140 },
          { title: t('publications.publishedOn'), dataIndex: 'publishedOn', width: 110 },
          { title: t('publications.pages'), dataIndex: 'pages', width: 90 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, p) => (
              <Flex gap={4}>
                {p.abilities.update && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} />}
                {p.abilities.delete && (
                  <Popconfirm
                    title={t('publications.deleteConfirm')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(p.id).catch((error: unknown) => showError(error))}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} />
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {editing && (
        <PublicationModal
          work={work}
          publication={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
