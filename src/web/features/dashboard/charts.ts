import type { EChartsOption } from 'echarts';
import type { Translate } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';
import type { Figures } from './dashboard.api';

function isKey(key: string): key is keyof typeof zhCN {
  return key in zhCN;
}

/** The label of `prefix.value` in the catalogue, or the raw value. */
export function labelOf(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isKey(key) ? t(key) : value;
}

/** Percent text of a 0..1 rate. */
export const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** A chart's option plus, for each series, the figure key of each data item (for click-through). */
export interface ChartSpec {
  option: EChartsOption;
  figures: string[][];
  empty: boolean;
}

const palette = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#fa8c16'];
const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** Keys of a counts record with a non-zero count, in the server's order. */
function nonZero(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k]) => k);
}

/** A vertical bar chart of one or more count records over the same keys. */
export function bars(
  t: Translate,
  labelPrefix: string,
  series: { name: string; counts: Record<string, number>; figure: string }[],
  opts: { keys?: string[]; horizontal?: boolean } = {},
): ChartSpec {
  const keys = opts.keys ?? Object.keys(series[0]?.counts ?? {});
  const categories = keys.map((k) => labelOf(t, labelPrefix, k));
  const category = { type: 'category' as const, data: categories, axisLabel: { interval: 0, hideOverlap: true } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    option: {
      color: palette,
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid,
      xAxis: opts.horizontal ? value : { ...category, axisLabel: { interval: 0, rotate: keys.length > 6 ? 30 : 0 } },
      yAxis: opts.horizontal ? { ...category, inverse: true } : value,
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: opts.horizontal ? 'right' : 'top' },
        data: keys.map((k) => s.counts[k] ?? 0),
      })),
    },
    figures: series.map((s) => keys.map((k) => `${s.figure}.${k}`)),
    empty: series.every((s) => keys.every((k) => (s.counts[k] ?? 0) === 0)),
  };
}

/** A pie (ring) of the non-zero entries of a counts record. */
export function pie(t: Translate, labelPrefix: string, counts: Record<string, number>, figure: string): ChartSpec {
  const keys = nonZero(counts);
  return {
    option: {
      color: palette,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          // Room beside the ring for its labels: in a narrow card a label at the edge was cut to '二…'.
          radius: ['32%', '56%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}', overflow: 'break', edgeDistance: 4 },
          data: keys.map((k) => ({ name: labelOf(t, labelPrefix, k), value: counts[k] })),
        },
      ],
    },
    figures: [keys.map((k) => `${figure}.${k}`)],
    empty: keys.length === 0,
  };
}

/** A term's name on two lines, school year then term (2025—2026学年 / 第二学期); other names as they are. */
export function termLabel(name: string): string {
  return name.replace(/^(.+?学年)\s*(.+)$/, '$1\n$2');
}

/** Coverage across terms: teachers in projects (bars) and the rate (line, right axis). */
export function coverageTrend(t: Translate, f: Figures): ChartSpec {
  const trend = f.coverage.trend;
  return {
    option: {
      color: ['#91caff', '#1677ff'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      // Every term named, the school year above its term: one line each, ECharts hid every other name.
      xAxis: {
        type: 'category',
        data: trend.map((p) => p.termName),
        axisLabel: { interval: 0, formatter: termLabel },
      },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('dash.chart.inProjects'), type: 'bar', barMaxWidth: 28, data: trend.map((p) => p.inProjects) },
        {
          name: t('dash.chart.coverageRate'),
          type: 'line',
          yAxisIndex: 1,
          label: { show: true, formatter: '{c}%' },
          data: trend.map((p) => Math.round(p.rate * 1000) / 10),
        },
      ],
    },
    // Only the shown term's figure opens records; other terms switch the dashboard to that term.
    figures: [trend.map(() => 'coverage.inProjects'), trend.map(() => 'coverage.inProjects')],
    empty: trend.length === 0,
  };
}

/** Monthly-report punctuality as a ring: on time, late, missing. */
export function punctuality(t: Translate, f: Figures): ChartSpec {
  const keys = ['onTime', 'late', 'missing'] as const;
  const p = f.punctuality;
  return {
    option: {
      color: ['#52c41a', '#faad14', '#f5222d'],
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      title: {
        text: pct(p.rate),
        subtext: t('dash.kpi.punctuality'),
        left: 'center',
        top: '36%',
        textStyle: { fontSize: 18 },
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '60%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}', overflow: 'break', edgeDistance: 4 },
          data: keys.map((k) => ({ name: t(`dash.punctuality.${k}`), value: p[k] })),
        },
      ],
    },
    figures: [keys.map((k) => `punctuality.${k}`)],
    empty: p.due === 0,
  };
}

/** Observation and writing compliance: met and behind per rule (stacked). */
export function compliance(t: Translate, f: Figures): ChartSpec {
  const rules = f.compliance?.rules ?? [];
  return {
    option: {
      color: ['#52c41a', '#ff7875'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rules.map((r) => `${labelOf(t, 'dash.rule', r.rule)}（${pct(r.rate)}）`) },
      series: [
        {
          name: t('dash.chart.complianceMet'),
          type: 'bar',
          stack: 'all',
          label: { show: true },
          data: rules.map((r) => r.met),
        },
        {
          name: t('dash.chart.complianceUnmet'),
          type: 'bar',
          stack: 'all',
          label: { show: true },
          data: rules.map((r) => r.required - r.met),
        },
      ],
    },
    figures: [rules.map((r) => `compliance.${r.rule}.met`), rules.map((r) => `compliance.${r.rule}.unmet`)],
    empty: rules.every((r) => r.required === 0),
  };
}

/** 考核分布: teachers per band of research-assessment points (clicking opens the assessment ranking). */
export function assessmentSpread(t: Translate, f: Figures): ChartSpec {
  const buckets = f.assessment?.buckets ?? [];
  const label = (b: { from: number; to: number }) =>
    b.to === 0
      ? t('dash.assessment.zero')
      : b.to >= 9999
        ? t('dash.assessment.above', { n: b.from })
        : t('dash.assessment.band', { from: b.from, to: b.to });
  return {
    option: {
      color: ['#722ed1'],
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'category', data: buckets.map(label), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('dash.assessment.teachers'),
          type: 'bar',
          barMaxWidth: 28,
          label: { show: true, position: 'top' },
          data: buckets.map((b) => b.count),
        },
      ],
    },
    figures: [],
    empty: (f.assessment?.teachers ?? 0) === 0,
  };
}

/** The pyramid (金字塔): a fixed pyramid shape (widths by layer, not by count), each layer labelled with its count. */
export function pyramid(t: Translate, f: Figures): ChartSpec {
  const layers = [...f.pyramid].reverse();
  return {
    option: {
      color: ['#d4380d', '#fa8c16', '#1677ff', '#52c41a'],
      tooltip: { trigger: 'item', formatter: (p: unknown) => pyramidTip(p, layers, t) },
      series: [
        {
          type: 'funnel',
          sort: 'ascending',
          left: '4%',
          width: '92%',
          top: 8,
          bottom: 8,
          min: 0,
          max: layers.length,
          minSize: '30%',
          maxSize: '100%',
          gap: 3,
          label: { position: 'inside', formatter: '{b}', fontSize: 13, color: '#fff', fontWeight: 'bold' },
          data: layers.map((l, i) => ({
            name: `${labelOf(t, 'dash.layerShort', l.layer)}：${l.count}`,
            value: i + 1,
          })),
        },
      ],
    },
    figures: [layers.map((l) => `pyramid.${l.layer}`)],
    empty: false,
  };
}

function pyramidTip(p: unknown, layers: Figures['pyramid'], t: Translate): string {
  const index =
    typeof p === 'object' && p !== null && 'dataIndex' in p && typeof p.dataIndex === 'number' ? p.dataIndex : -1;
  const layer = layers[index];
  return layer ? `${labelOf(t, 'dash.layer', layer.layer)}：${layer.count}` : '';
}
