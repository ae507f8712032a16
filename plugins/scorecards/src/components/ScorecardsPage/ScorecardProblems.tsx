import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ScorecardListResponse } from '@plinth/plugin-scorecards-common';
import { plural } from '../../lib/format';
import { displaySource } from '../../lib/sourcePath';

/** A problem of a scorecard definition that could not be applied. */
export type ScorecardProblem = ScorecardListResponse['problems'][number];

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(0.5) },
  code: { fontFamily: 'monospace', fontSize: '0.9em' },
}));

/**
 * The problems of the scorecard definitions left out, each with its source,
 * where in it (a JSON pointer) and what is wrong.
 */
export function ScorecardProblems(props: { problems: ScorecardProblem[] }) {
  const classes = useStyles();
  const sources = new Set(props.problems.map(p => p.source));
  return (
    <WarningPanel
      severity="warning"
      defaultExpanded
      title={`${plural(props.problems.length, 'problem')} in ${plural(
        sources.size,
        'scorecard source',
      )}: what they define is not in force`}
    >
      <ul className={classes.list} aria-label="Scorecard definition problems">
        {props.problems.map((problem, index) => (
          <li key={index} className={classes.item}>
            <Typography variant="body2" component="span">
              <span className={classes.code}>
                {displaySource(problem.source)}
              </span>
              {problem.entity ? ` ${problem.entity}` : ''}
              {problem.pointer ? (
                <>
                  {' at '}
                  <span className={classes.code}>{problem.pointer}</span>
                </>
              ) : null}
              {`: ${problem.message}`}
            </Typography>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
