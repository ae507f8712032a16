import {
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Environment,
  EnvironmentResource,
  EnvironmentWorkload,
  OrchestratorRun,
  resourceTypeOf,
} from '@plinth/plugin-orchestrator-common';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { usePolling } from '../../hooks/usePolling';
import { useReloadable } from '../../hooks/useReloadable';
import { formatInstant, formatRelative } from '../../lib/format';
import { outputRows, SECRET_MASK } from '../../lib/outputs';
import { shortEntityRef } from '../../lib/refs';
import { ErrorText } from '../shared';
import { ResourceGraph } from './ResourceGraph';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(3) },
  outputs: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontFamily: theme.typography.fontFamily,
  },
  code: { fontFamily: 'monospace', wordBreak: 'break-all' },
  // Resolved values keep their lines (a file's content).
  value: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
    whiteSpace: 'pre-wrap',
  },
  nowrap: { whiteSpace: 'nowrap' },
}));

function ResourceStatus(props: { resource: EnvironmentResource }) {
  const { status, error } = props.resource;
  switch (status) {
    case 'ready':
      return <StatusOK>Ready</StatusOK>;
    case 'provisioning':
      return <StatusRunning>Provisioning…</StatusRunning>;
    case 'deleting':
      return <StatusPending>Deleting…</StatusPending>;
    default:
      return (
        <>
          <StatusError>Failed</StatusError>
          {error && (
            <Typography variant="body2" color="error">
              {error}
            </Typography>
          )}
        </>
      );
  }
}

/** A resource's outputs, `name: value`; secrets as set, never their values. */
function Outputs(props: { resource: EnvironmentResource }) {
  const classes = useStyles();
  const rows = outputRows(props.resource);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  return (
    <ul className={classes.outputs}>
      {rows.map(row => (
        <li key={row.name}>
          <Typography variant="body2" component="span">
            {row.name}:{' '}
            {row.secret ? (
              <>
                {SECRET_MASK}{' '}
                <Typography
                  variant="body2"
                  component="span"
                  color="textSecondary"
                >
                  (secret, set)
                </Typography>
              </>
            ) : (
              <span className={classes.code}>{row.value}</span>
            )}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

function ResourcesTable(props: {
  environment: string;
  resources: ReadonlyArray<EnvironmentResource>;
  definitionTitles: ReadonlyMap<string, string>;
}) {
  const classes = useStyles();
  const { resources, definitionTitles } = props;
  if (resources.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No resources: none of its workloads asks for one yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Resources of ${props.environment}`}>
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Definition</TableCell>
          <TableCell>Driver</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Outputs</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {resources.map(resource => (
          <TableRow key={resource.resId}>
            <TableCell component="th" scope="row" className={classes.nowrap}>
              {resource.resId}
              {resource.class !== 'default' && (
                <Typography variant="caption" display="block">
                  class {resource.class}
                </Typography>
              )}
            </TableCell>
            <TableCell title={resource.type}>
              {resourceTypeOf(resource.type)?.title ?? resource.type}
            </TableCell>
            <TableCell title={resource.definitionId}>
              {definitionTitles.get(resource.definitionId) ??
                resource.definitionId}
            </TableCell>
            <TableCell className={classes.nowrap}>{resource.driver}</TableCell>
            <TableCell className={classes.nowrap}>
              <ResourceStatus resource={resource} />
            </TableCell>
            <TableCell>
              <Outputs resource={resource} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Workload(props: { workload: EnvironmentWorkload }) {
  const { workload } = props;
  const classes = useStyles();
  const resolved = workload.resolved ?? [];
  return (
    <Box mt={1}>
      <Typography variant="subtitle2" component="h4">
        {workload.name}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Updated {formatRelative(workload.updatedAt)} by{' '}
        {shortEntityRef(workload.updatedBy)}
      </Typography>
      {resolved.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {workload.resolved
            ? 'Its values name no resource.'
            : 'Its values are resolved once its resources are ready.'}
        </Typography>
      ) : (
        <Table size="small" aria-label={`Values of ${workload.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Key</TableCell>
              <TableCell>Resolved value (secrets masked)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {resolved.map(({ key, value }) => (
              <TableRow key={key}>
                <TableCell className={classes.code}>{key}</TableCell>
                <TableCell className={classes.value}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

const RUN_ACTIONS: Record<OrchestratorRun['action'], string> = {
  provision: 'Provision',
  deploy: 'Deploy',
  delete: 'Delete',
};

function RunStatus(props: { run: OrchestratorRun }) {
  switch (props.run.status) {
    case 'succeeded':
      return <StatusOK>Succeeded</StatusOK>;
    case 'failed':
      return <StatusError>Failed</StatusError>;
    case 'running':
      return <StatusRunning>Running</StatusRunning>;
    case 'cancelled':
      return <StatusPending>Cancelled</StatusPending>;
    default:
      return <StatusPending>Queued</StatusPending>;
  }
}

function RunsTable(props: {
  environment: string;
  runs: ReadonlyArray<OrchestratorRun>;
}) {
  if (props.runs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No runs yet.
      </Typography>
    );
  }
  // The error column only when a run has one.
  const anyError = props.runs.some(run => run.error);
  return (
    <Table size="small" aria-label={`Runs of ${props.environment}`}>
      <TableHead>
        <TableRow>
          <TableCell>Run</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>When</TableCell>
          {anyError && <TableCell>Error</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(run => {
          const when = run.finishedAt ?? run.startedAt ?? run.createdAt;
          return (
            <TableRow key={run.id}>
              <TableCell>
                {RUN_ACTIONS[run.action]}, by {shortEntityRef(run.requestedBy)}
              </TableCell>
              <TableCell>
                <RunStatus run={run} />
                {run.attempts > 1 && (
                  <Typography variant="caption" display="block">
                    {run.attempts} attempts
                  </Typography>
                )}
              </TableCell>
              <TableCell title={formatInstant(when)}>
                {formatRelative(when)}
              </TableCell>
              {anyError && (
                <TableCell>
                  {run.error && (
                    <Typography variant="body2" color="error">
                      {run.error}
                    </Typography>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function busy(status: string): boolean {
  return status === 'provisioning' || status === 'deleting';
}

/**
 * What is in an environment: its resources with their outputs (secrets only
 * named), its workloads with their resolved values (secrets masked by the
 * backend), and its latest runs. Read again while anything in it changes,
 * and whenever the environment does.
 */
export function EnvironmentDetailsPanel(props: {
  app: string;
  environment: Environment;
}) {
  const { app, environment } = props;
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const { value, loading, error, reload } = useReloadable(async () => {
    const [details, definitions] = await Promise.all([
      api.getEnvironment(app, environment.id),
      // Titles only: the ids do without them.
      api.getResourceDefinitions().catch(() => []),
    ]);
    return {
      details,
      definitionTitles: new Map(
        definitions.flatMap(d => (d.title ? [[d.id, d.title] as const] : [])),
      ),
    };
  }, [api, app, environment.id, environment.status, environment.updatedAt]);
  usePolling(
    reload,
    !!value &&
      (busy(environment.status) ||
        value.details.resources.some(r => busy(r.status))),
  );

  if (!value) {
    return loading ? (
      <Progress />
    ) : (
      <ErrorText
        what={`What is in ${environment.id} could not be read`}
        error={error}
      />
    );
  }
  const { details, definitionTitles } = value;
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        Resources
      </Typography>
      <ResourceGraph
        workloads={details.workloads}
        resources={details.resources}
      />
      <ResourcesTable
        environment={environment.id}
        resources={details.resources}
        definitionTitles={definitionTitles}
      />
      <div className={classes.section}>
        <Typography variant="subtitle1" component="h3">
          Workloads
        </Typography>
        {details.workloads.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No workload is deployed here yet.
          </Typography>
        ) : (
          details.workloads.map(w => <Workload key={w.name} workload={w} />)
        )}
      </div>
      <div className={classes.section}>
        <Typography variant="subtitle1" component="h3">
          Last runs
        </Typography>
        <RunsTable environment={environment.id} runs={details.runs} />
      </div>
    </>
  );
}
