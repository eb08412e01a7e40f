import type { AssessmentSourceItem } from './office.api';

/** Where a counted record opens in the app, by its kind (none when it has no page). */
export function recordLink(kind: string, id: string): string | undefined {
  if (kind === 'observation') return `/observations/${id}`;
  if (kind === 'project') return `/projects/${id}`;
  if (kind === 'work') return `/works/${id}`;
  if (kind === 'growth' || growthKinds.has(kind)) return `/growth/${id}`;
  if (kind === 'activity' || activityKinds.has(kind)) return `/activities/${id}`;
  return undefined;
}

const growthKinds = new Set(['reading', 'essay', 'reflection', 'case', 'narrative', 'lesson_plan', 'lesson_example']);
const activityKinds = new Set([
  'research_lesson',
  'open_lesson',
  'demo_lesson',
  'contest_lesson',
  'model_lesson',
  'collective_prep',
  'lesson_review',
  'lecture',
  'training',
  'salon',
  'project_seminar',
  'study_report',
]);

/** Where an assessment item's record opens: its own page, or the list that holds it. */
export function sourceLink(item: AssessmentSourceItem, scopeQuery: string): string | undefined {
  switch (item.source) {
    case 'project':
      return `/projects/${item.sourceId}`;
    case 'activity':
      return `/activities/${item.sourceId}`;
    case 'award':
      return '/works/awards';
    case 'publication':
      return '/works';
    case 'student_award':
      return '/works/student-awards';
    case 'quota':
      return `/compliance?${scopeQuery}`;
    default:
      return undefined;
  }
}
