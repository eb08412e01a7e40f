import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useShowError } from '../../components/feedback';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { LessonFormModal } from './LessonFormModal';
import { enumLabel } from './labels';
import { useLessons, useUpdateLesson } from './running.api';
import type { Lesson, RunningProject } from './running.types';

/** Marks a planned lesson as held on a date. */
function HeldCell({ projectId, lesson }: { projectId: string; lesson: Lesson }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateLesson(projectId);
  if (lesson.heldOn) return <Tag color="success">{t('running.lessons.heldAt', { date: lesson.heldOn })}</Tag>;
  if (!lesson.abilities.edit) return <Tag>{t('running.lessons.notHeld')}</Tag>;
  return (
    <DatePicker
      size="small"
      placeholder={t('running.lessons.markHeld')}
      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
      onChange={(date) => {
        if (!date) return;
        update.mutate(
          { id: lesson.id, version: lesson.version, heldOn: date.format('YYYY-MM-DD') },
          { onSuccess: () => message.success(t('common.saved')), onError: (e) => showError(e) },
        );
      }}
      data-testid="lesson-held"
    />
  );
}

/** 研究课（四定）: who teaches, when, what, in which form. */
export function LessonsTab({ project }: { project: RunningProject }) {
  const t = useT();
  const lessons = useLessons(project.id);
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<Lesson> = [
    {
      title: t('running.lessons.plannedOn'),
      dataIndex: 'plannedOn',
      width: 130,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.plannedOn.localeCompare(b.plannedOn),
    },
    { title: t('running.lessons.teacher'), dataIndex: 'teacherName', width: 140 },
    { title: t('running.lessons.content'), dataIndex: 'content' },
    {
      title: t('running.lessons.form'),
      dataIndex: 'form',
      width: 110,
      render: (f: string) => <Tag color="blue">{enumLabel(t, 'running.lessonForm', f)}</Tag>,
    },
    {
      title: t('running.lessons.heldOn'),
      key: 'held',
      width: 170,
      render: (_, lesson) => <HeldCell projectId={project.id} lesson={lesson} />,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('running.lessons.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="lesson-add">
          {t('running.lessons.add')}
        </Button>
      </Flex>
      <Table<Lesson>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={lessons.data?.items ?? []}
        loading={lessons.isFetching}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <EmptyState text={t('running.lessons.empty')} /> }}
        data-testid="lessons-table"
      />
      {adding && <LessonFormModal project={project} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
