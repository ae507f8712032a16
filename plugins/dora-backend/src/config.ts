import { Config } from '@backstage/config';
import {
  DoraTierThresholds,
  DoraTierThresholdsConfig,
  resolveDoraTiers,
} from '@plinth/plugin-dora-common';
import { DEFAULT_DORA_MAX_BATCH_BYTES } from './service/router';

/** The `plinth.dora` settings, with their defaults. */
export interface DoraConfig {
  tiers: DoraTierThresholds;
  maxBatchBytes: number;
}

const TIER_METRICS = [
  'deploymentsPerDay',
  'leadTimeHours',
  'changeFailureRate',
  'recoveryHours',
  'reworkRate',
] as const;

/**
 * Reads `plinth.dora`: `maxBatchBytes` and
 * `tiers.<metric>.<elite|high|medium>`. (The webhook secrets,
 * `plinth.dora.webhooks.*`, are read by the modules of their sources.)
 * @throws Error naming the key that is wrong
 */
export function readDoraConfig(config: Config): DoraConfig {
  const dora = config.getOptionalConfig('plinth.dora');
  const maxBatchBytes =
    dora?.getOptionalNumber('maxBatchBytes') ?? DEFAULT_DORA_MAX_BATCH_BYTES;
  if (!Number.isInteger(maxBatchBytes) || maxBatchBytes < 1) {
    throw new Error(
      `plinth.dora.maxBatchBytes must be a whole number of bytes above 0, not ${maxBatchBytes}`,
    );
  }

  const tiersConfig: DoraTierThresholdsConfig = {};
  const tiers = dora?.getOptionalConfig('tiers');
  for (const metric of TIER_METRICS) {
    const bounds = tiers?.getOptionalConfig(metric);
    if (!bounds) continue;
    tiersConfig[metric] = Object.fromEntries(
      (['elite', 'high', 'medium'] as const)
        .map(tier => [tier, bounds.getOptionalNumber(tier)] as const)
        .filter(([, value]) => value !== undefined),
    );
  }
  let resolvedTiers: DoraTierThresholds;
  try {
    resolvedTiers = resolveDoraTiers(tiersConfig);
  } catch (error) {
    throw new Error(`plinth.dora.${(error as Error).message}`);
  }

  return { tiers: resolvedTiers, maxBatchBytes };
}
