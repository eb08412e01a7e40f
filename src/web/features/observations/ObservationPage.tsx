import { ArrowLeftOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Progress, Row, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, Loading, NotFound } from '../../components/States';
import { type MessageKey, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { FlagTag, mayReopen, ObservationStatusTag, overseesSchool, totalOf } from './labels';
import { isOpen, useObservation, useObservationFlags, useObservationHistory, useRubric } from './observations.api';
import { ReopenModal } from './ReopenModal';

const historyActions = new Set(['edit', 'submit', 'reopen']);

/** One observation: who, when, the scores against the rubric, the notes, the history; submit/reopen as allowed. */
export function ObservationPage() {
  const { id } = useParams();
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const query = useObservation(id);
  const history = useObservationHistory(id);
  const rubric = useRubric(query.data?.orgId ?? me.orgId);
  const flags = useObservationFlags(query.data?.orgId ?? me.orgId, overseesSchool(me));
  const [reopening, setReopening] = useState<string | null>(null);

  if (query.isPending) return <Loading height={400} />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) {
      return <NotFound text={t('observation.notFound')} />;
    }
    return <EmptyState text={query.error.message} />;
  }
  const o = query.data;
  const flag = flags.data?.find((item) => item.observationId === o.id);
  const copyOfId = o.copyOfId ?? flag?.copyOfId;
  const flagged = Boolean(o.flagged) || Boolean(flag);
  const items = rubric.data ?? Object.keys(o.scores).map((key) => ({ key, label: key, max: 5, descriptor: null }));
  const maxTotal = items.reduce((sum, item) => sum + item.max, 0);
  const mine = o.observerId === me.id;
  const none = t('common.none');

  return (
    <>
      <PageHeader
        title={o.topic || t('observation.details')}
        subtitle={
          <Flex gap={6} wrap align="center">
            <ObservationStatusTag status={o.status} />
            {flagged && <FlagTag similarity={o.similarity ?? flag?.similarity} />}
          </Flex>
        }
        extra={
          <>
            <Link to="/observations">
              <Button icon={<ArrowLeftOutlined />}>{t('observation.back')}</Button>
            </Link>
            {isOpen(o) && mine && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => navigate(`/observations/${o.id}/edit`)}
                data-testid="obs-continue"
              >
                {t('observations.continue')}
              </Button>
            )}
            {mayReopen(me, o) && (
              <Button icon={<RollbackOutlined />} onClick={() => setReopening(o.id)} data-testid="obs-reopen">
                {t('observation.reopen')}
              </Button>
            )}
          </>
        }
      />
      {flagged && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('observations.flaggedTip', {
            pct: Math.round(
              (o.similarity ?? flag?.similarity ?? 1) <= 1
                ? (o.similarity ?? flag?.similarity ?? 1) * 100
                : (o.similarity ?? flag?.similarity ?? 100),
            ),
          })}
          action={
            copyOfId && (
              <Link to={`/observations/${copyOfId}`} data-testid="obs-copy-link">
                {t('observation.openCopy')}
              </Link>
            )
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('observation.details')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              data-testid="obs-details"
              items={[
                { key: 'teacher', label: t('observation.teacher'), children: o.teacherName ?? none },
                {
                  key: 'observer',
                  label: t('observation.observer'),
                  children: o.observerName ?? t('observations.anonymous'),
                },
                {
                  key: 'date',
                  label: t('observation.date'),
                  children: `${dayjs(o.date).format('YYYY-MM-DD ddd')}${o.period ? ` ${t('observation.periodN', { n: o.period })}` : ''}`,
                },
                { key: 'class', label: t('observation.className'), children: o.className || none },
                { key: 'subject', label: t('observation.subject'), children: o.subject || none },
                { key: 'topic', label: t('observation.topic'), children: o.topic || none },
              ]}
            />
          </Card>
          <Card title={t('observation.notes')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="obs-notes-view">
              {o.notes || none}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card
            title={t('observation.rubric')}
            extra={
              <Typography.Text strong data-testid="obs-total">
                {t('observation.total')} {totalOf(o)}
                {maxTotal ? `/${maxTotal}` : ''}
              </Typography.Text>
            }
            style={{ marginBottom: 16 }}
          >
            <Flex vertical gap={12} data-testid="obs-scores">
              {items.map((item) => {
                const score = o.scores[item.key];
                return (
                  <div key={item.key}>
                    <Flex justify="space-between">
                      <Typography.Text>{item.label}</Typography.Text>
                      <Typography.Text strong>{score ?? t('observation.notScored')}</Typography.Text>
                    </Flex>
                    <Progress percent={score ? (score / item.max) * 100 : 0} showInfo={false} size="small" />
                  </div>
                );
              })}
            </Flex>
          </Card>
          <Card title={t('observation.history')}>
            {history.isPending ? (
              <Loading height={80} />
            ) : history.isError ? (
              <EmptyState text={history.error.message} />
            ) : (history.data ?? []).length === 0 ? (
              <EmptyState text={t('observation.historyEmpty')} />
            ) : (
              <Timeline
                data-testid="obs-history"
                items={(history.data ?? []).map((item) => ({
                  key: item.id,
                  color: item.action.startsWith('reopen')
                    ? 'orange'
                    : item.action.startsWith('submit')
                      ? 'green'
                      : 'blue',
                  content: (
                    <div>
                      <Typography.Text strong>
                        {historyActions.has(item.action)
                          ? t(`observation.historyAction.${item.action}` as MessageKey)
                          : item.action}
                      </Typography.Text>
                      {item.actorName && <Typography.Text> · {item.actorName}</Typography.Text>}
                      <div>
                        <Typography.Text type="secondary">{dayjs(item.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                      </div>
                      {item.reason && (
                        <div>
                          {t('observation.reopenReason')}：{item.reason}
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <ReopenModal id={reopening} onClose={() => setReopening(null)} />
    </>
  );
}
