import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { Environment } from '@plinth/plugin-orchestrator-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CreateEnvironmentRequest,
  orchestratorApiRef,
} from '../../api/OrchestratorApi';
import { ENVIRONMENT_ID_RULE, isEnvironmentId } from '../../lib/environmentId';
import { MAX_TTL_HOURS, ttlFromHours } from '../../lib/ttl';
import { ErrorText } from '../shared';

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
}));

/** What is wrong with a new environment's id, if anything (nothing yet typed is not). */
function problemOfId(
  id: string,
  appTitle: string,
  environments: ReadonlyArray<Environment>,
): string | undefined {
  if (id === '') {
    return undefined;
  }
  if (!isEnvironmentId(id)) {
    return `Must be ${ENVIRONMENT_ID_RULE}`;
  }
  if (environments.some(e => e.id === id)) {
    return `${appTitle} has an environment "${id}" already`;
  }
  return undefined;
}

/**
 * Asks for a new environment's id, type, TTL and the environment it copies,
 * and creates it (`POST …/environments`).
 */
export function CreateEnvironmentDialog(props: {
  /** The app's entity ref. */
  app: string;
  appTitle: string;
  /** The app's environments, to copy one and to refuse a taken id. */
  environments: ReadonlyArray<Environment>;
  onClose: () => void;
  /** After the backend created it. */
  onCreated: (environment: Environment) => void;
}) {
  const { app, appTitle, environments, onClose, onCreated } = props;
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const types = useAsync(() => api.getEnvironmentTypes(), [api]);
  const [id, setId] = useState('');
  const [type, setType] = useState('');
  const [hours, setHours] = useState('');
  const [from, setFrom] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  const idProblem = problemOfId(id, appTitle, environments);
  const ttl = ttlFromHours(hours);
  const chosenType = types.value?.find(t => t.id === type);
  const valid = id !== '' && !idProblem && type !== '' && ttl !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      return;
    }
    const request: CreateEnvironmentRequest = { id, type };
    if (ttl) request.ttl = ttl;
    if (from) request.from = from;
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await api.createEnvironment(app, request);
      alertApi.post({
        message: from
          ? `Environment ${id} created; its workloads from ${from} are being provisioned`
          : `Environment ${id} created`,
        severity: 'success',
        display: 'transient',
      });
      onCreated(created.environment);
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="orchestrator-create-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="orchestrator-create-title">
          Create an environment
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            A new environment of {appTitle}: empty, or with the workloads and
            values of one of its environments, provisioned anew.
          </DialogContentText>
          <TextField
            className={classes.field}
            id="orchestrator-create-id"
            label="Name"
            value={id}
            onChange={e => setId(e.target.value.trim())}
            error={!!idProblem}
            helperText={idProblem ?? 'Such as preview-42; it cannot change'}
            required
            fullWidth
          />
          <TextField
            className={classes.field}
            id="orchestrator-create-type"
            label="Type"
            select
            SelectProps={{ native: true }}
            value={type}
            onChange={e => setType(e.target.value)}
            helperText={
              types.error
                ? 'The environment types could not be read'
                : chosenType?.description ?? 'What kind of environment it is'
            }
            error={!!types.error}
            disabled={types.loading}
            required
            fullWidth
          >
            <option value="" disabled>
              {types.loading ? 'Loading…' : 'Choose a type'}
            </option>
            {types.value?.map(t => (
              <option key={t.id} value={t.id}>
                {t.id}
              </option>
            ))}
          </TextField>
          <TextField
            className={classes.field}
            id="orchestrator-create-ttl"
            label="Time to live (hours)"
            type="number"
            value={hours}
            onChange={e => setHours(e.target.value)}
            inputProps={{ min: 1, max: MAX_TTL_HOURS, step: 1 }}
            error={ttl === null}
            helperText={
              ttl === null
                ? `A whole number of hours from 1 to ${MAX_TTL_HOURS}`
                : 'Deleted after this long unless extended; empty keeps it until someone deletes it'
            }
            fullWidth
          />
          <TextField
            className={classes.field}
            id="orchestrator-create-from"
            label="Copy from"
            select
            SelectProps={{ native: true }}
            value={from}
            onChange={e => setFrom(e.target.value)}
            helperText="Its workloads and values are copied; its resources are provisioned anew"
            fullWidth
          >
            <option value="">Nothing: start empty</option>
            {environments
              .filter(e => e.status !== 'deleting')
              .map(e => (
                <option key={e.id} value={e.id}>
                  {e.id}
                </option>
              ))}
          </TextField>
          {error !== undefined && (
            <div className={classes.field}>
              <ErrorText what="The environment was not created" error={error} />
            </div>
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
            Create
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
