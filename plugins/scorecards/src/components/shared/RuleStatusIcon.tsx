import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleIcon from '@material-ui/icons/RemoveCircle';
import { RuleStatus } from '@plinth/plugin-scorecards-common';

/** How each rule status reads. */
export const STATUS_LABELS: Record<RuleStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  exempt: 'Exempt',
  error: 'Error',
};

const useStyles = makeStyles(theme => ({
  passed: { color: theme.palette.success.main },
  failed: { color: theme.palette.error.main },
  exempt: { color: theme.palette.info.main },
  error: { color: theme.palette.warning.main },
}));

const ICONS = {
  passed: CheckCircleIcon,
  failed: CancelIcon,
  exempt: RemoveCircleIcon,
  error: ErrorIcon,
};

/**
 * A rule status as an icon in its colour, named for screen readers
 * (`Passed`, `Failed`, `Exempt`, `Error`), or as `label` says.
 */
export function RuleStatusIcon(props: {
  status: RuleStatus;
  label?: string;
  fontSize?: 'small' | 'inherit' | 'default';
}) {
  const classes = useStyles();
  const Icon = ICONS[props.status] ?? ErrorIcon;
  return (
    <Icon
      className={classes[props.status]}
      fontSize={props.fontSize ?? 'small'}
      titleAccess={props.label ?? STATUS_LABELS[props.status]}
    />
  );
}
