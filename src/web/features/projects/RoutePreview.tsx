import { Alert, Steps, Typography } from 'antd';
import { Loading } from '../../components/States';
import { useT } from '../../i18n';
import { useProjectRoute } from './projects.api';

/** The 逐级推荐 route of an application: each tier, who acts there, and its quota. */
export function RoutePreview({ projectId }: { projectId: string }) {
  const t = useT();
  const route = useProjectRoute(projectId, true);
  if (route.isPending) return <Loading height={120} />;
  if (route.isError) return <Alert type="error" showIcon title={route.error.message} />;
  const current = route.data.items.findIndex((step) => step.state === 'current');
  return (
    <>
      {route.data.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} data-testid="route-warning" />
      ))}
      <Steps
        direction="vertical"
        size="small"
        current={current === -1 ? 0 : current}
        items={route.data.items.map((step) => ({
          title: `${step.orgName} · ${t(step.step === 'recommend' ? 'transition.routeRecommend' : 'transition.routeApprove')}`,
          content: (
            <Typography.Text type="secondary">
              {step.people.length > 0
                ? t('transition.routePeople', { people: step.people.join('、') })
                : t('transition.routeNobody')}
              {step.step === 'recommend' &&
                ` · ${step.quota === null ? t('transition.routeNoQuota') : t('transition.routeQuota', { n: step.quota })}`}
            </Typography.Text>
          ),
        }))}
        data-testid="project-route"
      />
    </>
  );
}
