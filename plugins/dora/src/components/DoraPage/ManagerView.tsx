import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { DoraGroupMetrics } from '@plinth/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef, DoraMetricsQuery } from '../../api/DoraApi';
import { teamsOf } from '../../lib/doraSettings';
import { badness, DORA_KEYS } from '../../lib/doraTiers';
import { formatDate } from '../../lib/window';
import { useEntityTitles } from '../../hooks/useEntityTitles';
import { TierBandLegend } from '../shared/TierBandLegend';
import { DoraGroupsTable } from './DoraGroupsTable';
import { DoraTrendChart } from './DoraTrendChart';

/** How many worst offenders are listed. */
const WORST_OFFENDERS = 5;

/**
 * The manager's dashboard: the user's teams (or the chosen team; every team
 * when the user has none) with their tiers, their weekly trends, and the
 * services with the worst tiers.
 */
export function ManagerView(props: { query: DoraMetricsQuery; team: string }) {
  const { query, team } = props;
  const api = useApi(doraApiRef);
  const identityApi = useApi(identityApiRef);
  const { loading, error, value } = useAsync(async () => {
    const teams = team
      ? [team]
      : teamsOf((await identityApi.getBackstageIdentity()).ownershipEntityRefs);
    const mine = (key: string | null) =>
      teams.length === 0 || (key !== null && teams.includes(key));
    const [metrics, trends, ...byEntity] = await Promise.all([
      api.getMetrics({ ...query, groupBy: 'team' }),
      api.getTrends({ ...query, groupBy: 'team', bucket: 'week' }),
      ...(teams.length === 0 ? [undefined] : teams).map(t =>
        api.getMetrics({ ...query, groupBy: 'entity', team: t }),
      ),
    ]);
    const offenders = new Map<string, DoraGroupMetrics>();
    for (const group of byEntity.flatMap(r => r.groups)) {
      if (group.key && group.metrics.deployments + group.metrics.changes > 0) {
        offenders.set(group.key, group);
      }
    }
    return {
      teams: metrics.groups.filter(g => mine(g.key)),
      trends: { ...trends, groups: trends.groups.filter(g => mine(g.key)) },
      worst: [...offenders.values()]
        .sort((a, b) => badness(b.metrics) - badness(a.metrics))
        .slice(0, WORST_OFFENDERS),
    };
  }, [api, identityApi, query, team]);
  const teamTitle = useEntityTitles(
    value?.teams.map(t => t.key) ?? [],
    'group',
  );

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
        title="No DORA events"
        description="No team of yours deployed in this window."
      />
    );
  }
  return (
    <>
      <Box mb={3}>
        <InfoCard title="My teams">
          <DoraGroupsTable
            label="My teams"
            groupTitle="Team"
            groups={value.teams}
            emptyKey="(no team)"
            bareKind="group"
          />
        </InfoCard>
      </Box>
      <Box mb={3}>
        <InfoCard title="Weekly trends" subheader={<TierBandLegend />}>
          <Grid container spacing={2}>
            {DORA_KEYS.map(info => (
              <Grid item xs={12} md={6} key={info.key}>
                <Typography variant="subtitle2" component="h4">
                  {info.title}
                </Typography>
                <DoraTrendChart
                  trends={value.trends}
                  info={info}
                  nameOf={key => (key ? teamTitle(key) : '(no team)')}
                  bucketLabel={formatDate}
                  bucketTitle="Week starting"
                />
              </Grid>
            ))}
          </Grid>
        </InfoCard>
      </Box>
      <InfoCard title="Worst offenders">
        <DoraGroupsTable
          label="Worst offenders"
          groupTitle="Service"
          groups={value.worst}
        />
      </InfoCard>
    </>
  );
}
