import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CampaignSummary } from '@plinth/plugin-scorecards-common';
import {
  daysLeft,
  formatDate,
  formatDaysLeft,
  isOverdue,
} from '../../lib/window';

const useStyles = makeStyles(theme => ({
  done: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  missed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  overdue: { color: theme.palette.error.main },
}));

/** The share of entities a campaign asks for, 0–1: all of them by default. */
export function campaignTarget(summary: CampaignSummary): number {
  return summary.campaign.target ?? 1;
}

/** `80%`. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Done, missed (overdue and not done), or in progress, as a chip. */
export function CampaignStatus(props: { summary: CampaignSummary }) {
  const classes = useStyles();
  const { summary } = props;
  if (summary.done) {
    return <Chip size="small" label="Done" className={classes.done} />;
  }
  if (isOverdue(summary.campaign.deadline)) {
    return <Chip size="small" label="Missed" className={classes.missed} />;
  }
  return <Chip size="small" label="In progress" variant="outlined" />;
}

/** A campaign's deadline and the days left, or how long it is overdue. */
export function CampaignDeadline(props: {
  summary: CampaignSummary;
  variant?: 'inline' | 'block';
}) {
  const classes = useStyles();
  const { deadline } = props.summary.campaign;
  const overdue = !props.summary.done && isOverdue(deadline);
  return (
    <>
      <Typography variant="body2" component="span">
        {formatDate(deadline)}
      </Typography>
      <Typography
        variant="body2"
        component="span"
        display={props.variant === 'inline' ? 'inline' : 'block'}
        className={overdue ? classes.overdue : undefined}
        color={overdue ? undefined : 'textSecondary'}
      >
        {props.variant === 'inline' ? ' · ' : ''}
        {formatDaysLeft(daysLeft(deadline))}
      </Typography>
    </>
  );
}
