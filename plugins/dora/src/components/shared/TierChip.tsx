import { DoraTier } from '@plinth/plugin-dora-common';
import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import { tierColor, tierLabel } from '../../lib/doraTiers';

/** A DORA tier as a chip in the tier's colour; `No data` in grey. */
export function TierChip(props: { tier: DoraTier | null | undefined }) {
  const theme = useTheme();
  const background = tierColor(props.tier);
  const label = tierLabel(props.tier);
  return (
    <Chip
      size="small"
      label={label}
      aria-label={`Tier: ${label}`}
      style={{
        backgroundColor: background,
        // The theme's contrast rule (WCAG), as MUI's own coloured chips use.
        color: theme.palette.getContrastText(background),
      }}
    />
  );
}
