import { DoraTrendsReport } from '@plinth/plugin-dora-common';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DoraKeyInfo, formatNumber, tierColor } from '../../lib/doraTiers';
import { seriesColor } from '../../lib/seriesColors';
import { tierBands } from '../../lib/tierBands';
import { trendSeries } from '../../lib/trendSeries';
import { TIER_BAND_OPACITY } from '../shared/tierBandStyle';

/** How far the open-ended tier band reaches: beyond any value, clipped. */
const OPEN_END = 1e9;

/**
 * One key of a trend as lines, one per group, over the buckets, with the
 * tier bands (elite, high, medium, low) shaded behind them and both axes
 * labelled with their units. Weeks or quarters with nothing measured (no
 * incident to recover from, say) are crossed by the line, and each
 * measured bucket has a dot, so a single measurement still shows.
 */
export function DoraTrendChart(props: {
  trends: DoraTrendsReport;
  info: DoraKeyInfo;
  /** A group's name: a title, never a ref. */
  nameOf: (key: string | null) => string;
  /** A bucket's label, from its start. */
  bucketLabel: (start: string) => string;
  /** What the buckets are: `Week starting`, `Quarter`. */
  bucketTitle: string;
  height?: number;
}) {
  const { trends, info, nameOf, bucketLabel, bucketTitle } = props;
  const theme = useTheme();
  const { names, rows } = trendSeries(trends, info, nameOf, bucketLabel);
  const text = theme.palette.text.secondary;
  return (
    <div
      role="img"
      aria-label={`${info.title} per ${trends.bucket}, in ${info.unit}`}
    >
      <ResponsiveContainer width="100%" height={props.height ?? 260}>
        <LineChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 24, left: 16 }}
        >
          {tierBands(info).map(band => (
            <ReferenceArea
              key={band.tier}
              y1={band.from}
              y2={Number.isFinite(band.to) ? band.to : OPEN_END}
              fill={tierColor(band.tier)}
              fillOpacity={TIER_BAND_OPACITY}
              stroke="none"
              ifOverflow="hidden"
            />
          ))}
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="bucket"
            tick={{ fill: text, fontSize: 12 }}
            label={{
              value: bucketTitle,
              position: 'insideBottom',
              offset: -16,
              fill: text,
              fontSize: 12,
            }}
          />
          <YAxis
            domain={[0, 'auto']}
            tick={{ fill: text, fontSize: 12 }}
            tickFormatter={(value: number) => formatNumber(value)}
            label={{
              value: info.unit,
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
              fill: text,
              fontSize: 12,
            }}
          />
          <Tooltip
            formatter={(value: unknown) =>
              typeof value === 'number'
                ? `${formatNumber(value)} ${info.unit}`
                : String(value)
            }
          />
          <Legend verticalAlign="top" />
          {names.map((name, i) => (
            <Line
              key={name}
              type="monotone"
              dataKey={name}
              stroke={seriesColor(i)}
              strokeWidth={2}
              dot={{ r: 2.5 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
