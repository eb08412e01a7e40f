import { lazy, Suspense } from 'react';
import { Loading } from '../../components/States';

/** The charts (ECharts) load only when the dashboard is opened, keeping them out of the main bundle. */
const DashboardView = lazy(() => import('./DashboardView').then((m) => ({ default: m.DashboardView })));

/** 统计看板 (route `/dashboard`). */
export function DashboardPage() {
  return (
    <Suspense fallback={<Loading />}>
      <DashboardView />
    </Suspense>
  );
}
