import { ScorecardLevel } from '@plinth/plugin-scorecards-common';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { LevelStep } from '../../lib/history';
import { formatDate } from '../../lib/window';

/** `Basic from 1 Sep 2026, Bronze from 12 Nov 2026`: the changes as words. */
function describeSteps(steps: ReadonlyArray<LevelStep>): string {
  const changes = steps.filter(
    (step, i) => i === 0 || step.levelIndex !== steps[i - 1].levelIndex,
  );
  return changes
    .map(
      step =>
        `${step.level} from ${formatDate(new Date(step.time).toISOString())}`,
    )
    .join(', ');
}

/**
 * An entity's level over time as a small step line, from its lowest level
 * (bottom) to its highest (top). Nothing for fewer than two points.
 */
export function LevelSparkline(props: {
  steps: ReadonlyArray<LevelStep>;
  levels: ReadonlyArray<ScorecardLevel>;
  color: string;
  width?: number;
  height?: number;
}) {
  const { steps, levels, color } = props;
  if (steps.length < 2) {
    return null;
  }
  return (
    <span role="img" aria-label={`Level over time: ${describeSteps(steps)}`}>
      <LineChart
        width={props.width ?? 120}
        height={props.height ?? 32}
        data={[...steps]}
        margin={{ top: 4, right: 2, bottom: 4, left: 2 }}
      >
        <XAxis
          dataKey="time"
          type="number"
          domain={['dataMin', 'dataMax']}
          hide
        />
        <YAxis
          type="number"
          domain={[0, Math.max(1, levels.length - 1)]}
          allowDecimals={false}
          hide
        />
        <Line
          type="stepAfter"
          dataKey="levelIndex"
          stroke={color}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}
