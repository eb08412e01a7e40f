import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { type Call, type ProjectKind, projectKinds, useCall, useCalls } from '../calls/calls.api';
import { callWindow, kindRuleText } from '../calls/callText';
import { flattenOrgs, useOrgTree } from '../orgs/orgs.api';
import { isProjectKind } from './labels';
import type { PersonOption } from './PersonSelect';
import { PersonSelect } from './PersonSelect';
import { MembersField, OutcomesField, SectionsFields } from './ProjectFormFields';
import {
  type ExpectedOutcome,
  type Level,
  levels,
  type MemberRole,
  type Project,
  type ProjectInput,
  type ProjectSections,
  planPeriods,
  useCreateProject,
  useProject,
  useUpdateProject,
} from './projects.api';

interface ProjectValues {
  title: string;
  callId?: string;
  level?: Level;
  kind?: ProjectKind;
  subject?: string;
  planPeriod?: string;
  orgId?: string;
  hostId?: string;
  members: { personId?: string; role: MemberRole }[];
  sections: ProjectSections;
  expectedOutcomes: Partial<ExpectedOutcome>[];
  dates?: [Dayjs | null, Dayjs | null] | null;
}

function toValues(p: Project): ProjectValues {
  return {
    title: p.title,
    callId: p.callId ?? undefined,
    level: p.level,
    kind: isProjectKind(p.kind) ? p.kind : undefined,
    subject: p.subject ?? undefined,
    planPeriod: p.planPeriod ?? undefined,
    orgId: p.orgId,
    hostId: p.hostId,
    members: p.members.filter((m) => m.role !== 'host').map((m) => ({ personId: m.personId, role: m.role })),
    sections: { ...p.sections, budget: p.sections.budget ?? '' },
    expectedOutcomes: p.expectedOutcomes,
    dates: p.startsOn || p.endsOn ? [p.startsOn ? dayjs(p.startsOn) : null, p.endsOn ? dayjs(p.endsOn) : null] : null,
  };
}

function toInput(v: ProjectValues): ProjectInput {
  const [starts, ends] = v.dates ?? [null, null];
  return {
    title: v.title,
    callId: v.callId,
    level: v.level ?? 'school',
    kind: v.kind ?? 'general',
    orgId: v.orgId ?? '',
    hostId: v.hostId ?? '',
    subject: v.subject?.trim() || undefined,
    planPeriod: v.planPeriod,
    members: v.members.flatMap((m) => (m.personId ? [{ personId: m.personId, role: m.role }] : [])),
    expectedOutcomes: v.expectedOutcomes.flatMap((o) => (o.kind && o.count ? [{ kind: o.kind, count: o.count }] : [])),
    sections: { ...v.sections, budget: v.sections.budget?.trim() ? v.sections.budget : undefined },
    startsOn: starts ? starts.format('YYYY-MM-DD') : null,
    endsOn: ends ? ends.format('YYYY-MM-DD') : null,
  };
}

/**
 * Levels a call admits (all when no call is chosen) and the kinds on offer: every kind, since a call's
 * kind rules only add conditions (年龄、乡村学校、占比) to some kinds and never close the others.
 */
function callChoices(call: Call | undefined) {
  return { levels: call ? call.levels : [...levels], kinds: [...projectKinds] };
}

/** 申报书: create (/projects/new, ?callId= preselects) or edit a draft (/projects/:id/edit). */
export function ProjectFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ProjectValues>();
  const existing = useProject(id);
  const openCalls = useCalls('open', 1, 100);
  const tree = useOrgTree();
  const create = useCreateProject();
  const update = useUpdateProject();
  const [stale, setStale] = useState(false);
  const callId = Form.useWatch('callId', form) ?? (id ? undefined : (params.get('callId') ?? undefined));
  const kind = Form.useWatch('kind', form);
  const orgId = Form.useWatch('orgId', form);
  const chosenCall = useCall(callId);
  const schools = useMemo(() => flattenOrgs(tree.data ?? []).filter((node) => node.kind === 'school'), [tree.data]);
  const callData = chosenCall.data;
  const ready = !(id && existing.isPending) && !tree.isPending;

  // a call picked (or preselected by ?callId=) narrows level and kind and suggests its plan period
  useEffect(() => {
    if (!callData || !ready) return;
    const allowed = callChoices(callData);
    const values = form.getFieldsValue(['level', 'kind', 'planPeriod']);
    form.setFieldsValue({
      level: values.level && allowed.levels.includes(values.level) ? values.level : allowed.levels[0],
      kind: values.kind && allowed.kinds.includes(values.kind) ? values.kind : undefined,
      planPeriod: values.planPeriod ?? callData.planPeriod ?? undefined,
    });
  }, [callData, ready, form]);

  if (!ready) return <Loading height={400} />;
  if (id && existing.isError) {
    const gone = existing.error instanceof ApiError && existing.error.status === 404;
    return <EmptyState text={gone ? t('project.notFound') : existing.error.message} />;
  }
  const project = existing.data;
  if (project && !project.abilities.edit) return <Alert type="warning" showIcon title={t('form.notEditable')} />;

  const call = chosenCall.data;
  const choices = callChoices(call);
  const rule = call?.kinds.find((r) => r.kind === kind);
  const known: PersonOption[] = [
    { id: me.id, name: me.name, orgName: me.orgName ?? undefined },
    ...(project?.members.map((m) => ({ id: m.personId, name: m.name })) ?? []),
  ];
  const callOptions = (openCalls.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }));
  if (project?.callId && !callOptions.some((o) => o.value === project.callId))
    callOptions.push({ value: project.callId, label: project.callTitle ?? project.callId });
  if (call && !callOptions.some((o) => o.value === call.id)) callOptions.push({ value: call.id, label: call.title });

  const initialValues: ProjectValues = project
    ? toValues(project)
    : {
        title: '',
        callId,
        orgId: schools.find((s) => s.id === me.orgId)?.id ?? schools[0]?.id,
        hostId: me.id,
        members: [],
        sections: { significance: '', goals: '', methods: '', steps: '', budget: '' },
        expectedOutcomes: [
          { kind: 'paper', count: 1 },
          { kind: 'report', count: 1 },
        ],
      };

  const saved = (p: Project) => {
    message.success(t('form.saved'));
    navigate(`/projects/${p.id}`);
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409 && error.fields.length === 0 && project) {
      setStale(true);
      // the notice with the reload button sits above the form
      window.scrollTo({ top: 0, behavior: 'smooth' });
      notification.warning({ title: t('form.conflictTitle'), description: t('form.conflict') });
      return;
    }
    showError(error, { form });
  };

  const save = (values: ProjectValues) => {
    const input = toInput(values);
    if (project) {
      const { callId: _call, orgId: _org, ...patch } = input;
      update.mutate({ ...patch, id: project.id, version: project.version }, { onSuccess: saved, onError: failed });
    } else {
      // a new draft leaves empty dates out; only PATCH may clear them with null
      const { startsOn, endsOn, ...rest } = input;
      create.mutate(
        { ...rest, startsOn: startsOn ?? undefined, endsOn: endsOn ?? undefined },
        { onSuccess: saved, onError: failed },
      );
    }
  };

  const reload = () => {
    if (existing.data) form.setFieldsValue(toValues(existing.data));
    setStale(false);
  };

  const requiredSelect = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];

  return (
    <>
      <Link to={project ? `/projects/${project.id}` : '/projects'}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {project ? t('form.backToProject') : t('project.back')}
        </Button>
      </Link>
      <PageHeader title={t(project ? 'form.editTitle' : 'form.createTitle')} subtitle={t('form.subtitle')} />
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={t('form.conflict')}
          action={
            <Button size="small" onClick={reload} data-testid="project-form-reload">
              {t('form.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<ProjectValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={save}
        scrollToFirstError
        data-testid="project-form"
      >
        <Card title={t('form.basic')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item
                name="title"
                label={t('form.title')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('form.title') }) },
                ]}
              >
                <Input placeholder={t('form.titlePlaceholder')} maxLength={200} data-testid="project-form-title" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item
                name="callId"
                label={t('form.call')}
                extra={call ? t('form.callHint', { window: callWindow(t, call) }) : undefined}
              >
                <Select
                  allowClear
                  disabled={Boolean(project)}
                  placeholder={t('form.callPlaceholder')}
                  options={callOptions}
                  data-testid="project-form-call"
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="level" label={t('form.level')} rules={requiredSelect(t('form.level'))}>
                <Select
                  options={choices.levels.map((value) => ({ value, label: t(`level.${value}`) }))}
                  data-testid="project-form-level"
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item
                name="kind"
                label={t('form.kind')}
                rules={requiredSelect(t('form.kind'))}
                extra={rule ? kindRuleText(t, rule) : undefined}
              >
                <Select
                  options={choices.kinds.map((value) => ({ value, label: t(`kind.${value}`) }))}
                  data-testid="project-form-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="subject" label={t('form.subject')}>
                <Input maxLength={30} placeholder={t('form.subjectPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={6}>
              <Form.Item name="planPeriod" label={t('form.planPeriod')}>
                <Select allowClear options={planPeriods.map((value) => ({ value, label: value }))} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="dates" label={t('form.dates')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="orgId" label={t('form.school')} rules={requiredSelect(t('form.school'))}>
                <Select
                  disabled={Boolean(project) || schools.length <= 1}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={schools.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="project-form-school"
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="hostId" label={t('form.host')} rules={requiredSelect(t('form.host'))}>
                <PersonSelect known={known} orgId={orgId} testId="project-form-host" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <MembersField known={known} orgId={orgId} />
        <Card title={t('form.sections')} style={{ marginBottom: 16 }}>
          <SectionsFields />
          <Typography.Text strong>{t('form.outcomes')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <OutcomesField />
          </div>
        </Card>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={create.isPending || update.isPending}
          data-testid="project-form-save"
        >
          {t('form.saveDraft')}
        </Button>
      </Form>
    </>
  );
}
