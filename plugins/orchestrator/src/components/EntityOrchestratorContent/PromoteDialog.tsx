import { Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DeploymentSummary,
  Environment,
} from '@plinth/plugin-orchestrator-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { HISTORY_LIMIT } from '../../hooks/useDeployments';
import {
  deploymentTitle,
  describeChange,
  setChanges,
  shortDeploymentId,
  workloadsText,
} from '../../lib/deployments';
import { formatRelative } from '../../lib/format';
import { shortEntityRef } from '../../lib/refs';
import { ErrorText } from '../shared';

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
  changes: { margin: 0, paddingLeft: theme.spacing(3) },
}));

/** An environment that can be promoted from, and what it runs. */
interface Candidate {
  environment: string;
  deployment: DeploymentSummary;
}

/** What deploying the candidate changes here, as sentences. */
function Changes(props: {
  environment: string;
  candidate: Candidate;
  running?: DeploymentSummary;
}) {
  const { environment, candidate, running } = props;
  const classes = useStyles();
  const changes = setChanges(candidate.deployment, running);
  if (!running) {
    return (
      <DialogContentText>
        It is the first deployment of {environment}.
      </DialogContentText>
    );
  }
  if (changes.length === 0) {
    return (
      <DialogContentText>
        {environment} runs the same workloads and images already; they are
        deployed again with {environment}’s own resources and values.
      </DialogContentText>
    );
  }
  return (
    <>
      <Typography variant="body2">Against what {environment} runs:</Typography>
      <ul className={classes.changes}>
        {changes.map((change, index) => (
          <li key={index}>
            <Typography variant="body2">{describeChange(change)}</Typography>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Promotes to an environment what another environment of the app runs
 * (`POST …/promote`): the other environments with a succeeded deployment
 * to choose from, what that deploys and what it changes here, and a
 * comment.
 */
export function PromoteDialog(props: {
  app: string;
  environment: string;
  /** The app's environments, to promote from one of the others. */
  environments: ReadonlyArray<Environment>;
  /** What the environment runs now: its newest succeeded deployment. */
  running?: DeploymentSummary;
  onClose: () => void;
  onPromoted: () => void;
}) {
  const { app, environment, environments, running, onClose, onPromoted } =
    props;
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const others = environments.filter(
    e => e.id !== environment && e.status !== 'deleting',
  );
  const candidates = useAsync(async (): Promise<Candidate[]> => {
    const found = await Promise.all(
      others.map(async e => {
        const items = await api.listDeployments(app, e.id, {
          limit: HISTORY_LIMIT,
        });
        const deployment = items.find(d => d.status === 'succeeded');
        return deployment ? [{ environment: e.id, deployment }] : [];
      }),
    );
    return found.flat();
    // The environments' ids say which to read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, app, others.map(e => e.id).join(',')]);
  const [from, setFrom] = useState('');
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  const chosen =
    candidates.value?.find(c => c.environment === from) ??
    candidates.value?.[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const text = comment.trim();
      await api.promoteEnvironment(app, environment, {
        from: chosen.environment,
        ...(text ? { comment: text } : {}),
      });
      alertApi.post({
        message: `Promoting ${chosen.environment} to ${environment}`,
        severity: 'success',
        display: 'transient',
      });
      onPromoted();
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  let content;
  if (candidates.loading) {
    content = <Progress />;
  } else if (!candidates.value) {
    content = (
      <ErrorText
        what="What the other environments run could not be read"
        error={candidates.error}
      />
    );
  } else if (!chosen) {
    content = (
      <DialogContentText>
        No other environment has a succeeded deployment to promote to{' '}
        {environment}.
      </DialogContentText>
    );
  } else {
    const { deployment } = chosen;
    content = (
      <>
        <TextField
          id="orchestrator-promote-from"
          label="From"
          select
          SelectProps={{ native: true }}
          value={chosen.environment}
          onChange={e => setFrom(e.target.value)}
          helperText="The environments whose last deployment succeeded"
          fullWidth
        >
          {candidates.value.map(c => (
            <option key={c.environment} value={c.environment}>
              {c.environment}
            </option>
          ))}
        </TextField>
        <DialogContentText className={classes.field}>
          {`This deploys to ${environment} what ${
            chosen.environment
          } runs: ${workloadsText(deployment.workloads)} — ${deploymentTitle(
            deployment,
          )} ${shortDeploymentId(deployment.id)} by ${shortEntityRef(
            deployment.requestedBy,
          )}, ${formatRelative(deployment.createdAt)}.`}
        </DialogContentText>
        <Changes
          environment={environment}
          candidate={chosen}
          running={running}
        />
        <TextField
          className={classes.field}
          id="orchestrator-promote-comment"
          label="Comment"
          value={comment}
          onChange={e => setComment(e.target.value)}
          helperText="Optional: why, for the history"
          fullWidth
        />
      </>
    );
  }

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="orchestrator-promote-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="orchestrator-promote-title">
          Promote to {environment}
        </DialogTitle>
        <DialogContent>
          {content}
          {error !== undefined && (
            <ErrorText what="Nothing was promoted" error={error} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!chosen || submitting}
          >
            Promote
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
