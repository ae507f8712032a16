import { Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import {
  Environment,
  resourceTypeOf,
} from '@plinth/plugin-orchestrator-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EnvironmentDetails,
  orchestratorApiRef,
} from '../../api/OrchestratorApi';
import { plural } from '../../lib/format';
import { ErrorText } from '../shared';

/** What deleting the environment takes with it, as a sentence. */
function whatGoes(details: EnvironmentDetails): string {
  const { workloads, resources } = details;
  const parts: string[] = [];
  if (workloads.length > 0) {
    parts.push(
      `${plural(workloads.length, 'workload')} (${workloads
        .map(w => w.name)
        .join(', ')})`,
    );
  }
  if (resources.length > 0) {
    parts.push(
      `${plural(resources.length, 'resource')} with their data (${resources
        .map(r => `${r.resId}, ${resourceTypeOf(r.type)?.title ?? r.type}`)
        .join('; ')})`,
    );
  }
  return parts.length > 0
    ? `Its ${parts.join(' and its ')} are deleted with it.`
    : 'It has no workload and no resource.';
}

/**
 * Says what deleting an environment deletes, and deletes it when confirmed
 * (`DELETE …/environments/:env`); a run then deletes its resources.
 */
export function DeleteEnvironmentDialog(props: {
  app: string;
  appTitle: string;
  environment: Environment;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { app, appTitle, environment, onClose, onDeleted } = props;
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const details = useAsync(
    () => api.getEnvironment(app, environment.id),
    [api, app, environment.id],
  );
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  const remove = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await api.deleteEnvironment(app, environment.id);
      alertApi.post({
        message: `Environment ${environment.id} is being deleted`,
        severity: 'success',
        display: 'transient',
      });
      onDeleted();
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="orchestrator-delete-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="orchestrator-delete-title">
        Delete {environment.id}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {[
            `This deletes the ${environment.type} environment ${environment.id} of ${appTitle}.`,
            details.value && whatGoes(details.value),
            details.error &&
              'What is in it could not be read; all of it is deleted.',
            'It cannot be undone.',
          ]
            .filter(Boolean)
            .join(' ')}
        </DialogContentText>
        {details.loading && <Progress />}
        {environment.lock && (
          <DialogContentText>
            It is locked ({environment.lock.reason}): only those allowed to
            change locked environments may delete it.
          </DialogContentText>
        )}
        {error !== undefined && (
          <ErrorText what="The environment was not deleted" error={error} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          onClick={remove}
          color="secondary"
          variant="contained"
          disabled={submitting}
        >
          Delete {environment.id}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
