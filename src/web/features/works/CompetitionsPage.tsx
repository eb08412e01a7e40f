import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { type Level, levels } from '../projects/projects.api';
import { levelLabel, worksLabel } from './labels';
import { WorksNav } from './WorksNav';
import {
  type Competition,
  useAddEdition,
  useCompetitions,
  useSaveCompetition,
  type WorkKind,
  workKinds,
} from './works.api';

interface CompetitionValues {
  name: string;
  level: Level;
  organiser: string;
  description: string;
  workKinds: WorkKind[];
  active: boolean;
}

/** 新增/编辑评比: name, level, organiser, kinds of work it takes. */
function CompetitionModal({ competition, onClose }: { competition?: Competition; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveCompetition();
  const [form] = Form.useForm<CompetitionValues>();
  const submit = (values: CompetitionValues) =>
    save.mutate(
      competition
        ? { id: competition.id, version: competition.version, ...values }
        : {
            name: values.name,
            level: values.level,
            organiser: values.organiser ?? '',
            description: values.description ?? '',
            workKinds: values.workKinds ?? [],
          },
      {
        onSuccess: () => {
          message.success(t('competitions.saved'));
          onClose();
        },
        onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
      },
    );
  return (
    <Modal
      open
      title={t(competition ? 'competitions.editTitle' : 'competitions.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'competition-submit' }}
      destroyOnHidden
    >
      <Form<CompetitionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          competition
            ? {
                name: competition.name,
                level: competition.level,
                organiser: competition.organiser,
                description: competition.description,
                workKinds: competition.workKinds,
                active: competition.active,
              }
            : { level: 'district', organiser: '', description: '', workKinds: ['paper'], active: true }
        }
      >
        <Form.Item
          name="name"
          label={t('competitions.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('competitions.name') }) },
          ]}
        >
          <Input maxLength={100} data-testid="competition-name" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="level" label={t('competitions.level')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select
              options={levels.map((value) => ({ value, label: levelLabel(t, value) }))}
              data-testid="competition-level"
            />
          </Form.Item>
          <Form.Item name="organiser" label={t('competitions.organiser')} style={{ flex: 2 }}>
            <Input maxLength={100} data-testid="competition-organiser" />
          </Form.Item>
        </Flex>
        <Form.Item name="workKinds" label={t('works.colKind')}>
          <Select
            mode="multiple"
            options={workKinds.map((value) => ({ value, label: worksLabel(t, 'workKind', value) }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('competitions.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {competition && (
          <Form.Item name="active" label={t('competitions.colActive')} valuePropName="checked">
            <Switch checkedChildren={t('competitions.active')} unCheckedChildren={t('competitions.inactive')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 新增届次: year, deadline and title of an edition. */
function EditionModal({ competition, onClose }: { competition: Competition; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const add = useAddEdition();
  const [form] = Form.useForm<{ year: number; deadline?: Dayjs; title?: string }>();
  return (
    <Modal
      open
      title={`${t('competitions.addEdition')} · ${competition.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'edition-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: dayjs().year() }}
        onFinish={(values) =>
          add.mutate(
            {
              competitionId: competition.id,
              year: values.year,
              deadline: values.deadline?.format('YYYY-MM-DD'),
              title: values.title?.trim() || undefined,
            },
            {
              onSuccess: () => {
                message.success(t('competitions.saved'));
                onClose();
              },
              onError: (error) => showError(error, { form }),
            },
          )
        }
      >
        <Flex gap={12}>
          <Form.Item name="year" label={t('competitions.editionYear')} rules={[{ required: true }]}>
            <InputNumber min={1990} max={2200} data-testid="edition-year" />
          </Form.Item>
          <Form.Item name="deadline" label={t('competitions.editionDeadline')}>
            <DatePicker data-testid="edition-deadline" />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('competitions.editionTitle')}>
          <Input maxLength={200} placeholder={`${dayjs().year()}年${competition.name}`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 评比目录: the competitions the school's teachers enter, with editions and deadlines. */
export function CompetitionsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [level, setLevel] = useState<Level | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const list = useCompetitions({ level, q });
  const [editing, setEditing] = useState<Competition | 'new' | null>(null);
  const [adding, setAdding] = useState<Competition | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  // the catalogue answers who may add (competition.manage) through the abilities of its rows; a new one needs a manager
  const canAdd = me.roles.some((g) => ['sysadmin', 'research_admin', 'school_director'].includes(g.role));

  const columns: TableColumnsType<Competition> = [
    {
      title: t('competitions.colName'),
      dataIndex: 'name',
      render: (_: unknown, c) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center">
            <Typography.Text strong data-testid="competition-row-name">
              {c.name}
            </Typography.Text>
            {c.builtIn && <Tag>{t('competitions.builtIn')}</Tag>}
            {!c.active && <Tag color="default">{t('competitions.inactive')}</Tag>}
          </Flex>
          {c.workKinds.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.workKinds.map((k) => worksLabel(t, 'workKind', k)).join('、')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('competitions.colLevel'), dataIndex: 'level', width: 90, render: (v: Level) => levelLabel(t, v) },
    { title: t('competitions.colOrganiser'), dataIndex: 'organiser', width: 220, ellipsis: true },
    {
      title: t('competitions.colEditions'),
      key: 'editions',
      width: 300,
      render: (_: unknown, c) =>
        c.editions.length === 0 ? (
          <Typography.Text type="secondary">{t('competitions.noEditions')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {[...c.editions]
              .sort((a, b) => b.year - a.year)
              .slice(0, 3)
              .map((e) => (
                <Typography.Text key={e.id} type={e.deadline && e.deadline < today ? 'secondary' : undefined}>
                  {e.title}
                  {e.deadline ? ` · ${t('entries.deadline', { date: e.deadline })}` : ''}
                </Typography.Text>
              ))}
          </Flex>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, c) => (
        <Flex gap={4} wrap>
          {c.abilities.update && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="competition-edit">
              {t('common.edit')}
            </Button>
          )}
          {c.abilities.addEdition && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setAdding(c)}
              data-testid="competition-add-edition"
            >
              {t('competitions.addEdition')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('competitions.title')}
        subtitle={t('competitions.subtitle')}
        extra={
          canAdd && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="competition-add"
            >
              {t('competitions.add')}
            </Button>
          )
        }
      />
      <WorksNav />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('competitions.filterLevel')}
            value={level}
            onChange={(v?: Level) => setLevel(v)}
            options={levels.map((value) => ({ value, label: levelLabel(t, value) }))}
            style={{ width: 140 }}
          />
          <Input.Search
            allowClear
            placeholder={t('competitions.searchPlaceholder')}
            onSearch={(v) => setQ(v || undefined)}
            style={{ width: 240 }}
          />
        </Flex>
        <Table<Competition>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('competitions.empty')} /> }}
          data-testid="competitions-table"
        />
      </Card>
      {editing && (
        <CompetitionModal competition={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
      {adding && <EditionModal competition={adding} onClose={() => setAdding(null)} />}
    </>
  );
}
