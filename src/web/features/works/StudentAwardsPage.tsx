import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { mayImport } from '../../components/XlsxImportModal';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { managesSchool } from '../growth/labels';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { type PersonOption, PersonSelect } from '../projects/PersonSelect';
import { type Level, levels } from '../projects/projects.api';
import { levelLabel, ResultTag, worksLabel } from './labels';
import { type ScopeTerm, ScopeTermBar } from './ScopeTermBar';
import { StudentAwardImportModal } from './StudentAwardImportModal';
import { WorksNav } from './WorksNav';
import {
  type AwardResult,
  awardResults,
  type StudentAward,
  useDeleteStudentAward,
  useSaveStudentAward,
  useStudentAwards,
} from './works.api';

interface StudentAwardValues {
  personId?: string;
  studentName: string;
  className?: string;
  competition: string;
  title?: string;
  level: Level;
  result: AwardResult;
  awardedOn: Dayjs;
}

/** 登记/编辑 指导学生获奖: the guiding teacher (the caller unless the office records it), student, competition, result. */
function StudentAwardModal({ award, onClose }: { award?: StudentAward; onClose: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveStudentAward();
  const [form] = Form.useForm<StudentAwardValues>();
  const forOthers = managesSchool(me.roles);
  const known: PersonOption[] = [
    { id: me.id, name: me.name },
    ...(award ? [{ id: award.personId, name: award.personName }] : []),
  ];

  const submit = (values: StudentAwardValues) => {
    const body = {
      studentName: values.studentName.trim(),
      className: values.className?.trim() || undefined,
      competition: values.competition.trim(),
      title: values.title?.trim() || undefined,
      level: values.level,
      result: values.result,
      awardedOn: values.awardedOn.format('YYYY-MM-DD'),
    };
    save.mutate(award ? { id: award.id, version: award.version, ...body } : { ...body, personId: values.personId }, {
      onSuccess: () => {
        message.success(t('studentAwards.saved'));
        onClose();
      },
      onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
    });
  };

  return (
    <Modal
      open
      title={t(award ? 'studentAwards.editTitle' : 'studentAwards.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'student-award-submit' }}
      destroyOnHidden
    >
      <Form<StudentAwardValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          award
            ? {
                personId: award.personId,
                studentName: award.studentName,
                className: award.className ?? undefined,
                competition: award.competition,
                title: award.title,
                level: award.level,
                result: award.result,
                awardedOn: dayjs(award.awardedOn),
              }
            : { personId: me.id, level: 'district', result: 'first', awardedOn: dayjs() }
        }
        data-testid="student-award-form"
      >
        {forOthers && (
          <Form.Item name="personId" label={t('studentAwards.teacher')} rules={[{ required: true }]}>
            <PersonSelect known={known} testId="student-award-teacher" />
          </Form.Item>
        )}
        <Flex gap={12}>
          <Form.Item
            name="studentName"
            label={t('studentAwards.student')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('studentAwards.student') }),
              },
            ]}
            style={{ flex: 1 }}
          >
            <Input maxLength={50} data-testid="student-award-student" />
          </Form.Item>
          <Form.Item name="className" label={t('studentAwards.className')} style={{ flex: 1 }}>
            <Input maxLength={50} placeholder="四(2)班" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="competition"
          label={t('studentAwards.competition')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('studentAwards.competition') }),
            },
          ]}
        >
          <Input maxLength={200} data-testid="student-award-competition" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="level" label={t('studentAwards.level')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={levels.map((value) => ({ value, label: levelLabel(t, value) }))} />
          </Form.Item>
          <Form.Item name="result" label={t('studentAwards.result')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={awardResults.map((value) => ({ value, label: worksLabel(t, 'awardResult', value) }))} />
          </Form.Item>
          <Form.Item
            name="awardedOn"
            label={t('studentAwards.awardedOn')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** 指导学生获奖: the awards of students a teacher guided, per scope and term; a teacher adds their own. */
export function StudentAwardsPage() {
  const t = useT();
  const showError = useShowError();
  const [scope, setScope] = useState<ScopeTerm>({});
  const onScope = useCallback((next: ScopeTerm) => setScope(next), []);
  const [page, setPage] = useState(1);
  const me = useCurrentUser();
  const [importing, setImporting] = useState(false);
  const tree = useOrgTree();
  const schools = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind === 'school'), [tree.data]);
  const list = useStudentAwards(scope, page, 50);
  const remove = useDeleteStudentAward();
  const [editing, setEditing] = useState<StudentAward | 'new' | null>(null);

  const columns: TableColumnsType<StudentAward> = [
    { title: t('studentAwards.teacher'), dataIndex: 'personName', width: 110 },
    {
      title: t('studentAwards.student'),
      key: 'student',
      width: 150,
      render: (_: unknown, a) => (a.className ? `${a.studentName}（${a.className}）` : a.studentName),
    },
    { title: t('studentAwards.competition'), dataIndex: 'competition' },
    { title: t('studentAwards.level'), dataIndex: 'level', width: 80, render: (v: Level) => levelLabel(t, v) },
    {
      title: t('studentAwards.result'),
      key: 'result',
      width: 90,
      render: (_: unknown, a) => <ResultTag result={a.result} t={t} />,
    },
    { title: t('studentAwards.awardedOn'), dataIndex: 'awardedOn', width: 110 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, a) => (
        <Flex gap={4}>
          {a.abilities.update && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(a)} />}
          {a.abilities.delete && (
            <Popconfirm
              title={t('studentAwards.deleteConfirm')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(a.id).catch((error: unknown) => showError(error))}
            >
              <Button size="small" danger icon={<DeleteOutlined />} />
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('studentAwards.title')}
        extra={
          <Space>
            {mayImport(me.roles) && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="student-awards-import-button"
              >
                {t('studentAwardImport.button')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="student-award-add"
            >
              {t('studentAwards.add')}
            </Button>
          </Space>
        }
      />
      <WorksNav />
      <Card>
        <ScopeTermBar value={scope} onChange={onScope} />
        <Table<StudentAward>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 860 }}
          locale={{ emptyText: <EmptyState text={list.isError ? list.error.message : t('studentAwards.empty')} /> }}
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
          data-testid="student-awards-table"
        />
      </Card>
      {importing && <StudentAwardImportModal schools={schools} onClose={() => setImporting(false)} />}
      {editing && (
        <StudentAwardModal award={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
