import { DeleteOutlined, EditOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { type MessageKey, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { PlanItemModal } from './PlanItemModal';
import {
  type CalendarEntry,
  type Plan,
  type PlanItem,
  useCalendar,
  useCreatePlan,
  useDeleteItem,
  useOrgPlan,
  useSaveItem,
  useUpdatePlan,
} from './plans.api';
import { offersPlanMaking, usePlanScope } from './scope';

const KIND_COLORS: Record<CalendarEntry['kind'], string> = {
  plan_item: 'blue',
  call: 'volcano',
  monthly_report: 'gold',
  review: 'purple',
  competition: 'cyan',
};

const KIND_LABELS: Record<CalendarEntry['kind'], MessageKey> = {
  plan_item: 'plans.kind.plan_item',
  call: 'plans.kind.call',
  monthly_report: 'plans.kind.monthly_report',
  review: 'plans.kind.review',
  competition: 'plans.kind.competition',
};

/** '2026-10-05' → {m: 10, d: 5} for the plans.monthDay message. */
const md = (date: string) => ({ m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) });

/** 学期工作计划: the goals, then the months with their items and the deadlines that appear by themselves. */
export function PlansPage() {
  const t = useT();
  const me = useCurrentUser();
  const scope = usePlanScope();
  const plan = useOrgPlan(scope.orgId, scope.termId);
  const create = useCreatePlan();
  const showError = useShowError();
  const { message } = App.useApp();

  const tools = (
    <Space wrap>
      <Select
        value={scope.orgId}
        onChange={scope.setOrgId}
        options={scope.orgs.map((o) => ({ value: o.id, label: o.name }))}
        style={{ width: 240 }}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="plans-org"
      />
      <Select
        value={scope.termId}
        onChange={scope.setTermId}
        options={scope.terms.map((x) => ({ value: x.id, label: x.name }))}
        style={{ width: 240 }}
        data-testid="plans-term"
      />
      {plan.data && (
        <Button icon={<FileWordOutlined />} href={`/api/plans/${plan.data.id}/export.docx`} data-testid="plans-export">
          {t('plans.export')}
        </Button>
      )}
    </Space>
  );

  const make = (copyFromPrevious: boolean) => {
    if (!scope.orgId || !scope.termId) return;
    create.mutate(
      { orgId: scope.orgId, termId: scope.termId, copyFromPrevious },
      { onSuccess: () => message.success(t('plans.created')), onError: (e) => showError(e) },
    );
  };

  return (
    <>
      <PageHeader title={t('plans.title')} subtitle={t('plans.subtitle')} extra={tools} testId="plans-page" />
      {plan.isLoading ? (
        <Loading />
      ) : plan.data ? (
        <PlanBody plan={plan.data} />
      ) : (
        <Card>
          <Empty description={t('plans.none')}>
            {offersPlanMaking(me) && (
              <Space>
                <Button
                  type="primary"
                  onClick={() => make(false)}
                  loading={create.isPending}
                  data-testid="plans-create"
                >
                  {t('plans.create')}
                </Button>
                <Button onClick={() => make(true)} loading={create.isPending}>
                  {t('plans.copyPrevious')}
                </Button>
              </Space>
            )}
          </Empty>
        </Card>
      )}
    </>
  );
}

function PlanBody({ plan }: { plan: Plan }) {
  const t = useT();
  const calendar = useCalendar(plan.orgId, plan.startsOn, plan.endsOn);
  const [editing, setEditing] = useState<{ item?: PlanItem; month?: string } | null>(null);
  const deadlines = (calendar.data?.items ?? []).filter((e) => e.kind !== 'plan_item');
  const { done, total } = plan.progress;
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex align="center" gap={16} wrap>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="plan-title">
            {plan.title}
          </Typography.Title>
          <Progress
            percent={total ? Math.round((done / total) * 100) : 0}
            style={{ width: 200, margin: 0 }}
            size="small"
          />
          <Typography.Text type="secondary" data-testid="plan-progress">
            {t('plans.progress', { done, total })}
          </Typography.Text>
          {!plan.abilities.update && <Tag>{t('plans.readOnly')}</Tag>}
        </Flex>
      </Card>
      <GoalsCard plan={plan} />
      <Row gutter={[16, 16]}>
        {plan.months.map((m) => (
          <Col key={m} xs={24} lg={12} xxl={8}>
            <MonthCard
              plan={plan}
              month={m}
              items={plan.items.filter((i) => i.month === m)}
              deadlines={deadlines.filter((d) => d.month === m)}
              onEdit={(item) => setEditing({ item })}
              onAdd={() => setEditing({ month: m })}
            />
          </Col>
        ))}
      </Row>
      <PlanItemModal
        plan={plan}
        item={editing?.item}
        month={editing?.month}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}

function GoalsCard({ plan }: { plan: Plan }) {
  const t = useT();
  const update = useUpdatePlan();
  const showError = useShowError();
  const [draft, setDraft] = useState<string | null>(null);
  const save = () =>
    update.mutate(
      { id: plan.id, version: plan.version, goals: draft ?? '' },
      { onSuccess: () => setDraft(null), onError: (e) => showError(e) },
    );
  return (
    <Card
      size="small"
      title={t('plans.goals')}
      extra={
        plan.abilities.update &&
        (draft === null ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setDraft(plan.goals)}>
            {t('plans.editGoals')}
          </Button>
        ) : (
          <Button size="small" type="primary" onClick={save} loading={update.isPending}>
            {t('plans.saveGoals')}
          </Button>
        ))
      }
    >
      {draft !== null ? (
        <Input.TextArea value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 3 }} />
      ) : plan.goals.trim() ? (
        plan.goals.split('\n').map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text block, never reordered
          <Typography.Paragraph key={i} style={{ marginBottom: 4 }}>
            {line}
          </Typography.Paragraph>
        ))
      ) : (
        <Typography.Text type="secondary">{t('plans.goalsEmpty')}</Typography.Text>
      )}
    </Card>
  );
}

function MonthCard(props: {
  plan: Plan;
  month: string;
  items: PlanItem[];
  deadlines: CalendarEntry[];
  onEdit: (item: PlanItem) => void;
  onAdd: () => void;
}) {
  const { plan, month, items, deadlines } = props;
  const t = useT();
  const save = useSaveItem();
  const remove = useDeleteItem();
  const showError = useShowError();
  const toggle = (item: PlanItem, done: boolean) =>
    save.mutate({ planId: plan.id, item, body: { done } }, { onError: (e) => showError(e) });
  return (
    <Card
      size="small"
      title={t('plans.monthTitle', { month: Number(month.slice(5)) })}
      data-testid={`plan-month-${month}`}
      extra={
        plan.abilities.manageItems && (
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            onClick={props.onAdd}
            data-testid={`plan-add-${month}`}
          >
            {t('plans.addItem')}
          </Button>
        )
      }
    >
      {items.length === 0 && deadlines.length === 0 && (
        <Typography.Text type="secondary">{t('plans.monthEmpty')}</Typography.Text>
      )}
      <Flex vertical gap={8}>
        {items.map((item, i) => (
          <Flex key={item.id} align="start" gap={8} data-testid="plan-item">
            <Checkbox
              checked={item.done}
              disabled={!item.abilities.update || save.isPending}
              onChange={(e) => toggle(item, e.target.checked)}
              data-testid="plan-item-done"
            />
            <Flex vertical style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text delete={item.done}>
                {i + 1}. {item.title}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  item.ownerName ?? item.ownerText,
                  item.dueOn ? `${t('plans.itemDue')} ${t('plans.monthDay', md(item.dueOn))}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
                {item.overdue && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('plans.overdue')}
                  </Tag>
                )}
              </Typography.Text>
            </Flex>
            {item.abilities.update && (
              <Space size={0}>
                <Button size="small" type="text" icon={<EditOutlined />} onClick={() => props.onEdit(item)} />
                <Popconfirm
                  title={t('plans.deleteConfirm')}
                  onConfirm={() =>
                    remove.mutate({ planId: plan.id, itemId: item.id }, { onError: (e) => showError(e) })
                  }
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            )}
          </Flex>
        ))}
        {deadlines.map((d) => (
          <Flex key={`${d.kind}-${d.sourceId}`} align="start" gap={8} data-testid="plan-deadline">
            <Tag color={KIND_COLORS[d.kind]} style={{ marginInlineEnd: 0 }}>
              {t(KIND_LABELS[d.kind])}
            </Tag>
            <Flex vertical style={{ flex: 1, minWidth: 0 }}>
              {d.link ? <Link to={d.link}>{d.title}</Link> : <Typography.Text>{d.title}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[d.date ? `${t('plans.deadline')} ${t('plans.monthDay', md(d.date))}` : null, d.detail]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </Flex>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
