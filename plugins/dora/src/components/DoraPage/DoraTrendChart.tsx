import { DoraTrendsReport } from '@plinth/plugin-dora-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DoraKeyInfo } from '../../lib/doraTiers';
import { formatDate } from '../../lib/window';

const SERIES_COLORS = [
  '#2563c9',
  '#e07a1f',
  '#2e7d32',
  '#7c3aed',
  '#d6336c',
  '#0f7f7a',
  '#8a5a3b',
  '#4b5563',
];

/** One key of a trend as lines, one per group, over the buckets. */
export function DoraTrendChart(props: {
  trends: DoraTrendsReport;
  info: DoraKeyInfo;
  emptyKey?: string;
}) {
  const { trends, info } = props;
  const names = trends.groups.map(g => g.key ?? props.emptyKey ?? '(none)');
  const length = trends.groups[0]?.buckets.length ?? 0;
  const data = Array.from({ length }, (_, i) => {
    const row: Record<string, string | number | null> = {
      start: formatDate(trends.groups[0].buckets[i].start),
    };
    trends.groups.forEach((group, g) => {
      row[names[g]] = info.value(group.buckets[i].metrics);
    });
    return row;
  });
  return (
    <div role="img" aria-label={`${info.title} per ${trends.bucket}`}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="start" />
          <YAxis />
          <Tooltip />
          <Legend />
          {names.map((name, i) => (
            <Line
              key={name}
              type="monotone"
              dataKey={name}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
