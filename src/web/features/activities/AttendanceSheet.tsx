import { CheckOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Radio, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type CSSProperties, useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { type Activity, type AttendanceStatus, attendanceStatuses, useSaveAttendance } from './activities.api';
import { statusColours } from './labels';
import { useSchoolsWithGroups } from './OrgSelect';

const markedStyles: Record<'leave' | 'absent', CSSProperties> = {
  leave: { background: '#fa8c16', borderColor: '#fa8c16', color: '#fff' },
  absent: { background: '#f5222d', borderColor: '#f5222d', color: '#fff' },
};

interface Row {
  personId: string;
  name: string;
  note?: string;
}

/**
 * The organiser's members: a group's members, a project's research team when a school-level
 * activity belongs to a project (课题组活动), or otherwise the school's teachers.
 */
function useMembers(orgId: string, projectId: string | null | undefined) {
  const { byId, loading } = useSchoolsWithGroups();
  const isGroup = byId.get(orgId)?.kind === 'group';
  const byProject = !isGroup && Boolean(projectId);
  return useQuery({
    queryKey: ['people', 'members', orgId, isGroup, byProject ? projectId : null],
    queryFn: async (): Promise<{ id: string; name: string; groups: { name: string }[] }[]> => {
      if (byProject && projectId) {
        const project = await api.get<{ members: { personId: string; name: string }[] }>(`/api/projects/${projectId}`);
        return project.members.map((m) => ({ id: m.personId, name: m.name, groups: [] }));
      }
      return (
        await api.get<Page<Person>>('/api/people', { ...(isGroup ? { groupId: orgId } : { orgId }), pageSize: 200 })
      ).items;
    },
    enabled: !loading,
  });
}

/** 考勤: each member of the organiser with 出席/请假/缺席, saved as one sheet, with counts. */
export function AttendanceSheet({ activity }: { activity: Activity }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const members = useMembers(activity.orgId, activity.projectId);
  const save = useSaveAttendance(activity.id);
  const canEdit = activity.abilities?.attendance ?? activity.abilities?.edit ?? true;

  const saved = useMemo(() => {
    const map = new Map<string, AttendanceStatus>();
    for (const entry of activity.attendance ?? []) map.set(entry.personId, entry.status);
    return map;
  }, [activity.attendance]);

  const rows = useMemo<Row[]>(() => {
    const list: Row[] = (members.data ?? []).map((person) => ({
      personId: person.id,
      name: person.name,
      note: person.groups.map((group) => group.name).join('、') || undefined,
    }));
    const known = new Set(list.map((row) => row.personId));
    // people on the saved sheet who are no longer members stay visible
    for (const entry of activity.attendance ?? []) {
      if (!known.has(entry.personId)) {
        list.push({ personId: entry.personId, name: entry.name ?? entry.personName ?? entry.personId });
      }
    }
    return list;
  }, [members.data, activity.attendance]);

  const [sheet, setSheet] = useState<Map<string, AttendanceStatus>>(new Map());
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    // a sheet never taken starts with everyone present (the usual case); otherwise what was saved
    const next = new Map(saved);
    if (saved.size === 0) for (const row of rows) next.set(row.personId, 'present');
    setSheet(next);
    setDirty(saved.size === 0 && rows.length > 0);
  }, [saved, rows]);

  const counts = { present: 0, leave: 0, absent: 0, total: rows.length };
  for (const row of rows) {
    const status = sheet.get(row.personId);
    if (status) counts[status] += 1;
  }

  const mark = (personId: string, status: AttendanceStatus) => {
    setSheet((current) => new Map(current).set(personId, status));
    setDirty(true);
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('attendanceSheet.colName'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <div>
          <Typography.Text strong>{name}</Typography.Text>
          {row.note && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {row.note}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('attendanceSheet.colStatus'),
      key: 'status',
      width: 260,
      render: (_: unknown, row) => {
        const status = sheet.get(row.personId);
        if (!canEdit) {
          return status ? <Tag color={statusColours[status]}>{t(`attendance.${status}`)}</Tag> : t('common.none');
        }
        return (
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={status}
            onChange={(event) => mark(row.personId, event.target.value)}
            options={attendanceStatuses.map((value) => ({
              value,
              label: t(`attendance.${value}`),
              // 请假 and 缺席 stand out from the usual 出席
              style: status === value && value !== 'present' ? markedStyles[value] : undefined,
            }))}
            data-testid={`attendance-${row.personId}`}
          />
        );
      },
    },
  ];

  const submit = () => {
    const body = rows
      .map((row) => ({ personId: row.personId, status: sheet.get(row.personId) }))
      .filter((entry): entry is { personId: string; status: AttendanceStatus } => Boolean(entry.status));
    save.mutate(body, {
      onSuccess: () => {
        message.success(t('attendanceSheet.saved'));
        setDirty(false);
      },
      onError: (error) => showError(error),
    });
  };

  return (
    <Card
      title={t('attendanceSheet.title')}
      extra={
        canEdit && (
          <Flex gap={8} align="center">
            {dirty && (
              <Typography.Text type="warning" data-testid="attendance-unsaved">
                {t('attendanceSheet.unsaved')}
              </Typography.Text>
            )}
            <Button
              icon={<CheckOutlined />}
              onClick={() => {
                setSheet(new Map(rows.map((row) => [row.personId, 'present'])));
                setDirty(true);
              }}
              data-testid="attendance-all-present"
            >
              {t('attendanceSheet.allPresent')}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              onClick={submit}
              loading={save.isPending}
              disabled={rows.length === 0}
              data-testid="attendance-save"
            >
              {t('attendanceSheet.save')}
            </Button>
          </Flex>
        )
      }
      data-testid="attendance-sheet"
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Flex gap={6} wrap data-testid="attendance-counts" aria-label={t('attendanceSheet.counts', counts)}>
          {attendanceStatuses.map((value) => (
            <Tag
              key={value}
              color={statusColours[value]}
              style={{ marginInlineEnd: 0 }}
              data-testid={`attendance-count-${value}`}
            >
              {t(`attendance.${value}`)} {counts[value]}
            </Tag>
          ))}
          <Typography.Text>{t('attendanceSheet.total', { n: counts.total })}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">· {t('attendanceSheet.hint')}</Typography.Text>
      </Flex>
      {!canEdit && <Alert type="info" showIcon title={t('attendanceSheet.readOnly')} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={members.isPending}
        pagination={false}
        locale={{ emptyText: members.isError ? members.error.message : t('attendanceSheet.empty') }}
        data-testid="attendance-table"
      />
    </Card>
  );
}
