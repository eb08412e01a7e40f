import { EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Grid, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { type MessageKey, useT } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { outcomeLabel } from './labels';
import type { Action, Project, ProjectSections } from './projects.api';

const sections: { key: keyof ProjectSections; label: MessageKey }[] = [
  { key: 'significance', label: 'form.significance' },
  { key: 'goals', label: 'form.goals' },
  { key: 'methods', label: 'form.methods' },
  { key: 'steps', label: 'form.steps' },
  { key: 'budget', label: 'form.budget' },
];

const managingActions = new Set<Action>(['approve', 'send_to_review', 'reject']);
const managingRoles = new Set(['sysadmin', 'research_admin', 'school_director']);

/**
 * Whether to offer the anonymous 评审活页: a paper for the managing side to hand to experts, never
 * for the applicants on their own application.
 */
function offersReviewSheet(project: Project, me: Me): boolean {
  const own = project.hostId === me.id || project.members.some((member) => member.personId === me.id);
  if (own) return false;
  return (
    project.abilities.actions.some((action) => managingActions.has(action)) ||
    me.roles.some((grant) => managingRoles.has(grant.role))
  );
}

/** 申报书 (read-only): sections, members, expected outcomes, Word exports and 编辑. */
export function ApplicationTab({ project }: { project: Project }) {
  const t = useT();
  const narrow = Grid.useBreakpoint().md === false;
  const me = useCurrentUser();
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
        {offersReviewSheet(project, me) && (
          <Button
            icon={<FileWordOutlined />}
            href={`/api/projects/${project.id}/export/review-sheet.docx`}
            data-testid="project-export-review-sheet"
          >
            {t('project.exportReviewSheet')}
          </Button>
        )}
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
        // On a phone each section's name sits above its text, which then has the screen's width.
        layout={narrow ? 'vertical' : 'horizontal'}
        styles={{ label: narrow ? { verticalAlign: 'top' } : { width: 160, verticalAlign: 'top' } }}
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
