import type { noticesZhCN } from './notices.zh-CN';

export const noticesEn: Record<keyof typeof noticesZhCN, string> = {
  'notice.project_returned': 'Project application returned',
  'notice.project_approved': 'Project approved',
  'notice.project_rejected': 'Project not approved',
  'notice.project_concluded': 'Project concluded',
  'notice.project_failed': 'Project conclusion not passed',
  'notice.report_returned': 'Monthly report {month} returned',
  'notice.report_due_soon': 'Monthly report {month} due soon',
  'notice.report_overdue': 'Monthly report {month} overdue',
  'notice.plan_item_assigned': 'Task assigned: {title}',
  'notice.review_assigned': 'New review task: {round}',
  'notice.prereview_assigned': 'Please pre-review “{title}” ({competition})',
  'notice.prereview_recommended': 'Pre-review of “{title}”: recommended',
  'notice.prereview_not_recommended': 'Pre-review of “{title}”: not recommended this time',
  'notice.entry_result': '“{title}” won {resultLabel} at {competition}',
  'notice.competition_due_soon': 'Competition “{name}” closes soon',
  'notice.competition_overdue': 'Competition “{name}” deadline has passed',
  'notice.compliance_reminder': 'Requirements reminder: {term}',
  'notice.digest': 'Daily digest {day}',
};
