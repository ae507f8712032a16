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
import { Deployment } from '@plinth/plugin-orchestrator-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import {
  containerImages,
  deployRequestOf,
  problemOfCommit,
  problemOfImage,
  shortDeploymentId,
  WorkloadForm,
} from '../../lib/deployments';
import { ErrorText } from '../shared';

const useStyles = makeStyles(theme => ({
  workload: { marginTop: theme.spacing(2) },
  field: { marginTop: theme.spacing(1) },
}));

/** The workloads to deploy, as the form starts: each image as it runs. */
function initialForms(
  last: Deployment | undefined,
  environmentWorkloads: ReadonlyArray<{ name: string; score: string }>,
): WorkloadForm[] {
  // A first deployment sends the Score files; a later one keeps them.
  const workloads: Array<{
    name: string;
    score: string;
    images?: Record<string, string>;
    send: boolean;
  }> = last
    ? last.workloads.map(w => ({ ...w, send: false }))
    : environmentWorkloads.map(w => ({ ...w, send: true }));
  return workloads.map(w => {
    const containers = containerImages(w);
    return {
      name: w.name,
      score: w.send ? w.score : undefined,
      containers,
      images: Object.fromEntries(containers.map(c => [c.container, c.current])),
      commit: '',
    };
  });
}

/** The fields of the form, once the workloads are known. */
function DeployForm(props: {
  app: string;
  environment: string;
  /** The newest deployment, whose set this one changes; none for the first. */
  last?: Deployment;
  initial: WorkloadForm[];
  onClose: () => void;
  onDeployed: () => void;
  /** Whether the request is under way, for the dialog not to close meanwhile. */
  onSubmitting: (submitting: boolean) => void;
}) {
  const { app, environment, last, initial, onClose, onDeployed } = props;
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const [forms, setForms] = useState(initial);
  const [comment, setComment] = useState('');
  const [submitting, setSubmittingState] = useState(false);
  const [error, setError] = useState<unknown>();
  const setSubmitting = (value: boolean) => {
    setSubmittingState(value);
    props.onSubmitting(value);
  };

  const valid =
    forms.length > 0 &&
    forms.every(
      f =>
        !problemOfCommit(f.commit) &&
        f.containers.every(c => !problemOfImage(f.images[c.container] ?? '')),
    );
  const update = (name: string, change: Partial<WorkloadForm>) =>
    setForms(forms.map(f => (f.name === name ? { ...f, ...change } : f)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const deployment = await api.deploy(
        app,
        environment,
        deployRequestOf(forms, comment, !last),
      );
      alertApi.post({
        message: `Deploying to ${environment}: ${shortDeploymentId(
          deployment.id,
        )}`,
        severity: 'success',
        display: 'transient',
      });
      onDeployed();
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogContent>
        <DialogContentText>
          {last
            ? `The workloads of the last deployment (${shortDeploymentId(
                last.id,
              )}) with the images below: change an image to deploy a new build. A workload keeps its Score file; the others stay as they are.`
            : `${environment} is not deployed yet: its first deployment is made from the workloads of the environment, with their Score files as they are.`}
        </DialogContentText>
        {forms.length === 0 && (
          <Typography variant="body2">
            {environment} has no workloads yet: there is nothing to deploy.
          </Typography>
        )}
        {forms.map(form => {
          const commitProblem = problemOfCommit(form.commit);
          return (
            <div key={form.name} className={classes.workload}>
              <Typography variant="subtitle2" component="h3">
                {form.name}
              </Typography>
              {form.containers.map(c => {
                const image = form.images[c.container] ?? '';
                const problem = problemOfImage(image);
                return (
                  <TextField
                    key={c.container}
                    className={classes.field}
                    id={`orchestrator-deploy-${form.name}-${c.container}`}
                    label={`Image of ${form.name}/${c.container}`}
                    value={image}
                    onChange={e =>
                      update(form.name, {
                        images: {
                          ...form.images,
                          [c.container]: e.target.value,
                        },
                      })
                    }
                    error={!!problem}
                    helperText={
                      problem ??
                      (image.trim() !== c.current
                        ? `Now ${c.current}`
                        : 'As it runs now')
                    }
                    required
                    fullWidth
                  />
                );
              })}
              <TextField
                className={classes.field}
                id={`orchestrator-deploy-${form.name}-commit`}
                label={`Commit of ${form.name}`}
                value={form.commit}
                onChange={e => update(form.name, { commit: e.target.value })}
                error={!!commitProblem}
                helperText={
                  commitProblem ??
                  'Optional: the sha of the commit it was built from'
                }
                fullWidth
              />
            </div>
          );
        })}
        <TextField
          className={classes.workload}
          id="orchestrator-deploy-comment"
          label="Comment"
          value={comment}
          onChange={e => setComment(e.target.value)}
          helperText="Optional: why, for the history"
          fullWidth
        />
        {error !== undefined && (
          <div className={classes.field}>
            <ErrorText what="Nothing was deployed" error={error} />
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
          Deploy
        </Button>
      </DialogActions>
    </form>
  );
}

/**
 * Deploys to an environment (`POST …/deployments`): per workload of its
 * newest deployment, the image of each container (as it runs now) and the
 * commit it was built from, and a comment; the workloads changed are merged
 * into that deployment's set. An environment not deployed yet is deployed
 * from its own workloads, with their Score files.
 */
export function DeployDialog(props: {
  app: string;
  environment: string;
  /** The newest deployment, in full; none for an environment not deployed yet. */
  last?: Deployment;
  onClose: () => void;
  onDeployed: () => void;
}) {
  const { app, environment, last, onClose } = props;
  const api = useApi(orchestratorApiRef);
  const [submitting, setSubmitting] = useState(false);
  // The environment's own workloads only for a first deployment.
  const details = useAsync(
    async () => (last ? undefined : api.getEnvironment(app, environment)),
    [api, app, environment, last],
  );

  let content;
  if (last || details.value) {
    content = (
      <DeployForm
        {...props}
        onSubmitting={setSubmitting}
        initial={initialForms(last, details.value?.workloads ?? [])}
      />
    );
  } else if (details.loading) {
    content = (
      <DialogContent>
        <Progress />
      </DialogContent>
    );
  } else {
    content = (
      <>
        <DialogContent>
          <ErrorText
            what={`The workloads of ${environment} could not be read`}
            error={details.error}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
        </DialogActions>
      </>
    );
  }
  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="orchestrator-deploy-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="orchestrator-deploy-title">
        Deploy to {environment}
      </DialogTitle>
      {content}
    </Dialog>
  );
}
