import { DoraTier } from '@plinth/plugin-scorecards-common';
import Chip from '@material-ui/core/Chip';
import { readableTextColor } from '../../lib/levelColors';
import { tierColor, tierLabel } from '../../lib/doraTiers';

/** A DORA tier as a chip in the tier's colour; `No data` in grey. */
export function TierChip(props: { tier: DoraTier | null | undefined }) {
  const background = tierColor(props.tier);
  const label = tierLabel(props.tier);
  return (
    <Chip
      size="small"
      label={label}
      aria-label={`Tier: ${label}`}
      style={{
        backgroundColor: background,
        color: readableTextColor(background),
      }}
    />
  );
}
