import type { DoraTier } from './types';

/**
 * The bounds of the elite, high and medium tiers of one metric; below the
 * medium bound is low. For deployments per day a value must be at least the
 * bound; for every other metric at most.
 * @public
 */
export interface DoraTierBounds {
  elite: number;
  high: number;
  medium: number;
}

/**
 * The tier bounds of the five keys (`plinth.dora.tiers` in app-config).
 * @public
 */
export interface DoraTierThresholds {
  /** Successful deployments per day, at least. */
  deploymentsPerDay: DoraTierBounds;
  /** Median lead time for changes in hours, at most. */
  leadTimeHours: DoraTierBounds;
  /** Change failure rate (0 to 1), at most. */
  changeFailureRate: DoraTierBounds;
  /** Median failed deployment recovery time in hours, at most. */
  recoveryHours: DoraTierBounds;
  /** Rework rate (0 to 1), at most. */
  reworkRate: DoraTierBounds;
}

/**
 * A partial override of {@link DoraTierThresholds}, as configured.
 * @public
 */
export type DoraTierThresholdsConfig = {
  [K in keyof DoraTierThresholds]?: Partial<DoraTierBounds>;
};

/**
 * The default tier bounds, from the DORA research program's Accelerate State
 * of DevOps reports (2023 and 2024 performance clusters).
 *
 * - Deployment frequency (2023 and 2024): elite "on demand, multiple deploys
 *   per day", high "between once per day and once per week", medium
 *   "between once per week and once per month", low "between once per month
 *   and once every six months" (2024). So: at least 1 a day, 1 a week (1/7),
 *   1 a month (1/30).
 * - Lead time for changes (2023 and 2024): elite "less than one day", high
 *   "between one day and one week", medium "between one week and one month",
 *   low "between one month and six months" (2024). So: at most 24, 168 and
 *   720 hours.
 * - Change failure rate: 2023 clusters 5% (elite), 10% (high), 15% (medium),
 *   64% (low); 2024 clusters 5%, 20%, 10%, 40%. The 2024 medium cluster fails
 *   less often than the high one, which no ordered bounds can express, so
 *   the 2023 values are used: at most 0.05, 0.10, 0.15.
 * - Failed deployment recovery time: 2023 elite "less than one hour", high
 *   "less than one day", medium "between one day and one week", low
 *   "between one month and six months"; 2024 elite less than one hour, high
 *   and medium less than one day, low between one week and one month. The
 *   2023 values keep three distinct bounds: at most 1, 24 and 168 hours.
 * - Rework rate: the 2024 report introduced it without tier bounds; these
 *   defaults mirror the change failure rate ones (0.05, 0.10, 0.15) and are
 *   Plinth's choice, to configure.
 *
 * @public
 */
export const DEFAULT_DORA_TIERS: DoraTierThresholds = {
  deploymentsPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  leadTimeHours: { elite: 24, high: 168, medium: 720 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  recoveryHours: { elite: 1, high: 24, medium: 168 },
  reworkRate: { elite: 0.05, high: 0.1, medium: 0.15 },
};

/**
 * The metrics with tiers.
 * @public
 */
export type DoraTieredMetric = keyof DoraTierThresholds;

const TIERED_METRICS: DoraTieredMetric[] = [
  'deploymentsPerDay',
  'leadTimeHours',
  'changeFailureRate',
  'recoveryHours',
  'reworkRate',
];

/** Higher is better for deployment frequency only. */
function higherIsBetter(metric: DoraTieredMetric): boolean {
  return metric === 'deploymentsPerDay';
}

/**
 * The defaults with the configured bounds in their place.
 * @throws Error naming the metric when a bound is not a non-negative number,
 *   or the bounds are not ordered (elite, then high, then medium)
 * @public
 */
export function resolveDoraTiers(
  config: DoraTierThresholdsConfig = {},
): DoraTierThresholds {
  const result = {} as DoraTierThresholds;
  for (const metric of TIERED_METRICS) {
    const bounds = { ...DEFAULT_DORA_TIERS[metric], ...config[metric] };
    for (const tier of ['elite', 'high', 'medium'] as const) {
      const value = bounds[tier];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new Error(
          `tiers.${metric}.${tier} must be a number of at least 0, not ${value}`,
        );
      }
    }
    const ordered = higherIsBetter(metric)
      ? bounds.elite >= bounds.high && bounds.high >= bounds.medium
      : bounds.elite <= bounds.high && bounds.high <= bounds.medium;
    if (!ordered) {
      throw new Error(
        `tiers.${metric} must have elite ${
          higherIsBetter(metric) ? '>=' : '<='
        } high ${higherIsBetter(metric) ? '>=' : '<='} medium, not ${
          bounds.elite
        }, ${bounds.high}, ${bounds.medium}`,
      );
    }
    result[metric] = bounds;
  }
  return result;
}

/**
 * The tier of a value of a metric: elite, high, medium, or else low; null
 * for a null value.
 * @example
 * ```ts
 * doraTierOf('leadTimeHours', 30); // 'high'
 * doraTierOf('deploymentsPerDay', 0.5); // 'high'
 * ```
 * @public
 */
export function doraTierOf(
  metric: DoraTieredMetric,
  value: number,
  thresholds?: DoraTierThresholds,
): DoraTier;
/** @public */
export function doraTierOf(
  metric: DoraTieredMetric,
  value: number | null,
  thresholds?: DoraTierThresholds,
): DoraTier | null;
export function doraTierOf(
  metric: DoraTieredMetric,
  value: number | null,
  thresholds: DoraTierThresholds = DEFAULT_DORA_TIERS,
): DoraTier | null {
  if (value === null) return null;
  const bounds = thresholds[metric];
  const within = higherIsBetter(metric)
    ? (bound: number) => value >= bound
    : (bound: number) => value <= bound;
  if (within(bounds.elite)) return 'elite';
  if (within(bounds.high)) return 'high';
  if (within(bounds.medium)) return 'medium';
  return 'low';
}
