import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title line of a page, with an optional subtitle and actions on the right. */
export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Flex justify="space-between" align="flex-end" wrap gap={12} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid={props.testId}>
          {props.title}
        </Typography.Title>
        {props.subtitle && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {props.subtitle}
          </Typography.Text>
        )}
      </div>
      {props.extra && (
        <Flex gap={8} wrap>
          {props.extra}
        </Flex>
      )}
    </Flex>
  );
}
