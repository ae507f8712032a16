import type { QueryValueType } from '@plinth/plugin-blueprints-common';
import type { DoraMetrics } from '@plinth/plugin-dora-common';

/**
 * The DORA figures every entity of a scorecard carries, for rules to read
 * like any property: the five keys over the last 90 days in production, and
 * the tier of each (`elite`, `high`, `medium`, `low`). An entity without
 * deployments has `null` figures.
 * @public
 */
export const DORA_SCORECARD_PROPERTIES: Readonly<
  Record<string, QueryValueType>
> = {
  doraDeploymentsPerDay: 'number',
  doraLeadTimeHours: 'number',
  doraChangeFailureRate: 'number',
  doraRecoveryHours: 'number',
  doraReworkRate: 'number',
  doraDeploymentFrequencyTier: 'string',
  doraLeadTimeTier: 'string',
  doraChangeFailureRateTier: 'string',
  doraRecoveryTier: 'string',
  doraReworkRateTier: 'string',
};

/**
 * The titles of {@link DORA_SCORECARD_PROPERTIES}, as rule results name
 * them.
 * @public
 */
export const DORA_SCORECARD_PROPERTY_TITLES: Readonly<Record<string, string>> =
  {
    doraDeploymentsPerDay: 'Deployments per day',
    doraLeadTimeHours: 'Lead time in hours',
    doraChangeFailureRate: 'Change failure rate',
    doraRecoveryHours: 'Recovery time in hours',
    doraReworkRate: 'Rework rate',
    doraDeploymentFrequencyTier: 'Deployment frequency tier',
    doraLeadTimeTier: 'Lead time tier',
    doraChangeFailureRateTier: 'Change failure rate tier',
    doraRecoveryTier: 'Recovery time tier',
    doraReworkRateTier: 'Rework rate tier',
  };

/**
 * The values of {@link DORA_SCORECARD_PROPERTIES} for an entity's metrics.
 * @public
 */
export function doraScorecardValues(
  metrics: DoraMetrics | undefined,
): Record<string, number | string | null> {
  const hasDeployments = !!metrics && metrics.deployments > 0;
  return {
    doraDeploymentsPerDay: metrics?.deploymentsPerDay ?? null,
    doraLeadTimeHours: metrics?.leadTimeHoursMedian ?? null,
    doraChangeFailureRate: metrics?.changeFailureRate ?? null,
    doraRecoveryHours: metrics?.recoveryHoursMedian ?? null,
    doraReworkRate: metrics?.reworkRate ?? null,
    doraDeploymentFrequencyTier: hasDeployments
      ? metrics!.tiers.deploymentsPerDay
      : null,
    doraLeadTimeTier: metrics?.tiers.leadTimeHoursMedian ?? null,
    doraChangeFailureRateTier: metrics?.tiers.changeFailureRate ?? null,
    doraRecoveryTier: metrics?.tiers.recoveryHoursMedian ?? null,
    doraReworkRateTier: metrics?.tiers.reworkRate ?? null,
  };
}
