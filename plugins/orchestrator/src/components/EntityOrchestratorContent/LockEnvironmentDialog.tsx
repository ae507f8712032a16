import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useState } from 'react';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { ErrorText } from '../shared';

/**
 * Asks why an environment is locked, and locks it (`PUT …/lock`): no
 * deployment changes it, and it does not expire, until it is unlocked.
 */
export function LockEnvironmentDialog(props: {
  app: string;
  environment: string;
  onClose: () => void;
  onLocked: () => void;
}) {
  const { app, environment, onClose, onLocked } = props;
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const valid = reason.trim().length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await api.lockEnvironment(app, environment, reason.trim());
      alertApi.post({
        message: `Environment ${environment} locked`,
        severity: 'success',
        display: 'transient',
      });
      onLocked();
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="orchestrator-lock-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="orchestrator-lock-title">
          Lock {environment}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            While {environment} is locked, only those allowed to deploy to
            locked environments change it, and it does not expire.
          </DialogContentText>
          <TextField
            id="orchestrator-lock-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText="Why, for whoever wants to deploy: a release under test, an incident…"
            multiline
            minRows={2}
            required
            fullWidth
          />
          {error !== undefined && (
            <ErrorText what="The environment was not locked" error={error} />
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
            disabled={!valid || submitting}
          >
            Lock
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
