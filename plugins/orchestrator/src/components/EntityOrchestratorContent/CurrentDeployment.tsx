import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Deployment,
  DeploymentSummary,
} from '@plinth/plugin-orchestrator-common';
import {
  deploymentTitle,
  describeDelivery,
  shortDeploymentId,
  workloadsText,
} from '../../lib/deployments';
import { shortEntityRef } from '../../lib/refs';
import { DeploymentStatusChip, RelativeTime } from '../shared';
import { DeploymentStages } from './DeploymentStages';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  id: { fontFamily: 'monospace' },
}));

/** `Deploy by alice, 3 hours ago` and its id: a deployment in a line. */
export function DeploymentLine(props: {
  deployment: DeploymentSummary;
  /** Words before it, such as `Last succeeded:`. */
  prefix?: string;
}) {
  const { deployment, prefix } = props;
  const classes = useStyles();
  return (
    <Typography variant="body2" component="span">
      {prefix && `${prefix} `}
      {deploymentTitle(deployment)} by {shortEntityRef(deployment.requestedBy)}
      , <RelativeTime at={deployment.createdAt} />{' '}
      <Typography
        variant="body2"
        component="span"
        color="textSecondary"
        className={classes.id}
        title={deployment.id}
      >
        {shortDeploymentId(deployment.id)}
      </Typography>
    </Typography>
  );
}

/**
 * An environment's newest deployment: its status, what it is, who asked and
 * when, what it deploys, where it went, why it failed, and its stages with
 * their logs; and the last one that succeeded when that is another.
 */
export function CurrentDeployment(props: {
  deployment: Deployment;
  lastSucceeded?: DeploymentSummary;
}) {
  const { deployment, lastSucceeded } = props;
  const classes = useStyles();
  const workloads = workloadsText(deployment.workloads);
  return (
    <section aria-label="Current deployment">
      <div className={classes.headline}>
        <DeploymentStatusChip status={deployment.status} />
        <DeploymentLine deployment={deployment} />
      </div>
      {deployment.comment && (
        <Typography variant="body2" color="textSecondary">
          “{deployment.comment}”
        </Typography>
      )}
      {workloads && <Typography variant="body2">{workloads}</Typography>}
      {deployment.error && (
        <Typography variant="body2" color="error">
          {deployment.error}
        </Typography>
      )}
      {deployment.delivery && (
        <Typography
          variant="body2"
          color="textSecondary"
          title={
            deployment.delivery.kind === 'gitops'
              ? `${deployment.delivery.repository} ${deployment.delivery.commit}`
              : undefined
          }
        >
          {describeDelivery(deployment.delivery)}
        </Typography>
      )}
      <DeploymentStages deployment={deployment} />
      {lastSucceeded && lastSucceeded.id !== deployment.id && (
        <Typography variant="body2" component="p">
          <DeploymentLine deployment={lastSucceeded} prefix="Last succeeded:" />
        </Typography>
      )}
    </section>
  );
}
