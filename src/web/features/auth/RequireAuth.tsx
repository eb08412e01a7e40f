import { useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { setUnauthenticatedHandler } from '../../api/client';
import { Loading } from '../../components/States';
import { useT } from '../../i18n';
import { CurrentUserContext, meKey, useMe } from './session';

/** Renders its children only for a signed-in user; otherwise sends them to the login page. */
export function RequireAuth(props: { children: ReactNode; allowMustChange?: boolean }) {
  const t = useT();
  const client = useQueryClient();
  const location = useLocation();
  const me = useMe();
  useEffect(() => {
    setUnauthenticatedHandler(() => client.setQueryData(meKey, null));
  }, [client]);

  if (me.isPending) return <Loading height={400} />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('common.networkError')}
        extra={<Button onClick={() => me.refetch()}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.mustChangePassword && !props.allowMustChange) return <Navigate to="/change-password" replace />;
  return <CurrentUserContext.Provider value={me.data}>{props.children}</CurrentUserContext.Provider>;
}
