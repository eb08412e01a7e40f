import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import type { PersonOption } from '../projects/PersonSelect';
import { worksLabel } from './labels';
import { type AuthorRow, AuthorsField, ProjectsSelect } from './WorkFormFields';
import { type AuthorInput, useSaveWork, useWork, type Work, type WorkKind, workKinds } from './works.api';

/** Subjects offered for a work (any other may be typed). */
const subjects = [
  '语文',
  '数学',
  '英语',
  '科学',
  '道德与法治',
  '音乐',
  '美术',
  '体育',
  '信息科技',
  '综合实践',
  '德育',
  '管理',
];

interface WorkValues {
  kind: WorkKind;
  title: string;
  subject?: string;
  charCount?: number | null;
  abstract?: string;
  authors: AuthorRow[];
  projectIds: string[];
}

function toValues(work: Work): WorkValues {
  return {
    kind: work.kind,
    title: work.title,
    subject: work.subject ?? undefined,
    charCount: work.charCount,
    abstract: work.abstract,
    authors: work.authors.map((author) =>
      author.outside || !author.personId
        ? { outside: true, outsideName: author.name }
        : { outside: false, personId: author.personId },
    ),
    projectIds: work.projects.map((project) => project.id),
  };
}

function toAuthors(rows: AuthorRow[]): AuthorInput[] {
  // only the named fields come back from the form: a row is outside when it carries an outside name
  return rows.flatMap((row): AuthorInput[] => {
    const outsideName = row.outsideName?.trim();
    if (outsideName) return [{ outsideName }];
    return row.personId ? [{ personId: row.personId }] : [];
  });
}

/** 登记作品 / 编辑作品: kind, title, authors in order (with outside co-authors), characters, subject, projects. */
export function WorkFormPage() {
  const { id } = useParams();
  const t = useT();
  const work = useWork(id);
  if (id && work.isPending) return <Loading height={400} />;
  if (id && work.isError) {
    if (work.error instanceof ApiError && [403, 404].includes(work.error.status))
      return <NotFound text={t('work.notFound')} />;
    return <EmptyState text={work.error.message} />;
  }
  return <WorkForm work={work.data} />;
}

function WorkForm({ work }: { work?: Work }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveWork();
  const [form] = Form.useForm<WorkValues>();
  const initial = useMemo<WorkValues>(
    () =>
      work
        ? toValues(work)
        : { kind: 'paper', title: '', authors: [{ outside: false, personId: me.id }], projectIds: [] },
    [work, me.id],
  );
  const knownPeople: PersonOption[] = useMemo(() => {
    const people = (work?.authors ?? []).flatMap((a) => (a.personId ? [{ id: a.personId, name: a.name }] : []));
    return [{ id: me.id, name: me.name }, ...people];
  }, [work, me.id, me.name]);

  const submit = (values: WorkValues) => {
    const body = {
      kind: values.kind,
      title: values.title.trim(),
      subject: values.subject?.trim() || (work ? null : undefined),
      charCount: values.charCount ?? (work ? null : undefined),
      abstract: values.abstract ?? '',
      authors: toAuthors(values.authors),
      projectIds: values.projectIds ?? [],
    };
    save.mutate(work ? { ...body, id: work.id, version: work.version } : body, {
      onSuccess: (saved) => {
        message.success(work ? t('common.saved') : t('workForm.created'));
        navigate(`/works/${saved.id}`, { replace: true });
      },
      onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
    });
  };

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => navigate(-1)}>
        {t('work.back')}
      </Button>
      <PageHeader title={t(work ? 'workForm.titleEdit' : 'workForm.titleNew')} />
      <Card>
        <Form<WorkValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={submit}
          data-testid="work-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label={t('workForm.kind')} rules={[{ required: true }]}>
                <Select
                  options={workKinds.map((value) => ({ value, label: worksLabel(t, 'workKind', value) }))}
                  data-testid="work-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item
                name="title"
                label={t('workForm.title')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('workForm.title') }) },
                ]}
              >
                <Input maxLength={300} data-testid="work-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="subject" label={t('workForm.subject')}>
                <AutoComplete
                  allowClear
                  options={subjects.map((value) => ({ value }))}
                  filterOption={(input, option) => (option?.value ?? '').includes(input)}
                  data-testid="work-subject"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="charCount" label={t('workForm.charCount')}>
                <InputNumber min={0} max={10_000_000} step={100} style={{ width: '100%' }} data-testid="work-chars" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="projectIds" label={t('workForm.projects')}>
                <ProjectsSelect known={work?.projects ?? []} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label={t('workForm.authors')} extra={t('workForm.authorsHelp')} required>
                <AuthorsField known={knownPeople} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="abstract" label={t('workForm.abstract')}>
                <Input.TextArea rows={4} maxLength={5000} showCount data-testid="work-abstract" />
              </Form.Item>
            </Col>
          </Row>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={save.isPending}
            data-testid="work-save"
          >
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
