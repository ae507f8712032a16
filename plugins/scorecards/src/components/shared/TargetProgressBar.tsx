import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', alignItems: 'center', gap: theme.spacing(1.5) },
  track: {
    position: 'relative',
    flex: 1,
    minWidth: 120,
    height: 12,
    borderRadius: 3,
    backgroundColor: theme.palette.action.selected,
  },
  fill: {
    height: '100%',
    borderRadius: 3,
    backgroundColor: theme.palette.primary.main,
  },
  reached: { backgroundColor: theme.palette.success.main },
  target: {
    position: 'absolute',
    top: -4,
    bottom: -4,
    width: 2,
    marginLeft: -1,
    backgroundColor: theme.palette.text.primary,
  },
  figure: { minWidth: '9rem', whiteSpace: 'nowrap' },
}));

/**
 * Progress towards a target: a bar filled to `passing / total`, a line at
 * the target, and the figures (`2 of 4 · 50%`). Green once the target is
 * reached.
 */
export function TargetProgressBar(props: {
  passing: number;
  total: number;
  /** 0–1; no line when left out. */
  target?: number;
  /** Names the bar for screen readers. */
  label: string;
}) {
  const classes = useStyles();
  const share = props.total > 0 ? props.passing / props.total : 0;
  const percent = Math.round(share * 100);
  const target =
    props.target === undefined ? undefined : Math.round(props.target * 100);
  const reached = target !== undefined && percent >= target;
  return (
    <div className={classes.root}>
      <div
        className={classes.track}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%${
          target === undefined ? '' : `, target ${target}%`
        }`}
      >
        <div
          className={`${classes.fill} ${reached ? classes.reached : ''}`}
          style={{ width: `${percent}%` }}
        />
        {target !== undefined && (
          <div
            className={classes.target}
            style={{ left: `${target}%` }}
            title={`Target ${target}%`}
          />
        )}
      </div>
      <Typography variant="body2" className={classes.figure}>
        {props.passing} of {props.total} · {percent}%
      </Typography>
    </div>
  );
}
