import {
  DEFAULT_DORA_TIERS,
  DoraTier,
  DoraTierThresholds,
} from '@plinth/plugin-dora-common';
import { DoraKeyInfo } from './doraTiers';

/** The range of a key's values, in its chart unit, that earns a tier. */
export interface TierBand {
  tier: DoraTier;
  /** Lower end, in the key's chart unit. */
  from: number;
  /** Upper end; `Infinity` for the open-ended band. */
  to: number;
}

/**
 * The four tier bands of a key, lowest values first, in the key's chart
 * unit (percent for rates): what a trend chart draws behind its lines.
 * Deployment frequency is better the higher it is; every other key the
 * lower. The bounds are the DORA report's, as the backend uses them unless
 * `plinth.dora.tiers` overrides them.
 */
export function tierBands(
  info: Pick<DoraKeyInfo, 'bounds' | 'scale'>,
  thresholds: DoraTierThresholds = DEFAULT_DORA_TIERS,
): TierBand[] {
  const { elite, high, medium } = thresholds[info.bounds];
  const at = (value: number) => value * info.scale;
  if (info.bounds === 'deploymentsPerDay') {
    return [
      { tier: 'low', from: 0, to: at(medium) },
      { tier: 'medium', from: at(medium), to: at(high) },
      { tier: 'high', from: at(high), to: at(elite) },
      { tier: 'elite', from: at(elite), to: Infinity },
    ];
  }
  return [
    { tier: 'elite', from: 0, to: at(elite) },
    { tier: 'high', from: at(elite), to: at(high) },
    { tier: 'medium', from: at(high), to: at(medium) },
    { tier: 'low', from: at(medium), to: Infinity },
  ];
}
