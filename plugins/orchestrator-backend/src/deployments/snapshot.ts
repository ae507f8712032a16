import type {
  DeploymentSnapshot,
  ResourceDefinition,
} from '@plinth/plugin-orchestrator-common';
import { createHash } from 'node:crypto';
import type { ValueRow } from '../database/OrchestratorStore';
import type { ProvisioningPlan } from '../provisioning/plan';

/** A short hash of what makes a definition provision as it does. */
export function definitionFingerprint(definition: ResourceDefinition): string {
  const { type, driver, driverInputs, criteria } = definition;
  return createHash('sha256')
    .update(JSON.stringify({ type, driver, driverInputs, criteria }))
    .digest('hex')
    .slice(0, 12);
}

/**
 * What a deployment used besides its workloads: the definition each
 * resource matched, the resources the built-in defaults gave, and the app's
 * and environment's shared values — a secret only by when it was set.
 */
export function snapshotOf(
  plan: ProvisioningPlan,
  values: { app: ValueRow[]; environment: ValueRow[] },
): DeploymentSnapshot {
  const valueOf = (row: ValueRow, scope: 'app' | 'environment') => ({
    key: row.key,
    scope,
    secret: row.secret,
    value: row.secret ? new Date(row.updatedAt).toISOString() : row.value,
  });
  return {
    definitions: plan.resources.map(r => ({
      resId: r.resId,
      type: r.type,
      definitionId: r.definition.id,
      driver: r.driver.id,
      fingerprint: definitionFingerprint(r.definition),
    })),
    defaults: [...new Set(plan.defaulted.map(d => d.resId))].sort(),
    values: [
      ...values.app.map(row => valueOf(row, 'app')),
      ...values.environment.map(row => valueOf(row, 'environment')),
    ],
  };
}
