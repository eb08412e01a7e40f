import { ArrowLeftOutlined, ArrowRightOutlined, EditOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { AssessmentModal } from './AssessmentModal';
import { EvaluationModal } from './EvaluationModal';
import { EvaluationTags, PairStatusTag } from './labels';
import {
  type Assessment,
  type Mentorship,
  useAssessments,
  useMentorship,
  useUpdateMentorship,
} from './mentorships.api';

/** Edits the agreement and goals of a pair (with its version). */
function AgreementModal({ pair, onClose }: { pair: Mentorship; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ goals: string; agreement: string }>();
  const update = useUpdateMentorship();
  return (
    <Modal
      open
      width={620}
      title={t('mentor.editAgreement')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'agreement-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ goals: pair.goals, agreement: pair.agreement }}
        onFinish={(values) =>
          update.mutate(
            { id: pair.id, version: pair.version, goals: values.goals.trim(), agreement: values.agreement.trim() },
            {
              onSuccess: () => {
                message.success(t('common.saved'));
                onClose();
              },
              onError: (error) => showError(error, { form, conflict: 'common.conflict' }),
            },
          )
        }
      >
        <Form.Item name="goals" label={t('mentor.goals')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="agreement-goals" />
        </Form.Item>
        <Form.Item name="agreement" label={t('mentor.agreement')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} data-testid="agreement-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A mentoring pair: agreement and goals, mutual observations, monthly assessments and the term's evaluation. */
export function MentorshipPage() {
  const { id } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const pair = useMentorship(id);
  const assessments = useAssessments(id);
  const update = useUpdateMentorship();
  const [modal, setModal] = useState<'agreement' | 'assessment' | 'evaluation' | null>(null);

  if (pair.isPending) return <Loading height={400} />;
  if (pair.isError) {
    if (pair.error instanceof ApiError && [403, 404].includes(pair.error.status))
      return <NotFound text={t('mentor.notFound')} />;
    return <EmptyState text={pair.error.message} />;
  }
  const data = pair.data;
  const { update: canEdit, assess: canAssess, evaluate: canEvaluate } = data.abilities;
  const active = data.status === 'active';

  const columns: TableColumnsType<Assessment> = [
    { title: t('mentor.month'), dataIndex: 'month', width: 100 },
    {
      title: t('mentor.score'),
      dataIndex: 'score',
      width: 80,
      render: (score: number | null) => score ?? t('common.none'),
    },
    {
      title: t('mentor.comment'),
      dataIndex: 'comment',
      render: (comment: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{comment}</span>,
    },
    {
      title: t('mentor.author'),
      dataIndex: 'assessorName',
      width: 100,
    },
  ];
  const rows = [...(assessments.data?.items ?? [])].sort((a, b) => b.month.localeCompare(a.month));
  const scored = rows.filter((row) => row.score != null);
  const average = scored.length ? scored.reduce((sum, row) => sum + (row.score ?? 0), 0) / scored.length : null;

  return (
    <>
      <Link to="/mentorships">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('mentor.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Flex gap={10} align="center" data-testid="pair-title">
            {data.mentorName}
            <ArrowRightOutlined style={{ fontSize: 18, color: '#8c8c8c' }} />
            {data.menteeName}
          </Flex>
        }
        subtitle={`${data.orgName} · ${t('mentor.startsOn')} ${data.startsOn}${data.endsOn ? ` — ${data.endsOn}` : ''}`}
        extra={
          canEdit &&
          active && (
            <Popconfirm
              title={t('mentor.endConfirm')}
              onConfirm={() =>
                update.mutateAsync({ id: data.id, version: data.version, status: 'ended' }).then(
                  () => message.success(t('mentor.ended')),
                  (error: unknown) => showError(error, { conflict: 'common.conflict' }),
                )
              }
            >
              <Button data-testid="pair-end">{t('mentor.end')}</Button>
            </Popconfirm>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card
              title={t('mentor.agreementCard')}
              extra={
                canEdit && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setModal('agreement')}
                    data-testid="agreement-edit"
                  >
                    {t('common.edit')}
                  </Button>
                )
              }
            >
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('mentor.goals')}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="pair-goals">
                {data.goals || <Typography.Text type="secondary">{t('mentor.noText')}</Typography.Text>}
              </Typography.Paragraph>
              <Typography.Title level={5}>{t('mentor.agreement')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="pair-agreement">
                {data.agreement || <Typography.Text type="secondary">{t('mentor.noText')}</Typography.Text>}
              </Typography.Paragraph>
            </Card>
            <Card
              title={t('mentor.assessments')}
              extra={
                canAssess && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setModal('assessment')}
                    data-testid="assessment-add"
                  >
                    {t('mentor.assessmentAdd')}
                  </Button>
                )
              }
            >
              <Table<Assessment>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={rows}
                loading={assessments.isFetching}
                pagination={false}
                scroll={{ x: 560 }}
                locale={{
                  emptyText: (
                    <EmptyState text={assessments.isError ? assessments.error.message : t('mentor.assessmentEmpty')} />
                  ),
                }}
                data-testid="assessments-table"
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('mentor.basic')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'mentor',
                    label: t('mentor.mentor'),
                    children: <Link to={`/people/${data.mentorId}/growth`}>{data.mentorName}</Link>,
                  },
                  {
                    key: 'mentee',
                    label: t('mentor.mentee'),
                    children: <Link to={`/people/${data.menteeId}/growth`}>{data.menteeName}</Link>,
                  },
                  { key: 'since', label: t('mentor.startsOn'), children: data.startsOn },
                  ...(data.endsOn ? [{ key: 'until', label: t('mentor.endsOn'), children: data.endsOn }] : []),
                  {
                    key: 'status',
                    label: t('mentor.colStatus'),
                    children: <PairStatusTag status={data.status} t={t} />,
                  },
                ]}
              />
            </Card>
            <Card title={t('mentor.mutualCard')}>
              <Row gutter={8}>
                <Col span={12}>
                  <Statistic
                    title={t('mentor.mentorObservedMentee')}
                    value={data.mutualObservations.mentorObservedMentee}
                    suffix={t('mentor.timesUnit')}
                    data-testid="pair-mentor-observed"
                  />
                </Col>
                <Col span={12}>
                  <Statistic
                    title={t('mentor.menteeObservedMentor')}
                    value={data.mutualObservations.menteeObservedMentor}
                    suffix={t('mentor.timesUnit')}
                    data-testid="pair-mentee-observed"
                  />
                </Col>
                {average !== null && (
                  <Col span={12} style={{ marginTop: 16 }}>
                    <Statistic title={t('mentor.averageScore')} value={average} precision={1} />
                  </Col>
                )}
              </Row>
            </Card>
            <Card
              title={t('mentor.evaluation')}
              extra={
                canEvaluate && (
                  <Button
                    size="small"
                    icon={<StarOutlined />}
                    onClick={() => setModal('evaluation')}
                    data-testid="evaluation-open"
                  >
                    {t(data.evaluation ? 'common.edit' : 'mentor.evaluate')}
                  </Button>
                )
              }
              data-testid="pair-evaluation"
            >
              <Flex vertical gap={8}>
                <div>
                  <EvaluationTags evaluation={data.evaluation} t={t} />
                </div>
                {data.evaluation && (
                  <>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {data.evaluation.comment}
                    </Typography.Paragraph>
                    {data.evaluation.evaluatedAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('mentor.evaluatedAt')} {data.evaluation.evaluatedAt.slice(0, 10)}
                      </Typography.Text>
                    )}
                  </>
                )}
              </Flex>
            </Card>
          </Flex>
        </Col>
      </Row>
      {modal === 'agreement' && <AgreementModal pair={data} onClose={() => setModal(null)} />}
      {modal === 'assessment' && <AssessmentModal pairId={data.id} onClose={() => setModal(null)} />}
      {modal === 'evaluation' && (
        <EvaluationModal
          pairId={data.id}
          version={data.version}
          current={data.evaluation}
          onClose={() => setModal(null)}
        />
      )}
    </>
  );
}
