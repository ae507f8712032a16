import { DoraTrendBucket } from '@plinth/plugin-dora-common';
import { Line, LineChart, YAxis } from 'recharts';
import { DoraKeyInfo } from '../../lib/doraTiers';

/**
 * A key's value per bucket of a trend as a small line; buckets with nothing
 * measured leave a gap. Nothing for fewer than two buckets.
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
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}
