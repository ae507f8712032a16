import { DoraMetrics, DoraTrendBucket } from '@plinth/plugin-dora-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { DORA_KEYS, tierColor } from '../../lib/doraTiers';
import { DoraSparkline, TierChip } from '../shared';

/**
 * The five keys as tiles an executive reads at a glance: each key's value
 * over the window, its tier (the tile's edge in the tier's colour), and its
 * trend over the quarters.
 */
export function DoraKpiTiles(props: {
  metrics: DoraMetrics;
  buckets: ReadonlyArray<DoraTrendBucket>;
}) {
  const { metrics, buckets } = props;
  return (
    <Grid container spacing={2} role="list" aria-label="Key figures">
      {DORA_KEYS.map(info => {
        const tier = metrics.tiers[info.key];
        return (
          <Grid item xs={12} sm={6} md={4} lg key={info.key} role="listitem">
            <Paper
              variant="outlined"
              aria-label={info.title}
              style={{
                padding: 16,
                height: '100%',
                borderTop: `4px solid ${tierColor(tier)}`,
              }}
            >
              <Typography
                variant="overline"
                component="h3"
                color="textSecondary"
              >
                {info.title}
              </Typography>
              <Typography variant="h6" component="p">
                {info.format(metrics)}
              </Typography>
              <TierChip tier={tier} />
              <div>
                <DoraSparkline
                  info={info}
                  buckets={buckets}
                  color={tierColor(tier)}
                  width={160}
                />
              </div>
            </Paper>
          </Grid>
        );
      })}
    </Grid>
  );
}
