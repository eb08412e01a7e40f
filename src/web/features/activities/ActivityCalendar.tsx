import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, Col, Flex, Row, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n';
import { type ActivityKind, type CalendarItem, useActivityCalendar } from './activities.api';
import { ActivityKindTag, clock, kindColour, timeRange } from './labels';

/** Monday of the week of a day (whatever the locale's week start). */
function mondayOf(day: Dayjs): Dayjs {
  return day.subtract((day.day() + 6) % 7, 'day').startOf('day');
}

function byDate(items: CalendarItem[]): Map<string, CalendarItem[]> {
  const map = new Map<string, CalendarItem[]>();
  const sorted = [...items].sort((a, b) =>
    `${a.date}${clock(a.startsAt)}`.localeCompare(`${b.date}${clock(b.startsAt)}`),
  );
  for (const item of sorted) {
    const key = item.date.slice(0, 10);
    map.set(key, [...(map.get(key) ?? []), item]);
  }
  return map;
}

const badgeColours: Record<string, string> = { processing: 'blue', default: 'gray' };

/** The month view: each day lists its activities (up to three, then "还有 n 项"). */
export function ActivityMonth({ orgId, kind }: { orgId?: string; kind?: ActivityKind }) {
  const t = useT();
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  // the panel shows six weeks around the month
  const from = mondayOf(month).format('YYYY-MM-DD');
  const to = mondayOf(month).add(41, 'day').format('YYYY-MM-DD');
  const calendar = useActivityCalendar(orgId, from, to, kind);
  const days = useMemo(() => byDate(calendar.data ?? []), [calendar.data]);

  return (
    <Spin spinning={calendar.isFetching}>
      <Calendar
        value={month.isSame(dayjs(), 'month') ? dayjs() : month}
        onPanelChange={(date) => setMonth(date.startOf('month'))}
        onSelect={(date, info) => {
          if (info.source !== 'date') setMonth(date.startOf('month'));
        }}
        data-testid="activities-month"
        cellRender={(current, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = days.get(current.format('YYYY-MM-DD')) ?? [];
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.slice(0, 3).map((item) => (
                <li key={item.id} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  <Link to={`/activities/${item.id}`} title={item.title} data-testid="calendar-item">
                    <Badge color={badgeColours[kindColour(item.kind)] ?? kindColour(item.kind)} />{' '}
                    <Typography.Text style={{ fontSize: 12 }}>
                      {item.startsAt ? `${clock(item.startsAt)} ` : ''}
                      {item.title}
                    </Typography.Text>
                  </Link>
                </li>
              ))}
              {items.length > 3 && (
                <li>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('activities.more', { n: items.length - 3 })}
                  </Typography.Text>
                </li>
              )}
            </ul>
          );
        }}
      />
    </Spin>
  );
}

/** The week view: seven days, Monday first, each with its activities in time order. */
export function ActivityWeek({ orgId, kind }: { orgId?: string; kind?: ActivityKind }) {
  const t = useT();
  const [monday, setMonday] = useState(() => mondayOf(dayjs()));
  const from = monday.format('YYYY-MM-DD');
  const to = monday.add(6, 'day').format('YYYY-MM-DD');
  const calendar = useActivityCalendar(orgId, from, to, kind);
  const days = useMemo(() => byDate(calendar.data ?? []), [calendar.data]);
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <div data-testid="activities-week">
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Button
          icon={<LeftOutlined />}
          onClick={() => setMonday(monday.subtract(7, 'day'))}
          aria-label={t('activities.prevWeek')}
          data-testid="week-prev"
        />
        <Button onClick={() => setMonday(mondayOf(dayjs()))}>{t('activities.thisWeek')}</Button>
        <Button
          icon={<RightOutlined />}
          onClick={() => setMonday(monday.add(7, 'day'))}
          aria-label={t('activities.nextWeek')}
          data-testid="week-next"
        />
        <Typography.Text strong style={{ marginLeft: 8 }}>
          {t('activities.weekOf', { from, to })}
        </Typography.Text>
        {calendar.isFetching && <Spin size="small" />}
      </Flex>
      <Row gutter={[8, 8]}>
        {Array.from({ length: 7 }, (_, index) => {
          const day = monday.add(index, 'day');
          const key = day.format('YYYY-MM-DD');
          const items = days.get(key) ?? [];
          return (
            <Col key={key} xs={24} sm={12} md={8} lg={6} xl={{ flex: '1 1 0' }}>
              <Card
                size="small"
                title={
                  <Typography.Text strong type={key === today ? undefined : 'secondary'}>
                    {day.format('M/D ddd')}
                  </Typography.Text>
                }
                style={{ height: '100%', borderColor: key === today ? '#1f5fbf' : undefined }}
                data-testid={`week-day-${key}`}
              >
                {items.length === 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('activities.noneThisDay')}
                  </Typography.Text>
                ) : (
                  <Flex vertical gap={10}>
                    {items.map((item) => (
                      <Link key={item.id} to={`/activities/${item.id}`} data-testid="week-item">
                        <Flex vertical gap={2}>
                          <Flex gap={6} align="center" wrap>
                            <ActivityKindTag kind={item.kind} />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {timeRange(item.startsAt, item.endsAt)}
                            </Typography.Text>
                          </Flex>
                          <Typography.Text>{item.title}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {[item.place, item.presenterName, item.orgName].filter(Boolean).join(' · ')}
                          </Typography.Text>
                        </Flex>
                      </Link>
                    ))}
                  </Flex>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
