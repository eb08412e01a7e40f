import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { OrgNode } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Forbidden, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { levels, planPeriods } from '../projects/projects.api';
import { CallKindsField } from './CallKindsField';
import { CallQuotasField } from './CallQuotasField';
import {
  type Call,
  type CallInput,
  type CallKindRule,
  type ProjectKind,
  useCall,
  useCreateCall,
  useUpdateCall,
} from './calls.api';
import { chinaTime } from './callText';

interface KindValues {
  kind?: ProjectKind;
  bornOnOrAfter?: Dayjs | null;
  ruralOnly?: boolean;
  minShare?: number | null;
  outsideQuota?: boolean;
}

interface CallValues {
  title: string;
  orgId?: string;
  levels: CallInput['levels'];
  window?: [Dayjs, Dayjs];
  closesAt: Dayjs;
  planPeriod?: string;
  numberFormat?: string;
  description?: string;
  guide?: string;
  kinds: KindValues[];
  quotas: { orgId?: string; count?: number }[];
}

const issuerRoles = new Set(['sysadmin', 'research_admin', 'school_director']);

/** A time of day ('HH:mm') as the TimePicker's value. */
function clockTime(hhmm: string): Dayjs {
  const [hour, minute] = hhmm.split(':').map(Number);
  return dayjs().hour(hour).minute(minute).second(0);
}

function toValues(call: Call): CallValues {
  return {
    title: call.title,
    orgId: call.orgId,
    levels: call.levels,
    window: [dayjs(call.opensOn), dayjs(call.closesOn)],
    closesAt: clockTime(chinaTime(call.closesAt).slice(11)),
    planPeriod: call.planPeriod ?? undefined,
    numberFormat: call.numberFormat,
    description: call.description ?? undefined,
    guide: call.guide.join('\n'),
    kinds: call.kinds.map((rule) => ({
      ...rule,
      bornOnOrAfter: rule.bornOnOrAfter ? dayjs(rule.bornOnOrAfter) : null,
      minShare: rule.minShare === undefined ? null : Math.round(rule.minShare * 100),
    })),
    quotas: call.quotas.map((quota) => ({ orgId: quota.orgId, count: quota.count })),
  };
}

function toKind(values: KindValues): CallKindRule[] {
  if (!values.kind) return [];
  const rule: CallKindRule = { kind: values.kind };
  if (values.bornOnOrAfter) rule.bornOnOrAfter = values.bornOnOrAfter.format('YYYY-MM-DD');
  if (values.ruralOnly) rule.ruralOnly = true;
  if (values.minShare) rule.minShare = values.minShare / 100;
  if (values.outsideQuota) rule.outsideQuota = true;
  return [rule];
}

function toInput(values: CallValues, orgId: string): CallInput {
  const [opens, closes] = values.window ?? [dayjs(), dayjs()];
  return {
    title: values.title,
    orgId,
    levels: values.levels,
    opensOn: opens.format('YYYY-MM-DD'),
    closesOn: closes.format('YYYY-MM-DD'),
    closesAt: values.closesAt.format('HH:mm'),
    planPeriod: values.planPeriod || undefined,
    numberFormat: values.numberFormat?.trim() || undefined,
    description: values.description ?? '',
    guide: (values.guide ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    kinds: values.kinds.flatMap(toKind),
    quotas: values.quotas.flatMap((quota) =>
      quota.orgId && quota.count !== undefined ? [{ orgId: quota.orgId, count: quota.count }] : [],
    ),
  };
}

/** Orgs strictly below `orgId` (no teaching groups): the candidates for quotas. */
function subordinates(tree: OrgNode[], orgId: string | undefined): OrgNode[] {
  const node = flattenOrgs(tree).find((org) => org.id === orgId);
  return node ? flattenOrgs(node.children).filter((org) => org.kind !== 'group') : [];
}

/** 发布/编辑申报通知: window (closing 17:00 by default), levels, guide, kinds and quotas. */
export function CallFormPage() {
  const { id } = useParams();
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<CallValues>();
  const existing = useCall(id);
  const tree = useOrgTree();
  const create = useCreateCall();
  const update = useUpdateCall();
  const orgId = Form.useWatch('orgId', form);
  const sysadmin = me.roles.some((grant) => grant.role === 'sysadmin');
  const issuers = useMemo(() => {
    const all = flattenOrgs(tree.data ?? []).filter((org) => org.kind !== 'group');
    if (sysadmin) return all;
    const mine = new Set(me.roles.filter((g) => issuerRoles.has(g.role) && g.orgId).map((g) => g.orgId));
    return all.filter((org) => mine.has(org.id));
  }, [tree.data, me.roles, sysadmin]);
  const quotaOrgs = useMemo(() => subordinates(tree.data ?? [], orgId), [tree.data, orgId]);

  if ((id && existing.isPending) || tree.isPending) return <Loading height={400} />;
  if (id && existing.isError) return <EmptyState text={existing.error.message} />;
  if (existing.data && !existing.data.abilities.update) return <Forbidden />;
  if (!id && issuers.length === 0) return <EmptyState text={t('callForm.noOrg')} />;

  const initialValues: CallValues = existing.data
    ? toValues(existing.data)
    : {
        title: '',
        orgId: issuers.find((org) => org.id === me.orgId)?.id ?? issuers[0]?.id,
        levels: [],
        closesAt: clockTime('17:00'),
        numberFormat: '{year}-KT-{seq:3}',
        kinds: [],
        quotas: [],
      };

  const save = (values: CallValues) => {
    const input = toInput(values, values.orgId ?? '');
    const onError = (error: unknown) => showError(error, { form, conflict: 'common.conflict' });
    if (existing.data) {
      update.mutate(
        { ...input, id: existing.data.id, version: existing.data.version },
        {
          onSuccess: (call) => {
            message.success(t('common.saved'));
            navigate(`/calls/${call.id}`);
          },
          onError,
        },
      );
      return;
    }
    create.mutate(input, {
      onSuccess: (call) => {
        message.success(t('callForm.created'));
        navigate(`/calls/${call.id}`);
      },
      onError,
    });
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const requiredSelect = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];

  return (
    <>
      <Link to={existing.data ? `/calls/${existing.data.id}` : '/calls'}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('call.back')}
        </Button>
      </Link>
      <PageHeader title={t(existing.data ? 'callForm.editTitle' : 'callForm.createTitle')} />
      <Form<CallValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={save}
        data-testid="call-form"
      >
        <Card title={t('call.basic')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} lg={16}>
              <Form.Item name="title" label={t('callForm.title')} rules={required(t('callForm.title'))}>
                <Input placeholder={t('callForm.titlePlaceholder')} maxLength={200} data-testid="call-form-title" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="orgId" label={t('callForm.org')} rules={requiredSelect(t('callForm.org'))}>
                <Select
                  disabled={Boolean(existing.data)}
                  options={issuers.map((org) => ({ value: org.id, label: org.name }))}
                  onChange={() => form.setFieldValue('quotas', [])}
                  data-testid="call-form-org"
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="levels" label={t('callForm.levels')} rules={requiredSelect(t('callForm.levels'))}>
                <Select
                  mode="multiple"
                  options={levels.map((value) => ({ value, label: t(`level.${value}`) }))}
                  data-testid="call-form-levels"
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10}>
              <Form.Item
                name="window"
                label={`${t('callForm.opensOn')} — ${t('callForm.closesOn')}`}
                rules={requiredSelect(t('call.window'))}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} data-testid="call-form-window" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={6}>
              <Form.Item
                name="closesAt"
                label={t('callForm.closesAt')}
                extra={t('call.closesAtHint')}
                rules={requiredSelect(t('callForm.closesAt'))}
              >
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="planPeriod" label={t('callForm.planPeriod')}>
                <Select allowClear options={planPeriods.map((value) => ({ value, label: value }))} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="numberFormat" label={t('callForm.numberFormat')} extra={t('callForm.numberFormatHelp')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="description" label={t('callForm.description')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={10000} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="guide" label={t('callForm.guide')} extra={t('callForm.guideHelp')}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} data-testid="call-form-guide" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('callForm.kinds')} style={{ marginBottom: 16 }}>
          <CallKindsField />
        </Card>
        <Card title={t('callForm.quotas')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('callForm.quotasHelp')}</Typography.Paragraph>
          <CallQuotasField orgs={quotaOrgs} />
        </Card>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="call-form-save"
        >
          {existing.data ? t('common.save') : t('callForm.publish')}
        </Button>
      </Form>
    </>
  );
}
