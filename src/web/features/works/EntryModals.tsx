import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Table, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { useShowError } from '../../components/feedback';
import { useT } from '../../i18n';
import { levelLabel, worksLabel } from './labels';
import {
  type AwardResult,
  awardResults,
  useAssignReviewers,
  useCompetitions,
  useDecidePrereview,
  useEnterWork,
  useUpdateEntry,
  useUploadCertificate,
  type Work,
  type WorkEntry,
} from './works.api';

interface EnterValues {
  competitionId: string;
  editionId?: string;
  year: number;
  enteredOn: Dayjs;
}

/** 报名参评: pick a competition of the catalogue, one of its editions (with its deadline) and the year. */
export function EnterModal({ work, onClose }: { work: Work; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const competitions = useCompetitions({ active: 'true' });
  const enter = useEnterWork(work.id);
  const [form] = Form.useForm<EnterValues>();
  const competitionId = Form.useWatch('competitionId', form);
  const editionId = Form.useWatch('editionId', form);
  const items = competitions.data?.items ?? [];
  const chosen = items.find((c) => c.id === competitionId);
  const edition = chosen?.editions.find((e) => e.id === editionId);
  const today = dayjs().format('YYYY-MM-DD');
  const late = edition?.deadline != null && edition.deadline < today;

  const submit = (values: EnterValues) =>
    enter.mutate(
      {
        competitionId: values.competitionId,
        editionId: values.editionId,
        year: values.year,
        enteredOn: values.enteredOn.format('YYYY-MM-DD'),
      },
      {
        onSuccess: () => {
          message.success(t('entryForm.done'));
          onClose();
        },
        onError: (error) => showError(error, { form }),
      },
    );

  return (
    <Modal
      open
      title={t('entryForm.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: enter.isPending, 'data-testid': 'entry-submit' }}
      destroyOnHidden
    >
      <Form<EnterValues>
        form={form}
        layout="vertical"
        initialValues={{ year: dayjs().year(), enteredOn: dayjs() }}
        onFinish={submit}
        data-testid="entry-form"
      >
        <Form.Item
          name="competitionId"
          label={t('entryForm.competition')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('entryForm.competition') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={competitions.isPending}
            onChange={() => form.setFieldValue('editionId', undefined)}
            options={items.map((c) => ({
              value: c.id,
              label: `${c.name}（${levelLabel(t, c.level)}${c.organiser ? ` · ${c.organiser}` : ''}）`,
            }))}
            data-testid="entry-competition"
          />
        </Form.Item>
        <Form.Item name="editionId" label={t('entryForm.edition')}>
          <Select
            allowClear
            placeholder={t('entryForm.noEdition')}
            disabled={!chosen || chosen.editions.length === 0}
            onChange={(id?: string) => {
              const picked = chosen?.editions.find((e) => e.id === id);
              if (picked) form.setFieldValue('year', picked.year);
            }}
            options={(chosen?.editions ?? []).map((e) => ({
              value: e.id,
              label: e.deadline ? `${e.title}（${t('entries.deadline', { date: e.deadline })}）` : e.title,
            }))}
            data-testid="entry-edition"
          />
        </Form.Item>
        {late && edition?.deadline && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('entryForm.pastDeadline', { date: edition.deadline })}
          />
        )}
        <Form.Item name="year" label={t('entryForm.year')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2200} style={{ width: 140 }} data-testid="entry-year" />
        </Form.Item>
        <Form.Item name="enteredOn" label={t('entryForm.enteredOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="entry-entered-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The teachers of a school, to pick pre-reviewers from. */
function useSchoolPeople(orgId: string) {
  return useQuery({
    queryKey: ['people', 'school', orgId],
    queryFn: () => api.get<Page<Person>>('/api/people', { orgId, pageSize: 200 }),
    staleTime: 60_000,
  });
}

/** 分配初审: the director picks reviewers among the school's teachers (not the work's authors). */
export function AssignModal({ work, entry, onClose }: { work: Work; entry: WorkEntry; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const people = useSchoolPeople(work.orgId);
  const assign = useAssignReviewers(work.id);
  const authorIds = new Set(work.authors.flatMap((a) => (a.personId ? [a.personId] : [])));
  const already = new Set(entry.prereviews.map((p) => p.reviewerId));
  const [reviewerIds, setReviewerIds] = useState<string[]>([]);
  const options = (people.data?.items ?? [])
    .filter((p) => !authorIds.has(p.id) && !already.has(p.id))
    .map((p) => ({ value: p.id, label: p.subjects.length ? `${p.name}（${p.subjects.join('、')}）` : p.name }));

  return (
    <Modal
      open
      title={`${t('prereview.assignTitle')} · ${entry.competitionName}`}
      onCancel={onClose}
      onOk={() =>
        assign.mutate(
          { entryId: entry.id, reviewerIds },
          {
            onSuccess: () => {
              message.success(t('prereview.assigned'));
              onClose();
            },
            onError: (error) => showError(error),
          },
        )
      }
      okButtonProps={{ disabled: reviewerIds.length === 0, loading: assign.isPending, 'data-testid': 'assign-submit' }}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('prereview.assignHelp')} />
      <Select
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        value={reviewerIds}
        onChange={setReviewerIds}
        options={options}
        loading={people.isPending}
        placeholder={t('prereview.reviewers')}
        style={{ width: '100%' }}
        data-testid="assign-reviewers"
      />
    </Modal>
  );
}

/** 初审定质: the scores so far, then recommend or not with the school's opinion. */
export function DecideModal({ work, entry, onClose }: { work: Work; entry: WorkEntry; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const decide = useDecidePrereview();
  const [form] = Form.useForm<{ decision: 'recommend' | 'not_recommend'; comment: string }>();
  return (
    <Modal
      open
      width={640}
      title={`${t('prereview.decideTitle')} · ${work.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: decide.isPending, 'data-testid': 'decide-submit' }}
      destroyOnHidden
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginBottom: 16 }}
        dataSource={entry.prereviews}
        locale={{ emptyText: t('prereview.noScores') }}
        columns={[
          { title: t('prereview.reviewers'), dataIndex: 'reviewerName', width: 100 },
          {
            title: t('prereview.colScore'),
            dataIndex: 'total',
            width: 80,
            render: (v: number | null) => (v == null ? t('prereview.pending') : v),
          },
          { title: t('prereview.comment'), dataIndex: 'comment', ellipsis: true },
        ]}
        data-testid="decide-scores"
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'recommend', comment: '' }}
        onFinish={(values) =>
          decide.mutate(
            { workId: work.id, entryId: entry.id, decision: values.decision, comment: values.comment ?? '' },
            {
              onSuccess: () => {
                message.success(t('prereview.decided'));
                onClose();
              },
              onError: (error) => showError(error),
            },
          )
        }
      >
        <Form.Item name="decision" label={t('prereview.decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'recommend', label: <span data-testid="decide-recommend">{t('prereview.recommend')}</span> },
              { value: 'not_recommend', label: <span data-testid="decide-not">{t('prereview.notRecommend')}</span> },
            ]}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('prereview.reason')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="decide-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记结果: the award (特等奖 … 入围, or none), its date, and the certificate. */
export function ResultModal({ work, entry, onClose }: { work: Work; entry: WorkEntry; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateEntry(work.id);
  const upload = useUploadCertificate(work.id);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ result: AwardResult | 'none'; resultOn: Dayjs }>();

  const submit = async (values: { result: AwardResult | 'none'; resultOn: Dayjs }) => {
    try {
      const saved = await update.mutateAsync(
        values.result === 'none'
          ? { entryId: entry.id, version: entry.version, status: 'not_awarded' }
          : {
              entryId: entry.id,
              version: entry.version,
              result: values.result,
              resultOn: values.resultOn.format('YYYY-MM-DD'),
            },
      );
      if (file && values.result !== 'none') {
        await upload.mutateAsync({ entryId: saved.id, file });
        message.success(t('resultForm.certificateUploaded'));
      }
      message.success(t('resultForm.done'));
      onClose();
    } catch (error) {
      showError(error, { conflict: 'common.conflict' });
    }
  };

  return (
    <Modal
      open
      title={`${t('resultForm.title')} · ${entry.competitionName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: update.isPending || upload.isPending, 'data-testid': 'result-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          result: entry.result ?? 'first',
          resultOn: entry.resultOn ? dayjs(entry.resultOn) : dayjs(),
        }}
        onFinish={submit}
        data-testid="result-form"
      >
        <Form.Item name="result" label={t('resultForm.result')} rules={[{ required: true }]}>
          <Select
            options={[
              ...awardResults.map((value) => ({ value, label: worksLabel(t, 'awardResult', value) })),
              { value: 'none', label: t('resultForm.notAwarded') },
            ]}
            data-testid="result-select"
          />
        </Form.Item>
        <Form.Item name="resultOn" label={t('resultForm.resultOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="result-on" />
        </Form.Item>
        <Form.Item label={t('resultForm.certificate')} extra={t('resultForm.certificateHelp')}>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            maxCount={1}
            beforeUpload={(picked) => {
              setFile(picked);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />} data-testid="result-certificate">
              {t('entries.uploadCertificate')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
