import { Button, Empty, Flex, Result, Spin } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n';

/** A centred spinner for a whole page or card. */
export function Loading({ height = 240 }: { height?: number }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: height }}>
      <Spin description={t('common.loading')} />
    </Flex>
  );
}

/** An empty state with one sentence. */
export function EmptyState({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}

/** The page shown when the caller lacks the ability for it. */
export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** The page shown for an unknown address or a record outside the caller's scope. */
export function NotFound({ text }: { text?: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={text ?? t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
