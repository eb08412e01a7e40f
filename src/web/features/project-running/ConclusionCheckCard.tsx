import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Card, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { EmptyState, Loading } from '../../components/States';
import { type Translate, useT } from '../../i18n';
import { outcomeLabel } from '../projects/labels';
import { enumLabel } from './labels';
import { useConclusionCheck } from './running.api';
import type { CheckRecord, RunningProject } from './running.types';

/** ✓ or ✗; a soft ✗ (orange) for what is compared but does not decide. */
function Mark({ passed, soft }: { passed: boolean; soft?: boolean }) {
  if (passed) return <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} aria-label="✓" />;
  if (soft) return <ExclamationCircleFilled style={{ color: '#faad14', fontSize: 18 }} aria-label="✗" />;
  return <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 18 }} aria-label="✗" />;
}

function recordLine(t: Translate, record: CheckRecord): string {
  const parts = [enumLabel(t, 'running.outputKind', record.kind)];
  if (record.level) parts.push(enumLabel(t, 'running.level', record.level));
  if (record.charCount) parts.push(t('running.check.chars', { n: record.charCount }));
  if (record.result) parts.push(enumLabel(t, 'running.awardResult', record.result));
  return parts.join(' · ');
}

function Records({ records }: { records: CheckRecord[] }) {
  const t = useT();
  if (records.length === 0) return <Typography.Text type="secondary">{t('running.check.noRecords')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {records.map((record) => (
        <li key={record.id}>
          《{record.title}》 <Typography.Text type="secondary">{recordLine(t, record)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

function Row(props: {
  passed: boolean;
  soft?: boolean;
  title: ReactNode;
  figures: string;
  records: CheckRecord[];
  testId: string;
}) {
  return (
    <List.Item data-testid={props.testId} data-passed={props.passed}>
      <Flex gap={12} align="flex-start" style={{ width: '100%' }}>
        <Mark passed={props.passed} soft={props.soft} />
        <Flex vertical gap={4} style={{ flex: 1 }}>
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text strong>{props.title}</Typography.Text>
            <Tag color={props.passed ? 'success' : props.soft ? 'warning' : 'error'}>{props.figures}</Tag>
          </Flex>
          <Records records={props.records} />
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** 结题条件核对: each rule and each promised outcome with ✓/✗, required against actual, and the records behind it. */
export function ConclusionCheckCard({ project }: { project: RunningProject }) {
  const t = useT();
  const check = useConclusionCheck(project.id);
  if (check.isLoading) return <Loading height={120} />;
  const data = check.data;
  if (!data) return null;
  const canRequest = project.abilities.actions.includes('request_conclusion');

  return (
    <Card
      title={t('running.check.title')}
      extra={
        <Typography.Text type="secondary">
          {t('running.check.level', { level: enumLabel(t, 'running.level', data.level) })}
        </Typography.Text>
      }
      data-testid="conclusion-check"
    >
      <Alert
        type={data.passed ? 'success' : 'warning'}
        showIcon
        title={data.passed ? t('running.check.passed') : t('running.check.failed')}
        description={
          canRequest ? (data.passed ? t('running.check.requestOk') : t('running.check.requestHint')) : undefined
        }
        style={{ marginBottom: 16 }}
        data-testid={data.passed ? 'conclusion-passed' : 'conclusion-failed'}
      />
      <Typography.Title level={5}>{t('running.check.rules')}</Typography.Title>
      {data.rules.length === 0 ? (
        <EmptyState text={t('running.check.noRules')} />
      ) : (
        <List
          dataSource={data.rules}
          renderItem={(rule) => (
            <Row
              testId={`check-rule-${rule.key}`}
              passed={rule.passed}
              title={rule.label}
              figures={`${t('running.check.required', { n: rule.required })} / ${t('running.check.actual', { n: rule.actual })}`}
              records={rule.records}
            />
          )}
        />
      )}
      {data.promises.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('running.check.promises')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('running.check.promisesNote')}</Typography.Text>
          <List
            dataSource={data.promises}
            renderItem={(promise) => (
              <Row
                testId={`check-promise-${promise.kind}`}
                passed={promise.passed}
                soft
                title={outcomeLabel(t, promise.kind)}
                figures={`${t('running.check.promised', { n: promise.promised })} / ${t('running.check.delivered', { n: promise.delivered })}`}
                records={promise.records}
              />
            )}
          />
        </>
      )}
    </Card>
  );
}
