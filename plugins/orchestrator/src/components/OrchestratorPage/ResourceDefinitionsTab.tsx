import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ResourceDefinitionView,
  resourceTypeOf,
} from '@plinth/plugin-orchestrator-common';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { usageSummary } from '../../lib/criteria';
import { ErrorText } from '../shared';
import { CriteriaChips } from './CriteriaChips';

/** At most this many apps are listed under a definition's users. */
const MAX_APPS = 6;

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  code: { fontFamily: 'monospace', wordBreak: 'break-all' },
  cell: { verticalAlign: 'top' },
  nowrap: { verticalAlign: 'top', whiteSpace: 'nowrap' },
}));

/** An input as lines: a map's entries one a line (`outputs.host: …`). */
function inputLines(key: string, value: unknown): Array<[string, string]> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) =>
      inputLines(`${key}.${k}`, v),
    );
  }
  return [[key, typeof value === 'string' ? value : JSON.stringify(value)]];
}

/** A definition's driver inputs; secret ones by the secret they come from. */
function Inputs(props: { definition: ResourceDefinitionView }) {
  const classes = useStyles();
  const { values, secretRefs } = props.definition.driverInputs;
  const plain = Object.entries(values ?? {}).flatMap(([key, value]) =>
    inputLines(key, value),
  );
  const secrets = Object.entries(secretRefs ?? {});
  if (plain.length === 0 && secrets.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  return (
    <ul className={classes.list}>
      {plain.map(([key, value]) => (
        <li key={key}>
          <Typography variant="body2">
            {key}: <span className={classes.code}>{value}</span>
          </Typography>
        </li>
      ))}
      {secrets.map(([key, secret]) => (
        <li key={key}>
          <Typography variant="body2">
            {key}: from secret {secret}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** Which resources a definition provisioned: counted, then by app. */
function UsedBy(props: { definition: ResourceDefinitionView }) {
  const classes = useStyles();
  const { usedBy } = props.definition;
  const byApp = new Map<string, string[]>();
  for (const u of usedBy) {
    byApp.set(u.app, [...(byApp.get(u.app) ?? []), u.environment]);
  }
  const apps = [...byApp.entries()];
  return (
    <>
      <Typography variant="body2">{usageSummary(usedBy)}</Typography>
      {apps.length > 0 && (
        <ul className={classes.list}>
          {apps.slice(0, MAX_APPS).map(([app, environments]) => (
            <li key={app}>
              <Typography variant="body2">
                <EntityRefLink entityRef={app} />:{' '}
                {[...new Set(environments)].join(', ')}
              </Typography>
            </li>
          ))}
          {apps.length > MAX_APPS && (
            <li>
              <Typography variant="body2" color="textSecondary">
                and {apps.length - MAX_APPS} more apps
              </Typography>
            </li>
          )}
        </ul>
      )}
    </>
  );
}

/**
 * Every resource definition: its resource type and driver, where it applies
 * (criteria as chips), its inputs (secret ones by the platform secret they
 * come from) and the resources it provisioned.
 */
export function ResourceDefinitionsTab() {
  const classes = useStyles();
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(
    () => api.getResourceDefinitions(),
    [api],
  );
  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return (
      <ErrorText
        what="The resource definitions could not be read"
        error={error}
      />
    );
  }
  return (
    <InfoCard
      title="Resource definitions"
      subheader="Which driver provisions each resource type, with which inputs, where; the most specific criterion wins"
    >
      {value.length === 0 ? (
        <EmptyState
          missing="data"
          title="No resource definitions"
          description="Without one, no workload's resource can be provisioned. Add them under plinth.orchestrator.resourceDefinitions in app-config.yaml, or through the API."
        />
      ) : (
        <Table size="small" aria-label="Resource definitions">
          <TableHead>
            <TableRow>
              <TableCell>Definition</TableCell>
              <TableCell>Resource type</TableCell>
              <TableCell>Driver</TableCell>
              <TableCell>Applies to</TableCell>
              <TableCell>Inputs</TableCell>
              <TableCell>Used by</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(definition => (
              <TableRow key={definition.id}>
                <TableCell component="th" scope="row" className={classes.cell}>
                  <Typography variant="body2">
                    <strong>{definition.title ?? definition.id}</strong>
                  </Typography>
                  {definition.title && (
                    <Typography variant="caption" color="textSecondary">
                      {definition.id}
                    </Typography>
                  )}{' '}
                  <Chip
                    size="small"
                    label={definition.source === 'config' ? 'config' : 'api'}
                    title={
                      definition.source === 'config'
                        ? 'From app-config or a definition file: changed there'
                        : 'Made through the API'
                    }
                  />
                </TableCell>
                <TableCell className={classes.nowrap} title={definition.type}>
                  {resourceTypeOf(definition.type)?.title ?? definition.type}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {definition.driver}
                </TableCell>
                <TableCell className={classes.cell}>
                  <CriteriaChips criteria={definition.criteria} />
                </TableCell>
                <TableCell className={classes.cell}>
                  <Inputs definition={definition} />
                </TableCell>
                <TableCell className={classes.cell}>
                  <UsedBy definition={definition} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
