import { BellOutlined, CheckCircleFilled } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  Input,
  Progress,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { OrgNode } from '../../api/types';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';
import { usePeople } from '../people/people.api';
import { officeLabel, rowTestId } from './labels';
import { type ComplianceItem, type RuleKey, ruleKeys, type Scope } from './office.api';
import { RecordsDrawer } from './RecordsDrawer';
import { RemindModal } from './RemindModal';

/** One teacher's line of the matrix: their item per rule. */
interface MatrixRow {
  personId: string;
  personName: string;
  groups: { id: string; name: string }[];
  byRule: Map<string, ComplianceItem>;
  behind: number;
}

/** The rules present in the answer, in their usual order first. */
function rulesOf(items: ComplianceItem[]): RuleKey[] {
  const present = new Set(items.map((item) => item.rule));
  return ruleKeys.filter((rule) => present.has(rule));
}

function rowsOf(items: ComplianceItem[], groupsOf: Map<string, { id: string; name: string }[]>): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const item of items) {
    const row = rows.get(item.personId) ?? {
      personId: item.personId,
      personName: item.personName,
      groups: groupsOf.get(item.personId) ?? [],
      byRule: new Map(),
      behind: 0,
    };
    row.byRule.set(item.rule, item);
    if (!item.met) row.behind += 1;
    rows.set(item.personId, row);
  }
  return [...rows.values()];
}

/** 达标情况 of a school: teacher × rule, filters, the records behind a cell, reminders. */
export function ComplianceMatrix(props: {
  scope: Scope;
  school: OrgNode | undefined;
  items: ComplianceItem[];
  loading: boolean;
  canRemind: boolean;
}) {
  const t = useT();
  const [groupId, setGroupId] = useState<string>();
  const [rule, setRule] = useState<RuleKey>();
  const [onlyBehind, setOnlyBehind] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<ComplianceItem | null>(null);
  const [reminding, setReminding] = useState(false);

  // group memberships come from the roster (a teacher may sit in a subject and a grade group)
  const people = usePeople({ orgId: props.scope.orgId }, 1, 200);
  const groupsOf = useMemo(
    () => new Map((people.data?.items ?? []).map((person) => [person.id, person.groups])),
    [people.data],
  );
  const groups = (props.school?.children ?? []).filter((node) => node.kind === 'group');
  const rules = rulesOf(props.items);
  const shownRules = rule ? rules.filter((key) => key === rule) : rules;

  const rows = rowsOf(props.items, groupsOf).filter((row) => {
    if (groupId && !row.groups.some((group) => group.id === groupId)) return false;
    if (q && !row.personName.includes(q.trim())) return false;
    if (onlyBehind) return shownRules.some((key) => row.byRule.get(key)?.met === false);
    return true;
  });
  // reminders go to those behind schedule as of today (the server sends to no one else)
  const behindItems = rows.flatMap((row) =>
    shownRules
      .map((key) => row.byRule.get(key))
      .filter((item): item is ComplianceItem => item !== undefined && !item.met && item.behindToDate > 0),
  );

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('compliance.teacher'),
      dataIndex: 'personName',
      fixed: 'left',
      width: 120,
      sorter: (a, b) => a.personName.localeCompare(b.personName, 'zh-CN'),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('compliance.group'),
      key: 'groups',
      width: 160,
      responsive: ['md'],
      render: (_: unknown, row) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.groups.map((group) => group.name).join('、') || t('common.none')}
        </Typography.Text>
      ),
    },
    ...shownRules.map((key) => ({
      title: <RuleHeader rule={key} items={rows.map((row) => row.byRule.get(key))} />,
      key,
      width: 130,
      align: 'center' as const,
      sorter: (a: MatrixRow, b: MatrixRow) => (a.byRule.get(key)?.behind ?? -1) - (b.byRule.get(key)?.behind ?? -1),
      render: (_: unknown, row: MatrixRow) => <Cell item={row.byRule.get(key)} onOpen={setOpen} />,
    })),
  ];

  return (
    <Card>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          value={groupId}
          onChange={setGroupId}
          placeholder={t('compliance.allGroups')}
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          style={{ width: 180 }}
          data-testid="compliance-group"
        />
        <Select
          allowClear
          value={rule}
          onChange={setRule}
          placeholder={t('compliance.allRules')}
          options={rules.map((key) => ({ value: key, label: officeLabel(t, 'ruleKey', key) }))}
          style={{ width: 160 }}
          data-testid="compliance-rule"
        />
        <Input.Search
          allowClear
          placeholder={t('compliance.searchTeacher')}
          onSearch={setQ}
          style={{ width: 180 }}
          data-testid="compliance-search"
        />
        <Flex gap={6} align="center">
          <Switch checked={onlyBehind} onChange={setOnlyBehind} data-testid="compliance-only-behind" />
          <Typography.Text>{t('compliance.onlyBehind')}</Typography.Text>
        </Flex>
        <div style={{ flex: 1 }} />
        {props.canRemind && (
          <Button icon={<BellOutlined />} onClick={() => setReminding(true)} data-testid="compliance-remind">
            {t('compliance.remind')}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
        {t('compliance.legend')}
      </Typography.Text>
      <Table<MatrixRow>
        rowKey="personId"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={props.loading}
        scroll={{ x: 280 + shownRules.length * 130 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{
          emptyText: <EmptyState text={props.items.length ? t('compliance.emptyFiltered') : t('compliance.empty')} />,
        }}
        onRow={(row) => rowTestId(`compliance-row-${row.personId}`)}
        data-testid="compliance-matrix"
      />
      <RecordsDrawer item={open} onClose={() => setOpen(null)} />
      <RemindModal
        open={reminding}
        scope={props.scope}
        rule={rule}
        items={behindItems}
        onClose={() => setReminding(false)}
      />
    </Card>
  );
}

/** A column header: the rule and how many of the shown teachers meet it. */
function RuleHeader({ rule, items }: { rule: string; items: (ComplianceItem | undefined)[] }) {
  const t = useT();
  const counted = items.filter((item): item is ComplianceItem => item !== undefined);
  const met = counted.filter((item) => item.met).length;
  return (
    <Flex vertical align="center" gap={2} data-testid={`compliance-head-${rule}`}>
      <span>{officeLabel(t, 'ruleKey', rule)}</span>
      <Progress
        percent={counted.length ? Math.round((met / counted.length) * 100) : 0}
        size={[80, 4]}
        showInfo={false}
        strokeColor="#52c41a"
      />
      <Typography.Text type="secondary" style={{ fontSize: 11, fontWeight: 'normal' }}>
        {t('compliance.summaryMet', { met, total: counted.length })}
      </Typography.Text>
    </Flex>
  );
}

/** A cell: ✓ actual/required when met, “差 N” when behind, — when the rule does not apply to the teacher. */
function Cell({ item, onOpen }: { item: ComplianceItem | undefined; onOpen: (item: ComplianceItem) => void }) {
  const t = useT();
  if (!item) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('compliance.notApplicable')}
      </Typography.Text>
    );
  }
  return (
    <Button
      type="text"
      size="small"
      onClick={() => onOpen(item)}
      data-testid={`compliance-cell-${item.personId}-${item.rule}`}
      data-met={item.met}
      data-behind={item.behind}
      data-actual={item.actual}
    >
      {item.met ? (
        <Flex gap={4} align="center">
          <CheckCircleFilled style={{ color: '#52c41a' }} />
          <span>{t('compliance.metCell', { actual: item.actual, required: item.required })}</span>
        </Flex>
      ) : (
        <Tooltip
          title={
            item.behindToDate > 0
              ? t('compliance.behindToDate', { n: item.behindToDate, due: item.dueToDate })
              : t('compliance.onTrack', { due: item.dueToDate })
          }
        >
          <Tag color={item.behindToDate > 0 ? 'error' : 'warning'} style={{ marginInlineEnd: 0 }}>
            {t('compliance.behindCell', { n: item.behind })}
            <Typography.Text type="secondary" style={{ fontSize: 11, marginLeft: 4 }}>
              {t('compliance.metCell', { actual: item.actual, required: item.required })}
            </Typography.Text>
          </Tag>
        </Tooltip>
      )}
    </Button>
  );
}
