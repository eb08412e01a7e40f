import { App, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useShowError } from '../../components/feedback';
import { type MessageKey, useT } from '../../i18n';
import { PersonSelect } from '../projects/PersonSelect';
import {
  bookKinds,
  type GrowthInput,
  type GrowthKind,
  type GrowthPatch,
  type GrowthRecord,
  useCreateGrowth,
  useUpdateGrowth,
  writingKinds,
} from './growth.api';
import { growthLabel } from './labels';

interface Values {
  personId?: string;
  kind: GrowthKind;
  date: Dayjs;
  title: string;
  text?: string;
  hours?: number | null;
  bookKind?: 'required' | 'optional';
  url?: string;
  reportBack?: string;
}

/** The labels of the title and text fields for each kind. */
export function fieldLabels(kind: GrowthKind): { title: MessageKey; text: MessageKey } {
  if (kind === 'reading') return { title: 'growth.form.bookTitle', text: 'growth.form.readingText' };
  if (writingKinds.includes(kind)) return { title: 'growth.form.writingTitle', text: 'growth.form.writingText' };
  if (kind === 'lesson_plan') return { title: 'growth.form.lessonPlanTitle', text: 'growth.form.lessonPlanText' };
  if (kind === 'lesson_example')
    return { title: 'growth.form.lessonExampleTitle', text: 'growth.form.lessonExampleText' };
  if (kind === 'training') return { title: 'growth.form.trainingTitle', text: 'growth.form.trainingText' };
  if (kind === 'study') return { title: 'growth.form.studyTitle', text: 'growth.form.studyText' };
  return { title: 'growth.form.platformTitle', text: 'growth.form.platformText' };
}

/** The kind switcher's groups: 读书 · 写作 · 教案与课例 · 培训与学习 · 平台. */
const kindGroups: { label: MessageKey; kinds: GrowthKind[] }[] = [
  { label: 'growthGroup.reading', kinds: ['reading'] },
  { label: 'growthGroup.writing', kinds: ['essay', 'reflection', 'case', 'narrative'] },
  { label: 'growthGroup.lessons', kinds: ['lesson_plan', 'lesson_example'] },
  { label: 'growthGroup.learning', kinds: ['training', 'study'] },
  { label: 'growthGroup.platform', kinds: ['platform'] },
];

/** The kind switcher: the kinds as buttons in their groups (读书 · 写作 · 教案与课例 · 培训与学习 · 平台). */
function KindSwitcher(props: { value?: GrowthKind; onChange?: (kind: GrowthKind) => void }) {
  const t = useT();
  return (
    <Flex wrap gap="8px 16px" data-testid="growth-kind">
      {kindGroups.map((group) => (
        <Flex key={group.label} vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(group.label)}
          </Typography.Text>
          <Radio.Group
            optionType="button"
            size="small"
            value={props.value}
            onChange={(event) => props.onChange?.(event.target.value)}
            options={group.kinds.map((value) => ({
              value,
              label: <span data-testid={`growth-kind-${value}`}>{growthLabel(t, 'growthKind', value)}</span>,
            }))}
          />
        </Flex>
      ))}
    </Flex>
  );
}

/** The API body of a new record: only the fields of the chosen kind. */
function toCreate(values: Values): GrowthInput {
  const text = values.text?.trim();
  const body: GrowthInput = { kind: values.kind, date: values.date.format('YYYY-MM-DD'), title: values.title.trim() };
  if (values.personId) body.personId = values.personId;
  if (text) body.text = text;
  if (values.kind === 'reading' && values.bookKind) body.bookKind = values.bookKind;
  if (values.kind === 'training' && values.hours != null) body.hours = values.hours;
  if (values.kind === 'platform' && values.url?.trim()) body.url = values.url.trim();
  if (values.kind === 'study' && values.reportBack?.trim()) body.reportBack = values.reportBack.trim();
  return body;
}

/** The API change of an edited record: fields the new kind lacks are cleared. */
function toPatch(values: Values, version: number): GrowthPatch {
  return {
    version,
    kind: values.kind,
    date: values.date.format('YYYY-MM-DD'),
    title: values.title.trim(),
    text: values.text?.trim() ?? '',
    bookKind: values.kind === 'reading' ? (values.bookKind ?? null) : null,
    hours: values.kind === 'training' ? (values.hours ?? null) : null,
    url: values.kind === 'platform' ? values.url?.trim() || null : null,
    reportBack: values.kind === 'study' ? values.reportBack?.trim() || null : null,
  };
}

/** One form for every kind of growth record: a kind switcher shows the fields that kind has. */
export function GrowthRecordModal(props: {
  record?: GrowthRecord;
  defaultKind?: GrowthKind;
  /** Offer a teacher picker (the school director records for the school's teachers). */
  forOthers?: boolean;
  onClose: () => void;
}) {
  const { record, onClose } = props;
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateGrowth();
  const update = useUpdateGrowth();
  const kind: GrowthKind = Form.useWatch('kind', form) ?? record?.kind ?? props.defaultKind ?? 'reading';
  const labels = fieldLabels(kind);

  const initialValues: Partial<Values> = record
    ? {
        kind: record.kind,
        date: dayjs(record.date),
        title: record.title,
        text: record.text,
        hours: record.hours,
        bookKind: record.bookKind ?? undefined,
        url: record.url ?? undefined,
        reportBack: record.reportBack ?? undefined,
      }
    : { kind: props.defaultKind ?? 'reading', date: dayjs(), bookKind: 'required' };

  const submit = (values: Values) => {
    const done = {
      onSuccess: () => {
        message.success(record ? t('common.saved') : t('growth.added'));
        onClose();
      },
      onError: (error: unknown) => showError(error, { form, conflict: 'common.conflict' }),
    };
    if (record) update.mutate({ id: record.id, ...toPatch(values, record.version) }, done);
    else create.mutate(toCreate(values), done);
  };
  const required = (label: MessageKey) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field: t(label) }),
  });

  return (
    <Modal
      open
      width={680}
      title={t(record ? 'growth.form.editTitle' : 'growth.form.addTitle')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'growth-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {props.forOthers && !record && (
          <Form.Item name="personId" label={t('growth.form.teacher')} extra={t('growth.form.teacherHint')}>
            <PersonSelect testId="growth-person" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('growth.form.kind')} rules={[{ required: true }]}>
          <KindSwitcher />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('growth.form.date')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('growth.form.date') }) }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="growth-date" />
        </Form.Item>
        <Form.Item name="title" label={t(labels.title)} rules={[required(labels.title), { max: 200 }]}>
          <Input data-testid="growth-title" maxLength={200} />
        </Form.Item>
        {kind === 'reading' && (
          <Form.Item name="bookKind" label={t('growth.form.bookKind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              data-testid="growth-book-kind"
              options={bookKinds.map((value) => ({ value, label: t(`bookKind.${value}`) }))}
            />
          </Form.Item>
        )}
        {kind === 'training' && (
          <Form.Item
            name="hours"
            label={t('growth.form.hours')}
            rules={[{ required: true, message: t('common.required', { field: t('growth.form.hours') }) }]}
          >
            <InputNumber min={0.5} max={1000} step={0.5} style={{ width: 160 }} data-testid="growth-hours" />
          </Form.Item>
        )}
        {kind === 'platform' && (
          <Form.Item
            name="url"
            label={t('growth.form.url')}
            rules={[
              required('growth.form.url'),
              { pattern: /^https?:\/\/\S+$/i, message: t('growth.form.urlInvalid') },
            ]}
          >
            <Input placeholder="https://" data-testid="growth-url" />
          </Form.Item>
        )}
        <Form.Item name="text" label={t(labels.text)}>
          <Input.TextArea
            autoSize={{ minRows: kind === 'platform' ? 2 : 5, maxRows: 16 }}
            maxLength={20000}
            data-testid="growth-text"
          />
        </Form.Item>
        {kind === 'study' && (
          <Form.Item name="reportBack" label={t('growth.form.reportBack')} extra={t('growth.form.reportBackHint')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="growth-report-back" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
