import { EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type MessageKey, useT } from '../../i18n';
import { outcomeLabel } from './labels';
import type { Project, ProjectSections } from './projects.api';

const sections: { key: keyof ProjectSections; label: MessageKey }[] = [
  { key: 'significance', label: 'form.significance' },
  { key: 'goals', label: 'form.goals' },
  { key: 'methods', label: 'form.methods' },
  { key: 'steps', label: 'form.steps' },
  { key: 'budget', label: 'form.budget' },
];

/** 申报书 (read-only): sections, members, expected outcomes, Word exports and 编辑. */
export function ApplicationTab({ project }: { project: Project }) {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Button
          icon={<FileWordOutlined />}
          href={`/api/projects/${project.id}/export/application.docx`}
          data-testid="project-export-application"
        >
          {t('project.exportApplication')}
        </Button>
        <Button
          icon={<FileWordOutlined />}
          href={`/api/projects/${project.id}/export/review-sheet.docx`}
          data-testid="project-export-review-sheet"
        >
          {t('project.exportReviewSheet')}
        </Button>
        {project.abilities.edit && (
          <Link to={`/projects/${project.id}/edit`}>
            <Button type="primary" icon={<EditOutlined />} data-testid="project-edit">
              {t('project.edit')}
            </Button>
          </Link>
        )}
      </Flex>
      <Card size="small" title={t('project.members')}>
        <Flex wrap gap={8} data-testid="project-members">
          {project.members.map((member) => (
            <Tag
              key={member.personId}
              color={member.role === 'host' ? 'blue' : member.role === 'core' ? 'cyan' : undefined}
            >
              {member.name} · {t(`memberRole.${member.role}`)}
            </Tag>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('project.outcomes')}>
        {project.expectedOutcomes.length === 0 ? (
          <Typography.Text type="secondary">{t('project.sectionEmpty')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={project.expectedOutcomes}
            renderItem={(outcome) => (
              <List.Item>
                {t('project.outcomeLine', { kind: outcomeLabel(t, outcome.kind), count: outcome.count })}
              </List.Item>
            )}
            data-testid="project-outcomes"
          />
        )}
      </Card>
      <Descriptions
        bordered
        column={1}
        styles={{ label: { width: 160, verticalAlign: 'top' } }}
        items={sections
          .filter((section) => section.key !== 'budget' || project.sections.budget)
          .map((section) => ({
            key: section.key,
            label: t(section.label),
            children: project.sections[section.key] ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {project.sections[section.key]}
              </Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('project.sectionEmpty')}</Typography.Text>
            ),
          }))}
        data-testid="project-sections"
      />
    </Flex>
  );
}
