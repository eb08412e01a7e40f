// Where the parameters of API routes point, so hardening tests can aim every route at real records.

/** Which table a path segment's `:id` (or a named parameter) points into. */
export const TABLE_OF_SEGMENT: Record<string, string> = {
  projects: 'projects',
  calls: 'calls',
  reviews: 'review_rounds',
  activities: 'activities',
  observations: 'observations',
  growth: 'growth_records',
  mentorships: 'mentorships',
  people: 'people',
  orgs: 'orgs',
  works: 'works',
  plans: 'plans',
  'student-awards': 'student_awards',
};
export const TABLE_OF_PARAM: Record<string, string> = {
  reportId: 'project_reports',
  fileId: 'project_files',
  changeId: 'project_changes',
  entryId: 'work_entries',
  assignmentId: 'review_assignments',
  attachmentId: 'attachments',
  itemId: 'plan_items',
  outputId: 'project_outputs',
  lessonId: 'research_lessons',
};
