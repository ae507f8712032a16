import { DoraTrendBucket } from '@plinth/plugin-dora-common';
import { Line, LineChart, YAxis } from 'recharts';
import { DoraKeyInfo } from '../../lib/doraTiers';

/**
 * A key's value per bucket of a trend as a small line, across the buckets
 * with nothing measured (weeks without an incident have no recovery time);
 * a lone measurement is a dot. Nothing for fewer than two buckets.
 */
export function DoraSparkline(props: {
  info: DoraKeyInfo;
  buckets: ReadonlyArray<DoraTrendBucket>;
  color: string;
  width?: number;
  height?: number;
}) {
  const { info, buckets, color } = props;
  if (buckets.length < 2) {
    return null;
  }
  const data = buckets.map(bucket => ({
    start: bucket.start,
    value: info.value(bucket.metrics),
  }));
  const measured = data.filter(d => d.value !== null).length;
  return (
    <span role="img" aria-label={`${info.title} trend`}>
      <LineChart
        width={props.width ?? 120}
        height={props.height ?? 32}
        data={data}
        margin={{ top: 4, right: 2, bottom: 4, left: 2 }}
      >
        <YAxis type="number" domain={['auto', 'auto']} hide />
        <Line
          type="monotone"
          dataKey="value"
          stroke={color}
          strokeWidth={2}
          dot={measured === 1 ? { r: 2, fill: color, stroke: color } : false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}
