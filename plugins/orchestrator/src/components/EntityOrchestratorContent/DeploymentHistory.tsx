import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import HistoryIcon from '@material-ui/icons/History';
import {
  DeploymentSummary,
  Environment,
} from '@plinth/plugin-orchestrator-common';
import { Fragment, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { EnvironmentDeployments } from '../../hooks/useDeployments';
import {
  deploymentTitle,
  describeChange,
  imageChanges,
  shortDeploymentId,
  shortImage,
} from '../../lib/deployments';
import { shortEntityRef } from '../../lib/refs';
import {
  DeploymentStatusChip,
  ErrorText,
  RefusableButton,
  RelativeTime,
} from '../shared';
import { RollbackDialog } from './RollbackDialog';

const useStyles = makeStyles(theme => ({
  expand: { width: theme.spacing(6) },
  changes: { margin: 0, paddingLeft: theme.spacing(3) },
  images: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
  nowrap: { whiteSpace: 'nowrap' },
  id: { fontFamily: 'monospace' },
  detail: { backgroundColor: theme.palette.background.default },
}));

/** What a deployment changed against the one before it, a sentence each. */
function DiffRow(props: {
  app: string;
  environment: string;
  deployment: DeploymentSummary;
  columns: number;
}) {
  const { app, environment, deployment, columns } = props;
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const diff = useAsync(
    () => api.getDeploymentDiff(app, environment, deployment.id),
    [api, app, environment, deployment.id],
  );
  let content;
  if (diff.loading) {
    content = <Progress />;
  } else if (!diff.value) {
    content = (
      <ErrorText
        what={`What ${shortDeploymentId(
          deployment.id,
        )} changed could not be read`}
        error={diff.error}
      />
    );
  } else if (diff.value.changes.length === 0) {
    content = (
      <Typography variant="body2">
        Nothing changed: the same workloads, images and resources as the
        deployment before.
      </Typography>
    );
  } else {
    content = (
      <>
        <Typography variant="body2">
          {diff.value.previous
            ? `Against ${shortDeploymentId(diff.value.previous)}:`
            : `The first deployment of ${environment}:`}
        </Typography>
        <ul
          className={classes.changes}
          aria-label={`Changes of ${shortDeploymentId(deployment.id)}`}
        >
          {diff.value.changes.map((change, index) => (
            <li key={index}>
              <Typography variant="body2">{describeChange(change)}</Typography>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <TableRow className={classes.detail}>
      <TableCell colSpan={columns} aria-live="polite">
        {content}
      </TableCell>
    </TableRow>
  );
}

/** The images a deployment changed, `workload/container image` each. */
function ChangedImages(props: {
  deployment: DeploymentSummary;
  previous?: DeploymentSummary;
}) {
  const classes = useStyles();
  const changes = imageChanges(props.deployment, props.previous);
  if (changes.length === 0) {
    return null;
  }
  return (
    <ul className={classes.images}>
      {changes.map(change => {
        const key = `${change.workload}/${change.key}`;
        return (
          <li key={key} title={describeChange(change)}>
            {key} {change.to ? shortImage(change.to) : '(the Score file’s)'}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * An environment's deployments, the newest first: when, what (a deploy, a
 * rollback to which, a promotion from where), status, who and the images
 * changed; each opens what it changed as sentences, and an earlier one that
 * succeeded can be deployed again.
 */
export function DeploymentHistory(props: {
  app: string;
  environment: Environment;
  deployments: EnvironmentDeployments;
  /** Whether rolling back is offered, and why it is refused if so. */
  rollback: { offered: boolean; refusal?: string };
  /** After a rollback started. */
  onDeployed: () => void;
}) {
  const { app, environment, deployments, rollback, onDeployed } = props;
  const classes = useStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState<DeploymentSummary>();
  const { items, before } = deployments;
  const columns = rollback.offered ? 7 : 6;

  const toggle = (id: string) => {
    const next = new Set(open);
    if (!next.delete(id)) {
      next.add(id);
    }
    setOpen(next);
  };

  return (
    <>
      <Table size="small" aria-label={`Deployments of ${environment.id}`}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.expand} />
            <TableCell>When</TableCell>
            <TableCell>Deployment</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>By</TableCell>
            <TableCell>Images changed</TableCell>
            {rollback.offered && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((deployment, index) => {
            const expanded = open.has(deployment.id);
            const id = shortDeploymentId(deployment.id);
            return (
              <Fragment key={deployment.id}>
                <TableRow>
                  <TableCell className={classes.expand}>
                    <IconButton
                      size="small"
                      aria-label={`What ${id} changed`}
                      aria-expanded={expanded}
                      onClick={() => toggle(deployment.id)}
                    >
                      {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
                    </IconButton>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    <RelativeTime at={deployment.createdAt} />
                  </TableCell>
                  <TableCell component="th" scope="row">
                    {deploymentTitle(deployment)}{' '}
                    <Typography
                      variant="body2"
                      component="span"
                      color="textSecondary"
                      className={classes.id}
                      title={deployment.id}
                    >
                      {id}
                    </Typography>
                    {deployment.comment && (
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        “{deployment.comment}”
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <DeploymentStatusChip status={deployment.status} />
                  </TableCell>
                  <TableCell>
                    {shortEntityRef(deployment.requestedBy)}
                  </TableCell>
                  <TableCell>
                    <ChangedImages
                      deployment={deployment}
                      previous={items[index + 1] ?? before}
                    />
                  </TableCell>
                  {rollback.offered && (
                    <TableCell align="right">
                      {index > 0 && deployment.status === 'succeeded' && (
                        <RefusableButton
                          size="small"
                          startIcon={<HistoryIcon />}
                          refusal={rollback.refusal}
                          aria-label={`Roll back to ${id}`}
                          onClick={() => setTarget(deployment)}
                        >
                          Roll back to this
                        </RefusableButton>
                      )}
                    </TableCell>
                  )}
                </TableRow>
                {expanded && (
                  <DiffRow
                    app={app}
                    environment={environment.id}
                    deployment={deployment}
                    columns={columns}
                  />
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
      {target && (
        <RollbackDialog
          app={app}
          environment={environment.id}
          target={target}
          onClose={() => setTarget(undefined)}
          onRolledBack={() => {
            setTarget(undefined);
            onDeployed();
          }}
        />
      )}
    </>
  );
}
