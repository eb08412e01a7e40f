import { FolderOpenOutlined, ReadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Progress, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT } from '../../i18n';
import { schoolYearOf, useEightOnes } from './growth.api';

/** The growth summary on a teacher's profile: this school year's 八个一 and a link to the archive. */
export function PersonGrowthCard({ personId }: { personId: string }) {
  const t = useT();
  const eightOnes = useEightOnes(personId, schoolYearOf(dayjs().format('YYYY-MM-DD')));
  const items = eightOnes.data?.items ?? [];
  const met = items.filter((item) => item.met).length;
  return (
    <Card title={t('person.growth')} data-testid="person-growth">
      <Flex vertical align="center" gap={12} style={{ padding: '8px 0' }}>
        {eightOnes.isSuccess ? (
          <>
            <Progress
              type="circle"
              size={88}
              percent={items.length ? Math.round((met / items.length) * 100) : 0}
              format={() => `${met}/${items.length}`}
              strokeColor="#52c41a"
            />
            <Typography.Text type="secondary" data-testid="person-growth-summary">
              {t('person.growthSummary', { met, total: items.length })}
            </Typography.Text>
          </>
        ) : (
          <ReadOutlined style={{ fontSize: 40, color: '#8fb3e8' }} />
        )}
        <Link to={`/people/${personId}/growth`}>
          <Button type="primary" ghost icon={<FolderOpenOutlined />} data-testid="person-growth-archive">
            {t('person.growthArchive')}
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}
