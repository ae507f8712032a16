import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { DeploymentSummary } from '@plinth/plugin-orchestrator-common';
import { FormEvent, useState } from 'react';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { shortDeploymentId, workloadsText } from '../../lib/deployments';
import { formatRelative } from '../../lib/format';
import { shortEntityRef } from '../../lib/refs';
import { ErrorText } from '../shared';

/**
 * Says what rolling an environment back to an earlier deployment deploys
 * again, and does it when confirmed (`POST …/deployments/:id/rollback`),
 * with an optional comment.
 */
export function RollbackDialog(props: {
  app: string;
  environment: string;
  /** The earlier, succeeded deployment to deploy again. */
  target: DeploymentSummary;
  onClose: () => void;
  onRolledBack: () => void;
}) {
  const { app, environment, target, onClose, onRolledBack } = props;
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = shortDeploymentId(target.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const text = comment.trim();
      await api.rollbackDeployment(
        app,
        environment,
        target.id,
        text ? { comment: text } : {},
      );
      alertApi.post({
        message: `${environment} is being rolled back to ${id}`,
        severity: 'success',
        display: 'transient',
      });
      onRolledBack();
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="orchestrator-rollback-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="orchestrator-rollback-title">
          Roll {environment} back to {id}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {`This deploys to ${environment} again what ${id} deployed ${formatRelative(
              target.createdAt,
            )} for ${shortEntityRef(target.requestedBy)}: ${workloadsText(
              target.workloads,
            )}.`}
          </DialogContentText>
          <TextField
            id="orchestrator-rollback-comment"
            label="Comment"
            value={comment}
            onChange={e => setComment(e.target.value)}
            helperText="Why, for the history: an incident, a bad release…"
            fullWidth
          />
          {error !== undefined && (
            <ErrorText what="Nothing was rolled back" error={error} />
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
            disabled={submitting}
          >
            Roll back
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
