import { CheckCircleFilled, CloseCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Collapse, Flex, Progress, Select, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../components/States';
import { type MessageKey, useLang, useT } from '../../i18n';
import { type Evidence, type EvidenceSource, schoolYearOf, useEightOnes } from './growth.api';
import { growthLabel } from './labels';

/** The current school year and the four before it. */
function yearChoices(current: number): number[] {
  return [0, 1, 2, 3, 4].map((back) => current - back);
}

const sourceLabels: Record<EvidenceSource, MessageKey> = {
  growth: 'eightOnes.source.growth',
  project: 'eightOnes.source.project',
  research_lesson: 'eightOnes.source.research_lesson',
  project_output: 'eightOnes.source.project_output',
  work: 'eightOnes.source.work',
};

/** Where a record behind an item opens: growth records, projects and registered works have pages. */
function linkOf(evidence: Evidence): string | undefined {
  if (evidence.source === 'growth') return `/growth/${evidence.id}`;
  if (evidence.source === 'project') return `/projects/${evidence.id}`;
  if (evidence.source === 'work') return `/works/${evidence.id}`;
  return undefined;
}

/** 八个一: eight items computed by the server from the records of a school year, each opening to its records. */
export function EightOnesCard(props: { personId: string; extra?: ReactNode; title?: ReactNode }) {
  const t = useT();
  const { lang } = useLang();
  const current = schoolYearOf(dayjs().format('YYYY-MM-DD'));
  const [year, setYear] = useState(current);
  const eightOnes = useEightOnes(props.personId, year);
  const items = eightOnes.data?.items ?? [];
  const met = items.filter((item) => item.met).length;

  return (
    <Card
      title={props.title ?? t('eightOnes.title')}
      extra={
        <Flex gap={8} align="center">
          {props.extra}
          <Select
            size="small"
            value={year}
            onChange={setYear}
            options={yearChoices(current).map((y) => ({
              value: y,
              label: t('eightOnes.yearLabel', { from: y, to: y + 1 }),
            }))}
            style={{ width: 150 }}
            data-testid="eight-ones-year"
          />
        </Flex>
      }
      data-testid="eight-ones"
    >
      {eightOnes.isPending ? (
        <Loading height={200} />
      ) : eightOnes.isError ? (
        <Typography.Text type="danger">{eightOnes.error.message}</Typography.Text>
      ) : (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }}>
            {t('eightOnes.subtitle')}
          </Typography.Text>
          <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
            <Progress
              percent={items.length ? Math.round((met / items.length) * 100) : 0}
              steps={items.length || 8}
              size={[20, 10]}
              showInfo={false}
              strokeColor="#52c41a"
            />
            <Typography.Text strong data-testid="eight-ones-progress">
              {t('eightOnes.progress', { met, total: items.length })}
            </Typography.Text>
          </Flex>
          <Collapse
            size="small"
            ghost
            items={items.map((item) => {
              const label = growthLabel(t, 'eightOnes', item.key, item.label);
              const rule = lang === 'zh-CN' ? item.rule : growthLabel(t, 'eightOnes.rule', item.key, item.rule);
              return {
                key: item.key,
                label: (
                  <Flex
                    justify="space-between"
                    align="center"
                    gap={8}
                    data-testid={`eight-one-${item.key}`}
                    data-met={item.met}
                  >
                    <Flex gap={8} align="center">
                      {item.met ? (
                        <CheckCircleFilled style={{ color: '#52c41a', fontSize: 16 }} aria-label={t('eightOnes.met')} />
                      ) : (
                        <CloseCircleOutlined
                          style={{ color: '#ff7875', fontSize: 16 }}
                          aria-label={t('eightOnes.notMet')}
                        />
                      )}
                      <Typography.Text type={item.met ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
                        {label}
                      </Typography.Text>
                      <Tooltip title={rule}>
                        <QuestionCircleOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
                      </Tooltip>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                      {t('eightOnes.count', { n: item.evidence.length })}
                    </Typography.Text>
                  </Flex>
                ),
                children: (
                  <Flex vertical gap={6} data-testid={`eight-one-${item.key}-records`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {rule}
                    </Typography.Text>
                    {item.evidence.length === 0 ? (
                      <Typography.Text type="secondary">{t('eightOnes.noRecords')}</Typography.Text>
                    ) : (
                      item.evidence.map((evidence) => {
                        const to = linkOf(evidence);
                        return (
                          <Flex key={`${evidence.source}-${evidence.id}`} justify="space-between" gap={8}>
                            <span>
                              <Tag style={{ marginInlineEnd: 6 }}>{t(sourceLabels[evidence.source])}</Tag>
                              {to ? <Link to={to}>{evidence.title}</Link> : evidence.title}
                            </span>
                            {evidence.date && (
                              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                                {evidence.date}
                              </Typography.Text>
                            )}
                          </Flex>
                        );
                      })
                    )}
                  </Flex>
                ),
              };
            })}
          />
        </>
      )}
    </Card>
  );
}
