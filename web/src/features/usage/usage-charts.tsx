import { useTranslation } from 'react-i18next';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card } from '../../components/card';
import { formatCompact, formatCost, formatNumber } from '../../lib/format';
import { useTheme } from '../../lib/theme';
import { fillBuckets, groupLabel, type Interval, type UsageGroup, type UsageSummary } from './usage-query';

// Series are drawn without animation (isAnimationActive={false}): the first paint, and a screenshot,
// show the data rather than bars still growing.
// Colours that read on white and on zinc-950 alike.
const colors = {
  requests: '#6366f1',
  errors: '#f43f5e',
  input: '#6366f1',
  output: '#10b981',
  cacheWrite: '#f59e0b',
  cacheRead: '#0ea5e9',
  cost: '#8b5cf6',
};
const axis = { fontSize: 11, fill: '#71717a' };
const grid = 'rgba(113,113,122,0.18)';
function tooltipStyle(theme: 'light' | 'dark') {
  return {
    contentStyle: {
      borderRadius: 8,
      border: '1px solid rgba(113,113,122,0.3)',
      background: theme === 'dark' ? '#18181b' : '#ffffff',
      color: theme === 'dark' ? '#f4f4f5' : '#18181b',
      fontSize: 12,
    },
    labelStyle: { color: '#71717a' },
  };
}

function bucketLabel(bucket: string, interval: Interval, language: string): string {
  const date = new Date(bucket);
  if (Number.isNaN(date.getTime())) return bucket;
  const locale = language === 'zh' ? 'zh-CN' : 'en-US';
  return new Intl.DateTimeFormat(
    locale,
    interval === 'hour'
      ? { month: 'numeric', day: 'numeric', hour: '2-digit' }
      : { month: 'short', day: 'numeric' },
  ).format(date);
}

/** Axis ticks of small amounts need more than formatCost's four decimals ($0.00005, not $0.0001 twice). */
function axisCost(value: number, language: string): string {
  if (value === 0 || Math.abs(value) >= 0.01) return formatCost(value);
  return new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-US', {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 2,
  }).format(value);
}

/** Time series and the group breakdown; loaded lazily so Recharts stays out of the first bundle. */
export default function UsageCharts({
  summary,
  groups,
  names,
  interval,
  groupTitle,
}: {
  summary: UsageSummary;
  groups: UsageGroup[];
  names: ReadonlyMap<string, string>;
  interval: Interval;
  groupTitle: string;
}) {
  const { t, i18n } = useTranslation('usage-view');
  const [theme] = useTheme();
  const tip = tooltipStyle(theme);
  const data = fillBuckets(summary, interval).map((bucket) => ({
    ...bucket,
    label: bucketLabel(bucket.bucket, interval, i18n.language),
  }));
  const top = [...groups]
    .sort((a, b) => b.requests - a.requests)
    .slice(0, 8)
    .map((group) => ({ ...group, label: groupLabel(group, names) || t('unknownGroup') }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t('chart.requests')}>
        <div className="h-56" role="img" aria-label={t('chart.requests')}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 4, right: 8, left: -12, bottom: 0 }}>
              <CartesianGrid stroke={grid} vertical={false} />
              <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={16} />
              <YAxis
                tick={axis}
                tickLine={false}
                axisLine={false}
                tickFormatter={formatCompact}
                allowDecimals={false}
              />
              <Tooltip {...tip} formatter={(value) => formatNumber(Number(value))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Area
                isAnimationActive={false}
                type="monotone"
                dataKey="requests"
                name={t('figure.requests')}
                stroke={colors.requests}
                fill={colors.requests}
                fillOpacity={0.15}
                strokeWidth={2}
              />
              <Area
                isAnimationActive={false}
                type="monotone"
                dataKey="errors"
                name={t('figure.errors')}
                stroke={colors.errors}
                fill={colors.errors}
                fillOpacity={0.12}
                strokeWidth={2}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </Card>
      <Card title={t('chart.tokens')}>
        <div className="h-56" role="img" aria-label={t('chart.tokens')}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, left: -12, bottom: 0 }}>
              <CartesianGrid stroke={grid} vertical={false} />
              <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={16} />
              <YAxis tick={axis} tickLine={false} axisLine={false} tickFormatter={formatCompact} />
              <Tooltip {...tip} formatter={(value) => formatNumber(Number(value))} cursor={{ fill: grid }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar
                isAnimationActive={false}
                dataKey="inputTokens"
                stackId="t"
                name={t('figure.inputTokens')}
                fill={colors.input}
              />
              <Bar
                isAnimationActive={false}
                dataKey="outputTokens"
                stackId="t"
                name={t('figure.outputTokens')}
                fill={colors.output}
              />
              <Bar
                isAnimationActive={false}
                dataKey="cacheWriteTokens"
                stackId="t"
                name={t('figure.cacheWriteTokens')}
                fill={colors.cacheWrite}
              />
              <Bar
                isAnimationActive={false}
                dataKey="cacheReadTokens"
                stackId="t"
                name={t('figure.cacheReadTokens')}
                fill={colors.cacheRead}
                radius={[3, 3, 0, 0]}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>
      <Card title={t('chart.cost')}>
        <div className="h-56" role="img" aria-label={t('chart.cost')}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid stroke={grid} vertical={false} />
              <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={16} />
              <YAxis
                tick={axis}
                tickLine={false}
                axisLine={false}
                // Wide enough for small amounts in either locale ("US$0.0005").
                width={72}
                tickFormatter={(value) => axisCost(Number(value), i18n.language)}
              />
              <Tooltip {...tip} formatter={(value) => formatCost(Number(value))} />
              <Area
                isAnimationActive={false}
                type="monotone"
                dataKey="cost"
                name={t('figure.cost')}
                stroke={colors.cost}
                fill={colors.cost}
                fillOpacity={0.15}
                strokeWidth={2}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </Card>
      <Card title={groupTitle}>
        <div className="h-56" role="img" aria-label={groupTitle}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={top} layout="vertical" margin={{ top: 4, right: 12, left: 8, bottom: 0 }}>
              <CartesianGrid stroke={grid} horizontal={false} />
              <XAxis
                type="number"
                tick={axis}
                tickLine={false}
                axisLine={false}
                tickFormatter={formatCompact}
                allowDecimals={false}
              />
              <YAxis
                type="category"
                dataKey="label"
                tick={axis}
                tickLine={false}
                axisLine={false}
                width={120}
              />
              <Tooltip {...tip} formatter={(value) => formatNumber(Number(value))} cursor={{ fill: grid }} />
              <Bar
                isAnimationActive={false}
                dataKey="requests"
                name={t('figure.requests')}
                fill={colors.requests}
                radius={[0, 3, 3, 0]}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Card>
    </div>
  );
}
