import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './components/AppShell';
import { NotFound } from './components/States';
import { ActivitiesPage } from './features/activities/ActivitiesPage';
import { ActivityFormPage } from './features/activities/ActivityFormPage';
import { ActivityPage } from './features/activities/ActivityPage';
import { AuditPage } from './features/audit/AuditPage';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { CallFormPage } from './features/calls/CallFormPage';
import { CallPage } from './features/calls/CallPage';
import { CallsPage } from './features/calls/CallsPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { GrowthArchivePage } from './features/growth/GrowthArchivePage';
import { GrowthPage } from './features/growth/GrowthPage';
import { GrowthRecordPage } from './features/growth/GrowthRecordPage';
import { HomePage } from './features/home/HomePage';
import { JobsPage } from './features/jobs/JobsPage';
import { MentorshipPage } from './features/mentorships/MentorshipPage';
import { MentorshipsPage } from './features/mentorships/MentorshipsPage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { ObservationEntryPage } from './features/observations/ObservationEntryPage';
import { ObservationPage } from './features/observations/ObservationPage';
import { ObservationSettingsPage } from './features/observations/ObservationSettingsPage';
import { ObservationsPage } from './features/observations/ObservationsPage';
import { AssessmentPage } from './features/office/AssessmentPage';
import { CompliancePage } from './features/office/CompliancePage';
import { RulesPage } from './features/office/RulesPage';
import { OrgsPage } from './features/orgs/OrgsPage';
import { PeoplePage } from './features/people/PeoplePage';
import { PersonPage } from './features/people/PersonPage';
import { PlanRedirect } from './features/plans/PlanRedirect';
import { PlansPage } from './features/plans/PlansPage';
import { SettingsPage } from './features/profile/SettingsPage';
import { ConclusionRulesPage } from './features/project-running/ConclusionRulesPage';
import { ProjectFormPage } from './features/projects/ProjectFormPage';
import { ProjectPage } from './features/projects/ProjectPage';
import { ProjectsPage } from './features/projects/ProjectsPage';
import { ReviewsPage } from './features/reviews/ReviewsPage';
import { RoundPage } from './features/reviews/RoundPage';
import { ScoringPage } from './features/reviews/ScoringPage';
import { SearchPage } from './features/search/SearchPage';
import { SummaryPage } from './features/summary/SummaryPage';
import { SystemPage } from './features/system/SystemPage';
import { TermsPage } from './features/terms/TermsPage';
import { AwardsPage } from './features/works/AwardsPage';
import { CompetitionsPage } from './features/works/CompetitionsPage';
import { PrereviewPage } from './features/works/PrereviewPage';
import { StudentAwardsPage } from './features/works/StudentAwardsPage';
import { WorkFormPage } from './features/works/WorkFormPage';
import { WorkPage } from './features/works/WorkPage';
import { WorksPage } from './features/works/WorksPage';

/** Every page of the web client. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/change-password',
    element: (
      <RequireAuth allowMustChange>
        <ChangePasswordPage />
      </RequireAuth>
    ),
  },
  // 听课记录 quick entry: a full-screen phone layout of its own (no side menu)
  {
    path: '/observations/new',
    element: (
      <RequireAuth>
        <ObservationEntryPage />
      </RequireAuth>
    ),
  },
  {
    path: '/observations/:id/edit',
    element: (
      <RequireAuth>
        <ObservationEntryPage />
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'jobs', element: <JobsPage /> },
      { path: 'orgs', element: <OrgsPage /> },
      { path: 'people', element: <PeoplePage /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'people/:id/growth', element: <GrowthArchivePage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'growth', element: <GrowthPage /> },
      { path: 'growth/:id', element: <GrowthRecordPage /> },
      { path: 'mentorships', element: <MentorshipsPage /> },
      { path: 'mentorships/:id', element: <MentorshipPage /> },
      { path: 'activities', element: <ActivitiesPage /> },
      { path: 'activities/new', element: <ActivityFormPage /> },
      { path: 'activities/:id', element: <ActivityPage /> },
      { path: 'activities/:id/edit', element: <ActivityFormPage /> },
      { path: 'observations', element: <ObservationsPage /> },
      { path: 'observations/settings', element: <ObservationSettingsPage /> },
      { path: 'observations/:id', element: <ObservationPage /> },
      { path: 'calls', element: <CallsPage /> },
      { path: 'calls/new', element: <CallFormPage /> },
      { path: 'calls/:id', element: <CallPage /> },
      { path: 'calls/:id/edit', element: <CallFormPage /> },
      { path: 'projects', element: <ProjectsPage /> },
      { path: 'projects/new', element: <ProjectFormPage /> },
      { path: 'projects/:id', element: <ProjectPage /> },
      { path: 'projects/:id/edit', element: <ProjectFormPage /> },
      { path: 'reviews', element: <ReviewsPage /> },
      { path: 'conclusion-rules', element: <ConclusionRulesPage /> },
      { path: 'reviews/:id', element: <RoundPage /> },
      { path: 'reviews/:id/assignments/:assignmentId', element: <ScoringPage /> },
      { path: 'works', element: <WorksPage /> },
      { path: 'works/new', element: <WorkFormPage /> },
      { path: 'works/prereview', element: <PrereviewPage /> },
      // Notices of pre-review requests written before they linked to the page above.
      { path: 'prereviews', element: <Navigate to="/works/prereview" replace /> },
      { path: 'works/competitions', element: <CompetitionsPage /> },
      { path: 'works/awards', element: <AwardsPage /> },
      { path: 'works/student-awards', element: <StudentAwardsPage /> },
      { path: 'works/:id', element: <WorkPage /> },
      { path: 'works/:id/edit', element: <WorkFormPage /> },
      { path: 'terms', element: <TermsPage /> },
      { path: 'rules', element: <RulesPage /> },
      { path: 'compliance', element: <CompliancePage /> },
      { path: 'assessment', element: <AssessmentPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'plans', element: <PlansPage /> },
      // A plan item's notice and the calendar link to their plan: the plans page on its org and term.
      { path: 'plans/:id', element: <PlanRedirect /> },
      { path: 'summary', element: <SummaryPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'system', element: <SystemPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
