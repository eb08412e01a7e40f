import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloudOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Flex, Input, Popconfirm, Result, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { EmptyState, Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import {
  isOpen,
  type Observation,
  type ObservationInput,
  type RubricItem,
  useDeleteDraft,
  useObservation,
  useRubric,
  useSubmitObservation,
} from './observations.api';
import { ScoreInput } from './ScoreInput';
import { TeacherSelect } from './TeacherSelect';
import { type SaveState, useAutosave } from './useAutosave';

interface EntryValues {
  teacherId?: string;
  teacherName?: string | null;
  date: string;
  period?: number;
  className: string;
  subject: string;
  topic: string;
  notes: string;
  scores: Record<string, number>;
}

const periods = [1, 2, 3, 4, 5, 6, 7, 8, 9];

function sessionOf(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'session' in state) return String(state.session);
  return 'first';
}

function fromObservation(o: Observation): EntryValues {
  const period = Number(o.period);
  return {
    teacherId: o.teacherId,
    teacherName: o.teacherName,
    date: o.date,
    period: Number.isFinite(period) && period > 0 ? period : undefined,
    className: o.className ?? '',
    subject: o.subject ?? '',
    topic: o.topic ?? '',
    notes: o.notes ?? '',
    scores: { ...o.scores },
  };
}

function toInput(values: EntryValues): ObservationInput {
  return {
    teacherId: values.teacherId,
    date: values.date,
    period: values.period ? String(values.period) : null,
    className: values.className.trim() || null,
    subject: values.subject,
    topic: values.topic,
    notes: values.notes,
    scores: values.scores,
  };
}

/** The quick entry of a lesson observation, made for a phone in the classroom. */
export function ObservationEntryPage() {
  const { id } = useParams();
  const location = useLocation();
  const t = useT();
  const query = useObservation(id);
  const openedAs = useRef<boolean | null>(null);
  if (id && query.isPending) return <Loading height={400} />;
  if (id && query.isError) {
    return (
      <EntryFrame title={t('observation.editDraft')}>
        <EmptyState
          text={
            query.error instanceof ApiError && query.error.status === 404
              ? t('observation.notFound')
              : query.error.message
          }
        />
      </EntryFrame>
    );
  }
  // a record already submitted when the page opened is shown, not edited (submitting here shows the done screen)
  if (query.data && openedAs.current === null) openedAs.current = isOpen(query.data);
  if (query.data && openedAs.current === false) return <Navigate to={`/observations/${query.data.id}`} replace />;
  // a new entry session ("再记一节") starts from scratch; the draft's own address keeps the session
  return <Entry initial={query.data} key={sessionOf(location.state)} />;
}

/** The phone layout: a slim sticky header, one column of at most 640 px, a sticky action bar. */
function EntryFrame(props: { title: string; status?: ReactNode; footer?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f9', paddingBottom: props.footer ? 88 : 16 }}>
      <Flex
        align="center"
        gap={8}
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#fff',
          borderBottom: '1px solid #e8ebf0',
          padding: '8px 12px',
          minHeight: 52,
        }}
      >
        <Link to="/observations" aria-label={t('observation.back')} data-testid="obs-back">
          <Button type="text" size="large" icon={<ArrowLeftOutlined />} />
        </Link>
        <Typography.Text strong style={{ fontSize: 17, flex: 1 }}>
          {props.title}
        </Typography.Text>
        {props.status}
      </Flex>
      <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>{props.children}</div>
      {props.footer && (
        <div
          style={{
            position: 'fixed',
            left: 0,
            right: 0,
            bottom: 0,
            zIndex: 10,
            background: '#fff',
            borderTop: '1px solid #e8ebf0',
            padding: '10px 12px calc(10px + env(safe-area-inset-bottom))',
          }}
        >
          <div style={{ maxWidth: 640, margin: '0 auto' }}>{props.footer}</div>
        </div>
      )}
    </div>
  );
}

function SaveStatus({ state, savedAt, noTeacher }: { state: SaveState; savedAt: Date | null; noTeacher: boolean }) {
  const t = useT();
  const style = { fontSize: 13, whiteSpace: 'nowrap' as const };
  if (noTeacher) {
    return (
      <Typography.Text type="secondary" style={style} data-testid="obs-save-status">
        <CloudOutlined /> {t('observation.pickTeacherFirst')}
      </Typography.Text>
    );
  }
  if (state === 'saving' || (state === 'pending' && !savedAt)) {
    return (
      <Typography.Text type="secondary" style={style} data-testid="obs-save-status">
        <LoadingOutlined /> {t('observation.saving')}
      </Typography.Text>
    );
  }
  if (state === 'error' || state === 'conflict') {
    return (
      <Typography.Text type="danger" style={style} data-testid="obs-save-status">
        <ExclamationCircleOutlined /> {t(state === 'conflict' ? 'observation.conflict' : 'observation.saveFailed')}
      </Typography.Text>
    );
  }
  if (savedAt) {
    return (
      <Typography.Text type="success" style={style} data-testid="obs-save-status">
        <CheckCircleOutlined /> {t('observation.autosaved', { time: dayjs(savedAt).format('HH:mm') })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type="secondary" style={style} data-testid="obs-save-status">
      <CloudOutlined /> {t('observation.startHint')}
    </Typography.Text>
  );
}

function missingFields(t: ReturnType<typeof useT>, values: EntryValues, rubric: RubricItem[]): string[] {
  const missing: string[] = [];
  if (!values.teacherId) missing.push(t('observation.teacher'));
  if (!values.subject.trim()) missing.push(t('observation.subject'));
  if (!values.topic.trim()) missing.push(t('observation.topic'));
  for (const item of rubric) if (!values.scores[item.key]) missing.push(item.label);
  return missing;
}

function Entry({ initial }: { initial?: Observation }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const schoolId = initial?.orgId ?? me.orgId;
  const rubric = useRubric(schoolId);
  const submit = useSubmitObservation();
  const deleteDraft = useDeleteDraft();
  const [values, setValues] = useState<EntryValues>(() =>
    initial
      ? fromObservation(initial)
      : { date: dayjs().format('YYYY-MM-DD'), className: '', subject: '', topic: '', notes: '', scores: {} },
  );
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<Observation | null>(null);

  const onCreated = useCallback(
    (saved: Observation) => {
      // the address now names the draft, so a reload (or a dead battery) comes back to it
      navigate(`/observations/${saved.id}/edit`, { replace: true, state: location.state });
    },
    [navigate, location.state],
  );
  const autosave = useAutosave(initial, onCreated);
  const valuesRef = useRef(values);

  const update = (patch: Partial<EntryValues>) => {
    const next = { ...valuesRef.current, ...patch };
    valuesRef.current = next;
    setValues(next);
    // the server needs the observed teacher to keep a draft: save from the moment one is chosen
    if (next.teacherId) autosave.change(toInput(next));
  };

  useEffect(() => {
    valuesRef.current = values;
  }, [values]);

  const items = rubric.data ?? [];
  const total = items.reduce((sum, item) => sum + (values.scores[item.key] ?? 0), 0);
  const maxTotal = items.reduce((sum, item) => sum + item.max, 0);

  const doSubmit = async () => {
    const missing = missingFields(t, valuesRef.current, items);
    if (missing.length > 0) {
      message.warning(t('observation.missing', { fields: missing.join('、') }));
      return;
    }
    setSubmitting(true);
    try {
      if (!autosave.record.current) autosave.change(toInput(valuesRef.current));
      const { ok, record } = await autosave.flush();
      if (!ok || !record) {
        message.error(t('observation.saveFailed'));
        return;
      }
      setDone(await submit.mutateAsync(record));
    } catch (error) {
      showError(error, { conflict: 'observation.conflict' });
    } finally {
      setSubmitting(false);
    }
  };

  // A draft never submitted may be thrown away (a lesson picked by mistake); a reopened record may not.
  const neverSubmitted = !initial || initial.status === 'draft';
  const removeDraft = async () => {
    const record = await autosave.discard();
    try {
      if (record) await deleteDraft.mutateAsync(record.id);
      message.success(t('observation.draftDeleted'));
      navigate('/observations', { replace: true });
    } catch (error) {
      showError(error);
    }
  };

  if (done) {
    // stay in the phone layout: the next lesson is often the next period
    return (
      <EntryFrame title={t('observation.new')}>
        <Result
          status="success"
          title={t('observation.submitted')}
          subTitle={`${done.teacherName} · ${done.topic}`}
          extra={
            <Flex vertical gap={12} style={{ maxWidth: 320, margin: '0 auto' }}>
              <Button
                type="primary"
                size="large"
                block
                onClick={() => navigate('/observations/new', { replace: true, state: { session: Date.now() } })}
                data-testid="obs-next"
              >
                {t('observation.another')}
              </Button>
              <Button size="large" block onClick={() => navigate(`/observations/${done.id}`, { replace: true })}>
                {t('observation.view')}
              </Button>
            </Flex>
          }
          data-testid="obs-done"
        />
      </EntryFrame>
    );
  }

  const label = (text: string) => (
    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4, fontSize: 13 }}>
      {text}
    </Typography.Text>
  );

  return (
    <EntryFrame
      title={initial ? t('observation.editDraft') : t('observation.new')}
      footer={
        <Flex align="center" gap={12}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <SaveStatus state={autosave.state} savedAt={autosave.savedAt} noTeacher={!values.teacherId} />
            {maxTotal > 0 && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('observation.total')} {total}/{maxTotal}
                </Typography.Text>
              </div>
            )}
          </div>
          <Button
            type="primary"
            size="large"
            style={{ minWidth: 120 }}
            loading={submitting}
            onClick={() => {
              // What is missing is said first: a confirmation for a form that cannot go is a wasted tap.
              const missing = missingFields(t, valuesRef.current, items);
              if (missing.length > 0) {
                message.warning(t('observation.missing', { fields: missing.join('、') }));
                return;
              }
              modal.confirm({
                title: t('observation.submit'),
                content: t('observation.submitConfirm'),
                okText: t('observation.submit'),
                cancelText: t('common.cancel'),
                onOk: doSubmit,
              });
            }}
            data-testid="obs-submit"
          >
            {t('observation.submit')}
          </Button>
        </Flex>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }} data-testid="obs-entry">
        <Flex vertical gap={12}>
          <div>
            {label(t('observation.teacher'))}
            <TeacherSelect
              value={values.teacherId}
              knownName={values.teacherName}
              orgId={schoolId}
              disabled={Boolean(autosave.savedId)}
              excludeId={me.id}
              onChange={(person) =>
                update({
                  teacherId: person?.id,
                  teacherName: person?.name,
                  // most observed lessons are in the teacher's (first) subject
                  subject: valuesRef.current.subject || person?.subjects[0] || '',
                })
              }
            />
            {autosave.savedId && (
              <Flex align="center" gap={4} wrap>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('observation.teacherLocked')}
                </Typography.Text>
                {neverSubmitted && (
                  <Popconfirm
                    title={t('observation.deleteDraftConfirm')}
                    okText={t('observation.deleteDraft')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={removeDraft}
                  >
                    <Button type="link" size="small" danger style={{ padding: 0 }} data-testid="obs-delete-draft">
                      {t('observation.deleteDraft')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            )}
          </div>
          <Row gutter={8}>
            <Col span={14}>
              {label(t('observation.date'))}
              <DatePicker
                size="large"
                inputReadOnly
                allowClear={false}
                value={dayjs(values.date)}
                onChange={(date) => date && update({ date: date.format('YYYY-MM-DD') })}
                style={{ width: '100%' }}
                data-testid="obs-date"
              />
            </Col>
            <Col span={10}>
              {label(t('observation.period'))}
              <Select
                size="large"
                allowClear
                value={values.period}
                onChange={(period?: number) => update({ period })}
                options={periods.map((n) => ({ value: n, label: t('observation.periodN', { n }) }))}
                placeholder={t('observation.period')}
                style={{ width: '100%' }}
                data-testid="obs-period"
              />
            </Col>
          </Row>
          <Row gutter={8}>
            <Col span={14}>
              {label(t('observation.className'))}
              <Input
                size="large"
                value={values.className}
                onChange={(event) => update({ className: event.target.value })}
                placeholder={t('observation.classPlaceholder')}
                maxLength={50}
                data-testid="obs-class"
              />
            </Col>
            <Col span={10}>
              {label(t('observation.subject'))}
              <Input
                size="large"
                value={values.subject}
                onChange={(event) => update({ subject: event.target.value })}
                placeholder={t('observation.subjectPlaceholder')}
                maxLength={30}
                data-testid="obs-subject"
              />
            </Col>
          </Row>
          <div>
            {label(t('observation.topic'))}
            <Input
              size="large"
              value={values.topic}
              onChange={(event) => update({ topic: event.target.value })}
              placeholder={t('observation.topicPlaceholder')}
              maxLength={200}
              data-testid="obs-topic"
            />
          </div>
        </Flex>
      </Card>

      <Card size="small" title={t('observation.rubric')} style={{ marginBottom: 12 }} data-testid="obs-rubric">
        {rubric.isPending && <Loading height={120} />}
        {rubric.isError && <EmptyState text={rubric.error.message} />}
        <Flex vertical gap={20}>
          {items.map((item) => (
            <ScoreInput
              key={item.key}
              item={item}
              value={values.scores[item.key]}
              onChange={(score) => update({ scores: { ...valuesRef.current.scores, [item.key]: score } })}
            />
          ))}
        </Flex>
      </Card>

      <Card size="small" title={t('observation.notes')}>
        <Input.TextArea
          value={values.notes}
          onChange={(event) => update({ notes: event.target.value })}
          placeholder={t('observation.notesPlaceholder')}
          autoSize={{ minRows: 6, maxRows: 30 }}
          maxLength={20000}
          style={{ fontSize: 16 }}
          data-testid="obs-notes"
        />
      </Card>
    </EntryFrame>
  );
}

export { EntryFrame };
