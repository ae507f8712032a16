import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import {
  createDeployAction,
  createPromoteAction,
  createRollbackAction,
} from './deployments';
import {
  createEnvironmentCreateAction,
  createEnvironmentDeleteAction,
  createEnvironmentExtendAction,
  createEnvironmentLockAction,
  createEnvironmentUnlockAction,
} from './environments';
import { createValueSetAction } from './values';
import { WebhookOptions } from './webhookConfig';
import { createWebhookCallAction } from './webhooks';
import {
  createWorkloadResourceAction,
  createWorkloadVariablesAction,
} from './workloads';

export {
  createDeployAction,
  createPromoteAction,
  createRollbackAction,
} from './deployments';
export {
  createEnvironmentCreateAction,
  createEnvironmentDeleteAction,
  createEnvironmentExtendAction,
  createEnvironmentLockAction,
  createEnvironmentUnlockAction,
} from './environments';
export { createValueSetAction } from './values';
export { readWebhookOptions, type WebhookOptions } from './webhookConfig';
export { createWebhookCallAction, webhookSignature } from './webhooks';
export {
  createWorkloadResourceAction,
  createWorkloadVariablesAction,
} from './workloads';

/**
 * Every Plinth action, for a scaffolder built by hand; the module adds them
 * to the scaffolder of a backend.
 * @public
 */
export function createPlinthActions(options: {
  orchestrator: OrchestratorService;
  /** Where webhooks may go; nowhere when not given. */
  webhooks?: WebhookOptions;
}) {
  const webhooks = options.webhooks ?? { allowedHosts: [], timeoutMs: 10_000 };
  return [
    createEnvironmentCreateAction(options),
    createEnvironmentExtendAction(options),
    createEnvironmentLockAction(options),
    createEnvironmentUnlockAction(options),
    createEnvironmentDeleteAction(options),
    createDeployAction(options),
    createRollbackAction(options),
    createPromoteAction(options),
    createValueSetAction(options),
    createWorkloadVariablesAction(options),
    createWorkloadResourceAction(options),
    createWebhookCallAction({ webhooks }),
  ];
}
