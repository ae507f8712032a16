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
}) {
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
  ];
}
