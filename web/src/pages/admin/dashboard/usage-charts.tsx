import { useTranslation } from 'react-i18next';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCompact } from '../../../lib/format';
import { useTheme } from '../../../lib/theme';
import type { SeriesPoint } from './usage-summary';

function bucketLabel(bucket: string, hourly: boolean, language: string): string {
  const date = new Date(bucket);
  return new Intl.DateTimeFormat(
    language === 'zh' ? 'zh-CN' : 'en-US',
    hourly ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' },
  ).format(date);
}

function useChartColors() {
  const [theme] = useTheme();
  const dark = theme === 'dark';
  return {
    grid: dark ? '#27272a' : '#f4f4f5',
    axis: dark ? '#71717a' : '#a1a1aa',
    tooltip: {
      backgroundColor: dark ? '#18181b' : '#ffffff',
      border: `1px solid ${dark ? '#3f3f46' : '#e4e4e7'}`,
      borderRadius: 8,
      fontSize: 12,
      color: dark ? '#f4f4f5' : '#18181b',
    },
  };
}

/** Requests and errors per bucket. */
export function RequestsChart({ series, hourly }: { series: SeriesPoint[]; hourly: boolean }) {
  const { t, i18n } = useTranslation('dashboard');
  const colors = useChartColors();
  const data = series.map((point) => ({ ...point, label: bucketLabel(point.bucket, hourly, i18n.language) }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <defs>
          <linearGradient id="requests-fill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="#6366f1" stopOpacity={0.3} />
            <stop offset="100%" stopColor="#6366f1" stopOpacity={0} />
          </linearGradient>
        </defs>
        <CartesianGrid stroke={colors.grid} vertical={false} />
        <XAxis
          dataKey="label"
          tick={{ fontSize: 11, fill: colors.axis }}
          tickLine={false}
          axisLine={false}
          minTickGap={24}
        />
        <YAxis
          tick={{ fontSize: 11, fill: colors.axis }}
          tickLine={false}
          axisLine={false}
          tickFormatter={formatCompact}
          allowDecimals={false}
        />
        <Tooltip contentStyle={colors.tooltip} />
        <Area
          isAnimationActive={false}
          type="monotone"
          dataKey="requests"
          name={t('requests')}
          stroke="#6366f1"
          strokeWidth={2}
          fill="url(#requests-fill)"
        />
        <Area
          isAnimationActive={false}
          type="monotone"
          dataKey="errors"
          name={t('errors')}
          stroke="#ef4444"
          strokeWidth={1.5}
          fill="transparent"
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

/** Tokens per bucket by class, stacked. */
export function TokensChart({ series, hourly }: { series: SeriesPoint[]; hourly: boolean }) {
  const { t, i18n } = useTranslation('dashboard');
  const colors = useChartColors();
  const data = series.map((point) => ({ ...point, label: bucketLabel(point.bucket, hourly, i18n.language) }));
  const classes = [
    ['inputTokens', '#6366f1'],
    ['outputTokens', '#22c55e'],
    ['cacheReadTokens', '#38bdf8'],
    ['cacheWriteTokens', '#f59e0b'],
  ] as const;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke={colors.grid} vertical={false} />
        <XAxis
          dataKey="label"
          tick={{ fontSize: 11, fill: colors.axis }}
          tickLine={false}
          axisLine={false}
          minTickGap={24}
        />
        <YAxis
          tick={{ fontSize: 11, fill: colors.axis }}
          tickLine={false}
          axisLine={false}
          tickFormatter={formatCompact}
        />
        <Tooltip contentStyle={colors.tooltip} formatter={(value) => formatCompact(Number(value))} />
        {classes.map(([key, color]) => (
          <Bar
            isAnimationActive={false}
            key={key}
            dataKey={key}
            name={t(key)}
            stackId="tokens"
            fill={color}
            radius={key === 'cacheWriteTokens' ? [3, 3, 0, 0] : 0}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
