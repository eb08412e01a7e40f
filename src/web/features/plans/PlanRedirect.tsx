import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { Loading, NotFound } from '../../components/States';
import type { Plan } from './plans.api';

/**
 * `/plans/:id`, where a plan item's notice and the calendar link: the plans page on that plan's org and term,
 * which the page keeps in its address. A plan the caller may not read answers 404 and shows 页面不存在.
 */
export function PlanRedirect() {
  const { id } = useParams();
  const plan = useQuery({
    queryKey: ['plans', 'one', id],
    enabled: Boolean(id),
    retry: false,
    queryFn: () => api.get<Plan>(`/api/plans/${id}`),
  });
  if (plan.isLoading) return <Loading />;
  if (!plan.data) return <NotFound />;
  const to = `/plans?${new URLSearchParams({ orgId: plan.data.orgId, termId: plan.data.termId })}`;
  return <Navigate to={to} replace />;
}
