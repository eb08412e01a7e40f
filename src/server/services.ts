import { AuthService } from './auth/auth.service.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { JobService } from './jobs/jobs.service.js';
import { ActivityService } from './modules/activities/activities.service.js';
import { AssessmentService } from './modules/assessment/assessment.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { CallService } from './modules/calls/calls.service.js';
import { ChangeService } from './modules/changes/changes.service.js';
import { ComplianceService } from './modules/compliance/compliance.service.js';
import { ConclusionService } from './modules/conclusion/conclusion.service.js';
import { ExportService } from './modules/exports/exports.service.js';
import { FileService } from './modules/files/files.service.js';
import { GrowthService } from './modules/growth/growth.service.js';
import { MentorshipService } from './modules/mentorships/mentorships.service.js';
import { NotificationService } from './modules/notifications/notifications.service.js';
import { ObservationService } from './modules/observations/observations.service.js';
import { RubricService } from './modules/observations/rubrics.service.js';
import { OrgService } from './modules/orgs/orgs.service.js';
import { PeopleService } from './modules/people/people.service.js';
import { CalendarService } from './modules/plans/calendar.service.js';
import { PlanService } from './modules/plans/plans.service.js';
import { ProjectService } from './modules/projects/projects.service.js';
import { ReportService } from './modules/reports/reports.service.js';
import { ReviewService } from './modules/reviews/reviews.service.js';
import { RulesService } from './modules/rules/rules.service.js';
import { SearchService } from './modules/search/search.service.js';
import { StatsService } from './modules/stats/stats.service.js';
import { SummaryService } from './modules/summary/summary.service.js';
import { SystemService } from './modules/system/system.service.js';
import { TermService } from './modules/terms/terms.service.js';
import { TodoService } from './modules/todo/todo.service.js';
import { WorksService } from './modules/works/works.service.js';
import { localFileStore, type Uploads } from './storage/file-store.js';
import { type FileScanner, NO_SCAN } from './storage/scanner.js';

/** The services of one app instance, built once from the database and config. */
export function createServices(database: Database, config: Pick<Config, 'sessionHours'> & { scanner?: FileScanner }) {
  const store = localFileStore();
  const uploads: Uploads = { store, scanner: config.scanner ?? NO_SCAN };
  const stats = new StatsService(
    database,
    new ComplianceService(database, new RulesService(database)),
    new AssessmentService(database, new RulesService(database)),
  );
  const reviews = new ReviewService(database);
  const works = new WorksService(database, uploads);
  return {
    database,
    store,
    uploads,
    jobs: new JobService(database, uploads),
    auth: new AuthService(database, config.sessionHours),
    orgs: new OrgService(database),
    people: new PeopleService(database),
    terms: new TermService(database),
    audit: new AuditService(database),
    calls: new CallService(database),
    projects: new ProjectService(database),
    reviews,
    files: new FileService(database, uploads),
    exports: new ExportService(database),
    reports: new ReportService(database),
    conclusion: new ConclusionService(database),
    changes: new ChangeService(database),
    activities: new ActivityService(database),
    observations: new ObservationService(database),
    rubrics: new RubricService(database),
    growth: new GrowthService(database),
    mentorships: new MentorshipService(database),
    works,
    todo: new TodoService(database, reviews, works),
    stats,
    plans: new PlanService(database),
    calendar: new CalendarService(database),
    // The summary states exactly the dashboard's figures: the same stats service, same rules.
    summary: new SummaryService(database, stats),
    search: new SearchService(database),
    system: new SystemService(database, uploads.scanner),
    notifications: new NotificationService(database),
    rules: new RulesService(database),
    compliance: new ComplianceService(database, new RulesService(database)),
    assessment: new AssessmentService(database, new RulesService(database)),
  };
}
export type Services = ReturnType<typeof createServices>;

/** A write that changes records was answered: computed figures and kept wide views are made again. */
export function recordsChanged(
  services: Pick<Services, 'stats' | 'compliance' | 'assessment' | 'projects' | 'people' | 'works'>,
): void {
  services.stats.invalidate();
  services.projects.invalidate();
  services.people.invalidate();
  services.works.invalidate();
  services.compliance.invalidate();
  services.assessment.invalidate();
}
