import { Card } from 'antd';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/States';
import { useT } from '../../i18n';

/** What a click on a chart element tells us: the series and the item within it. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

function isClick(value: unknown): value is ChartClick {
  return (
    typeof value === 'object' &&
    value !== null &&
    'seriesIndex' in value &&
    'dataIndex' in value &&
    typeof value.seriesIndex === 'number' &&
    typeof value.dataIndex === 'number'
  );
}

/** One chart in a card; `onItem` gets the clicked element (drives the records drawer). */
export function Chart(props: {
  title: ReactNode;
  option: EChartsOption;
  onItem?: (click: ChartClick) => void;
  empty?: boolean;
  height?: number;
  extra?: ReactNode;
  testId: string;
}) {
  const t = useT();
  const { onItem } = props;
  return (
    <Card title={props.title} size="small" extra={props.extra} data-testid={props.testId} style={{ height: '100%' }}>
      {props.empty ? (
        <div style={{ height: props.height ?? 260, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <EmptyState text={t('dash.chart.empty')} />
        </div>
      ) : (
        <ReactECharts
          option={props.option}
          style={{ height: props.height ?? 260, cursor: onItem ? 'pointer' : undefined }}
          notMerge
          onEvents={{
            click: (params: unknown) => {
              if (onItem && isClick(params)) onItem(params);
            },
          }}
        />
      )}
    </Card>
  );
}
