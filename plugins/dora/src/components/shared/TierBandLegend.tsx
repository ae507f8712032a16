import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { DORA_TIERS, tierColor, tierLabel } from '../../lib/doraTiers';
import { TIER_BAND_OPACITY } from './tierBandStyle';

/** What the shaded bands behind a trend chart mean: a swatch per tier. */
export function TierBandLegend() {
  return (
    <Box
      role="list"
      aria-label="Tier bands"
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
    >
      <Typography variant="caption" color="textSecondary">
        Shaded: the tier a value earns
      </Typography>
      {DORA_TIERS.map(tier => (
        <Box role="listitem" key={tier} display="flex" alignItems="center">
          <span
            data-testid={`tier-band-${tier}`}
            style={{
              display: 'inline-block',
              width: 12,
              height: 12,
              marginRight: 4,
              backgroundColor: tierColor(tier),
              opacity: TIER_BAND_OPACITY * 2,
              border: `1px solid ${tierColor(tier)}`,
            }}
          />
          <Typography variant="caption">{tierLabel(tier)}</Typography>
        </Box>
      ))}
    </Box>
  );
}
