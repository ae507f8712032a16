import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import SyncIcon from '@material-ui/icons/Sync';
import { DeploymentStatus } from '@plinth/plugin-orchestrator-common';
import { DEPLOYMENT_STATUS_TEXT } from '../../lib/deployments';

const useStyles = makeStyles(theme => ({
  succeeded: { color: theme.palette.success.main },
  failed: { color: theme.palette.error.main },
  running: { color: theme.palette.info.main },
  queued: { color: theme.palette.text.secondary },
}));

/**
 * A deployment's status as a small chip: `Succeeded`, `Failed`, `Queued`,
 * or the stage it is in (`Delivering…`), with an icon of its colour.
 */
export function DeploymentStatusChip(props: { status: DeploymentStatus }) {
  const { status } = props;
  const classes = useStyles();
  let icon;
  if (status === 'succeeded') {
    icon = <CheckCircleIcon className={classes.succeeded} />;
  } else if (status === 'failed') {
    icon = <ErrorIcon className={classes.failed} />;
  } else if (status === 'queued') {
    icon = <HourglassEmptyIcon className={classes.queued} />;
  } else {
    icon = <SyncIcon className={classes.running} />;
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={icon}
      label={DEPLOYMENT_STATUS_TEXT[status]}
    />
  );
}
