import { Config, readDurationFromConfig } from '@backstage/config';
import {
  DoraTierThresholds,
  DoraTierThresholdsConfig,
  resolveDoraTiers,
} from '@plinth/plugin-dora-common';
import { DEFAULT_DORA_DELIVERY_RETENTION_MS } from './service/DoraMetricsService';
import { DEFAULT_DORA_MAX_BATCH_BYTES } from './service/router';

/** The `plinth.dora` settings, with their defaults. */
export interface DoraConfig {
  tiers: DoraTierThresholds;
  maxBatchBytes: number;
  /** How long the ids of webhook deliveries are kept, in milliseconds. */
  deliveryRetentionMs: number;
}

/** A duration in milliseconds, as `durationToMilliseconds` of `@backstage/types` counts it. */
function milliseconds(duration: ReturnType<typeof readDurationFromConfig>) {
  const {
    years = 0,
    months = 0,
    weeks = 0,
    days = 0,
    hours = 0,
    minutes = 0,
    seconds = 0,
    milliseconds: ms = 0,
  } = duration;
  const allDays = years * 365 + months * 30 + weeks * 7 + days;
  return ((allDays * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + ms;
}

const TIER_METRICS = [
  'deploymentsPerDay',
  'leadTimeHours',
  'changeFailureRate',
  'recoveryHours',
  'reworkRate',
] as const;

/**
 * Reads `plinth.dora`: `maxBatchBytes`,
 * `tiers.<metric>.<elite|high|medium>` and `webhooks.deliveryRetention`.
 * (The webhook secrets, `plinth.dora.webhooks.<source>.*`, are read by the
 * modules of their sources.)
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

  let deliveryRetentionMs = DEFAULT_DORA_DELIVERY_RETENTION_MS;
  if (dora?.has('webhooks.deliveryRetention')) {
    try {
      deliveryRetentionMs = milliseconds(
        readDurationFromConfig(dora, { key: 'webhooks.deliveryRetention' }),
      );
    } catch (error) {
      throw new Error(
        `plinth.dora.webhooks.deliveryRetention must be a duration, e.g. { days: 30 } or '30d': ${
          (error as Error).message
        }`,
      );
    }
    if (!(deliveryRetentionMs > 0)) {
      throw new Error(
        'plinth.dora.webhooks.deliveryRetention must be a duration above 0',
      );
    }
  }

  return { tiers: resolvedTiers, maxBatchBytes, deliveryRetentionMs };
}
