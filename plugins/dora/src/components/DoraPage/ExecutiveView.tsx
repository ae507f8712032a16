import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DoraTrendBucket, DoraTrendsReport } from '@plinth/plugin-dora-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef, DoraMetricsQuery } from '../../api/DoraApi';
import { DORA_KEYS } from '../../lib/doraTiers';
import { DoraKeysTable, TierChip } from '../shared';
import { TierBandLegend } from '../shared/TierBandLegend';
import { DoraGroupsTable } from './DoraGroupsTable';
import { DoraKpiTiles } from './DoraKpiTiles';
import { DoraTrendChart } from './DoraTrendChart';

/** `Q4 2026`: a quarterly bucket, by its start. */
function quarterLabel(startIso: string): string {
  const start = DateTime.fromISO(startIso, { zone: 'utc' });
  return `Q${start.quarter} ${start.toFormat('yyyy')}`;
}

/** Each key's tier per quarter, a column per quarter. */
function TiersByQuarter(props: { buckets: ReadonlyArray<DoraTrendBucket> }) {
  return (
    <Table size="small" aria-label="Tiers by quarter">
      <TableHead>
        <TableRow>
          <TableCell>Key</TableCell>
          {props.buckets.map(bucket => (
            <TableCell key={bucket.start}>
              {quarterLabel(bucket.start)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {DORA_KEYS.map(info => (
          <TableRow key={info.key}>
            <TableCell component="th" scope="row">
              {info.title}
            </TableCell>
            {props.buckets.map(bucket => (
              <TableCell key={bucket.start}>
                <TierChip tier={bucket.metrics.tiers[info.key]} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The window's start, or a year before its end if that is earlier. */
function earliest(from: string | undefined, to: string | undefined) {
  const end = to ? DateTime.fromISO(to) : DateTime.utc();
  const yearBefore = end.minus({ days: 365 });
  if (!from) return yearBefore.toISO() ?? undefined;
  const start = DateTime.fromISO(from);
  return (start < yearBefore ? start : yearBefore).toISO() ?? undefined;
}

/** Each key of the organisation quarter by quarter, as charts over the tier bands. */
function QuarterlyCharts(props: { trends: DoraTrendsReport }) {
  return (
    <Grid container spacing={2}>
      {DORA_KEYS.map(info => (
        <Grid item xs={12} md={6} key={info.key}>
          <Typography variant="subtitle2" component="h4">
            {info.title}
          </Typography>
          <DoraTrendChart
            trends={props.trends}
            info={info}
            nameOf={() => 'Organisation'}
            bucketLabel={quarterLabel}
            bucketTitle="Quarter"
          />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The executive's dashboard: the organisation's keys as tiles with their
 * tiers and trends, each domain's keys, and the organisation's keys and
 * tiers quarter by quarter over at least the last year, as charts over the
 * tier bands and as a table.
 */
export function ExecutiveView(props: {
  query: DoraMetricsQuery;
  team: string;
}) {
  const { query, team } = props;
  const api = useApi(doraApiRef);
  const { loading, error, value } = useAsync(async () => {
    const scoped = { ...query, team: team || undefined };
    const [organisation, domains, trends] = await Promise.all([
      api.getMetrics({ ...scoped, groupBy: 'none' }),
      api.getMetrics({ ...scoped, groupBy: 'domain' }),
      // Quarters over at least the last year, whatever the window.
      api.getTrends({
        ...scoped,
        from: earliest(scoped.from, scoped.to),
        groupBy: 'none',
        bucket: 'quarter',
      }),
    ]);
    return {
      organisation: organisation.groups[0]?.metrics,
      domains: domains.groups,
      trends,
      buckets: trends.groups[0]?.buckets ?? [],
    };
  }, [api, query, team]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <>
      {value?.organisation && (
        <>
          <Box mb={3}>
            <DoraKpiTiles
              metrics={value.organisation}
              buckets={value.buckets}
            />
          </Box>
          <Box mb={3}>
            <InfoCard title="Organisation">
              <DoraKeysTable
                metrics={value.organisation}
                label="Organisation"
              />
            </InfoCard>
          </Box>
        </>
      )}
      <Box mb={3}>
        <InfoCard title="By domain">
          <DoraGroupsTable
            label="By domain"
            groupTitle="Domain"
            groups={value?.domains ?? []}
            emptyKey="(no domain)"
          />
        </InfoCard>
      </Box>
      <InfoCard title="Tiers over time" subheader={<TierBandLegend />}>
        {value && value.buckets.length > 0 && (
          <Box mb={2}>
            <QuarterlyCharts trends={value.trends} />
          </Box>
        )}
        <TiersByQuarter buckets={value?.buckets ?? []} />
      </InfoCard>
    </>
  );
}
