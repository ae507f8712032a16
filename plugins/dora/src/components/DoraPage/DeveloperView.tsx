import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  DoraDeploymentSummary,
  DoraGroupMetrics,
} from '@plinth/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef, DoraMetricsQuery } from '../../api/DoraApi';
import { useEntityLink } from '../../hooks/useEntityLink';
import { useEntityTitles } from '../../hooks/useEntityTitles';
import { teamsOf } from '../../lib/doraSettings';
import { formatDate } from '../../lib/window';
import { DoraGroupsTable } from './DoraGroupsTable';

/** At most this many services have their deployments read. */
const MAX_SERVICES = 20;
/** At most this many deployments are listed. */
const MAX_DEPLOYMENTS = 25;

function hasEvents(group: DoraGroupMetrics): boolean {
  return group.metrics.deployments > 0 || group.metrics.changes > 0;
}

function DeploymentsTable(props: {
  deployments: ReadonlyArray<DoraDeploymentSummary>;
}) {
  const entityLink = useEntityLink();
  const titleOf = useEntityTitles(props.deployments.map(d => d.entityRef));
  return (
    <Table size="small" aria-label="Recent deployments and failures">
      <TableHead>
        <TableRow>
          <TableCell>Finished</TableCell>
          <TableCell>Service</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Changes</TableCell>
          <TableCell>Incidents</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.deployments.map(d => {
          const href = entityLink(d.entityRef);
          const open = d.incidents.filter(i => i.resolvedAt === null).length;
          return (
            <TableRow key={d.id}>
              <TableCell>{formatDate(d.finishedAt)}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {href ? (
                  <Link to={href}>{titleOf(d.entityRef)}</Link>
                ) : (
                  titleOf(d.entityRef)
                )}
              </TableCell>
              <TableCell>
                {d.failed ? 'Failed' : 'Succeeded'}
                {d.rework ? ' · rework' : ''}
              </TableCell>
              <TableCell>{d.changes.length}</TableCell>
              <TableCell>
                {d.incidents.length === 0
                  ? '—'
                  : `${d.incidents.length} (${open} open)`}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * The developer's dashboard: the services of the user's teams (or of the
 * chosen team) with their keys and tiers, and their recent deployments and
 * failures.
 */
export function DeveloperView(props: {
  query: DoraMetricsQuery;
  team: string;
}) {
  const { query, team } = props;
  const api = useApi(doraApiRef);
  const identityApi = useApi(identityApiRef);
  const { loading, error, value } = useAsync(async () => {
    const teams = team
      ? [team]
      : teamsOf((await identityApi.getBackstageIdentity()).ownershipEntityRefs);
    const reports = await Promise.all(
      teams.map(t => api.getMetrics({ ...query, groupBy: 'entity', team: t })),
    );
    const byKey = new Map<string, DoraGroupMetrics>();
    for (const group of reports.flatMap(r => r.groups)) {
      if (group.key && hasEvents(group)) byKey.set(group.key, group);
    }
    const services = [...byKey.values()];
    const deployments = (
      await Promise.all(
        services.slice(0, MAX_SERVICES).map(s =>
          api.getDeployments({
            entityRef: s.key!,
            environment: query.environment,
            from: query.from,
            to: query.to,
            limit: 10,
          }),
        ),
      )
    )
      .flatMap(r => r.items)
      .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))
      .slice(0, MAX_DEPLOYMENTS);
    return { teams, services, deployments };
  }, [api, identityApi, query, team]);
  const teamTitle = useEntityTitles(value?.teams ?? [], 'group');

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.teams.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No team of yours"
        description="You belong to no group in the catalog; choose a team in the filters."
      />
    );
  }
  return (
    <>
      <Box mb={3}>
        <InfoCard
          title="My services"
          subheader={value.teams.map(teamTitle).join(', ')}
        >
          {value.services.length === 0 ? (
            <EmptyState
              missing="data"
              title="No DORA events"
              description="No service of these teams deployed in this window."
            />
          ) : (
            <DoraGroupsTable
              label="My services"
              groupTitle="Service"
              groups={value.services}
            />
          )}
        </InfoCard>
      </Box>
      <InfoCard title="Recent deployments and failures">
        {value.deployments.length === 0 ? (
          <EmptyState missing="data" title="No deployments" />
        ) : (
          <DeploymentsTable deployments={value.deployments} />
        )}
      </InfoCard>
    </>
  );
}
