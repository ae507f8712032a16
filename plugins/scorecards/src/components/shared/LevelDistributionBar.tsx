import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  LevelDistribution,
  ScorecardLevel,
} from '@plinth/plugin-scorecards-common';
import { distributionSegments } from '../../lib/grouping';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 14,
    minWidth: 120,
    borderRadius: 3,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
  },
  legendItem: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
  },
}));

/** `Basic 1, Bronze 2 of 3 entities`: a distribution as words. */
export function describeDistribution(
  levels: ReadonlyArray<ScorecardLevel>,
  distribution: Pick<LevelDistribution, 'total' | 'levels'>,
): string {
  const parts = distributionSegments(levels, distribution).map(
    segment => `${segment.title} ${segment.count}`,
  );
  const entities = `${distribution.total} ${
    distribution.total === 1 ? 'entity' : 'entities'
  }`;
  return `${parts.join(', ')} of ${entities}`;
}

/**
 * How many entities are at each level, as a bar stacked in the levels'
 * colours (lowest level left), with a legend of the counts.
 */
export function LevelDistributionBar(props: {
  levels: ReadonlyArray<ScorecardLevel>;
  distribution: Pick<LevelDistribution, 'total' | 'levels'>;
  /** Names the bar for screen readers; `Level distribution` by default. */
  label?: string;
  legend?: boolean;
}) {
  const classes = useStyles();
  const segments = distributionSegments(props.levels, props.distribution);
  const description = describeDistribution(props.levels, props.distribution);
  return (
    <div>
      <div
        className={classes.bar}
        role="img"
        aria-label={`${props.label ?? 'Level distribution'}: ${description}`}
        title={description}
      >
        {segments
          .filter(segment => segment.count > 0)
          .map(segment => (
            <div
              key={segment.title}
              style={{
                width: `${segment.share * 100}%`,
                backgroundColor: segment.color,
              }}
            />
          ))}
      </div>
      {props.legend !== false && (
        <ul className={classes.legend} aria-hidden>
          {segments.map(segment => (
            <li key={segment.title} className={classes.legendItem}>
              <span
                className={classes.swatch}
                style={{ backgroundColor: segment.color }}
              />
              <Typography variant="caption">
                {segment.title} {segment.count}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
