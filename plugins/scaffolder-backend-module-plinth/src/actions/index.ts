import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { BlueprintEntityStore } from '@plinth/plugin-blueprints-node';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { createDatabaseChangeAction } from './database';
import { createGithubDispatchWorkflowAction } from './githubWorkflow';
import {
  createDeployAction,
  createPromoteAction,
  createRollbackAction,
} from './deployments';
import {
  createEntityCreateAction,
  createEntityDeleteAction,
  createEntityUpdateAction,
} from './entities';
import {
  createEnvironmentCreateAction,
  createEnvironmentDeleteAction,
  createEnvironmentExtendAction,
  createEnvironmentLockAction,
  createEnvironmentUnlockAction,
} from './environments';
import { createWorkloadScaleAction } from './scaling';
import { createValueSetAction } from './values';
import { WebhookOptions } from './webhookConfig';
import { createWebhookCallAction } from './webhooks';
import {
  createWorkloadResourceAction,
  createWorkloadVariablesAction,
} from './workloads';

export { createDatabaseChangeAction } from './database';
export { createGithubDispatchWorkflowAction } from './githubWorkflow';
export type { SchemaChange } from './schemaChanges';
export {
  createDeployAction,
  createPromoteAction,
  createRollbackAction,
} from './deployments';
export {
  createEntityCreateAction,
  createEntityDeleteAction,
  createEntityUpdateAction,
} from './entities';
export {
  createEnvironmentCreateAction,
  createEnvironmentDeleteAction,
  createEnvironmentExtendAction,
  createEnvironmentLockAction,
  createEnvironmentUnlockAction,
} from './environments';
export { createWorkloadScaleAction } from './scaling';
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
  /** The blueprints entity store. */
  entities: BlueprintEntityStore;
  /** Backstage's SCM integrations (GitHub workflows). */
  integrations: ScmIntegrationRegistry;
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
    createWorkloadScaleAction(options),
    createDatabaseChangeAction(options),
    createGithubDispatchWorkflowAction(options),
    createWebhookCallAction({ webhooks }),
    createEntityCreateAction(options),
    createEntityUpdateAction(options),
    createEntityDeleteAction(options),
  ];
}
