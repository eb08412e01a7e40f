import { FileWordOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { type MessageKey, type Translate, useT } from '../../i18n';
import { enumLabel } from '../project-running/labels';
import { kindLabel, outcomeLabel } from '../projects/labels';
import type { ReviewProject } from './reviews.types';

const sectionOrder = ['significance', 'goals', 'methods', 'steps', 'budget'] as const;
const sectionKeys: Record<(typeof sectionOrder)[number], MessageKey> = {
  significance: 'reviews.score.section.significance',
  goals: 'reviews.score.section.goals',
  methods: 'reviews.score.section.methods',
  steps: 'reviews.score.section.steps',
  budget: 'reviews.score.section.budget',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A promised outcome as text: 论文 × 2. */
function outcomeText(t: Translate, outcome: unknown): string {
  if (!isRecord(outcome)) return String(outcome);
  const kind = typeof outcome.kind === 'string' ? outcomeLabel(t, outcome.kind) : '';
  return typeof outcome.count === 'number' ? `${kind} × ${outcome.count}` : kind;
}

/** The application as the expert may see it; identities are absent in a blind round. */
export function ApplicationView({ roundId, project }: { roundId: string; project: ReviewProject }) {
  const base = `/api/reviews/${roundId}/assignments/${project.assignmentId}`;
  const t = useT();
  const sections = sectionOrder
    .map((key) => ({ key, label: t(sectionKeys[key]), text: project.sections[key] }))
    .filter((s) => s.key !== 'budget' || s.text);
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <Tag color="blue">{project.code}</Tag>
          <span>{project.title}</span>
        </Flex>
      }
      extra={
        <Button size="small" icon={<FileWordOutlined />} href={`${base}/review-sheet.docx`} data-testid="review-sheet">
          {t('reviews.score.sheet')}
        </Button>
      }
      data-testid="review-application"
    >
      {project.blind && (
        <Alert type="info" showIcon title={t('reviews.score.blindNotice')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('reviews.level')}>{enumLabel(t, 'running.level', project.level)}</Descriptions.Item>
        <Descriptions.Item label={t('reviews.projectKind')}>{kindLabel(t, project.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('reviews.score.subject')}>{project.subject ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('reviews.score.outcomes')}>
          {project.expectedOutcomes.map((o) => outcomeText(t, o)).join('，') || t('common.none')}
        </Descriptions.Item>
        {!project.blind && project.hostName && (
          <Descriptions.Item label={t('reviews.score.host')}>{project.hostName}</Descriptions.Item>
        )}
        {!project.blind && project.schoolName && (
          <Descriptions.Item label={t('reviews.score.school')}>{project.schoolName}</Descriptions.Item>
        )}
        {!project.blind && project.members && project.members.length > 0 && (
          <Descriptions.Item label={t('reviews.score.members')} span={2}>
            {project.members.map((m) => m.name).join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {sections.map((section) => (
        <div key={section.key} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{section.label}</Typography.Title>
          {typeof section.text === 'string' && section.text.trim() ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{section.text}</Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">{t('reviews.score.emptySection')}</Typography.Text>
          )}
        </div>
      ))}
      <Typography.Title level={5}>{t('reviews.score.files')}</Typography.Title>
      {project.files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.score.noFiles')} />
      ) : (
        <List
          size="small"
          dataSource={project.files}
          renderItem={(file) => (
            <List.Item>
              <Flex gap={8}>
                <PaperClipOutlined />
                <a href={`${base}/files/${file.id}`} data-testid="review-file">
                  {file.name}
                </a>
                <Tag>{enumLabel(t, 'running.fileCategory', file.category)}</Tag>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
