import { usePermission } from '@backstage/plugin-permission-react';
import {
  Environment,
  orchestratorDeployLockedPermission,
  orchestratorDeployPermission,
  orchestratorEnvironmentCreatePermission,
  orchestratorEnvironmentDeletePermission,
  orchestratorEnvironmentLockPermission,
  orchestratorEnvironmentUpdatePermission,
} from '@plinth/plugin-orchestrator-common';

/** What the user may do to the environments of an app. */
export interface EnvironmentPermissions {
  /** Create environments (`plinth.orchestrator.environment.create`). */
  create: boolean;
  /** Extend or remove a TTL (`plinth.orchestrator.environment.update`). */
  update: boolean;
  /** Lock and unlock (`plinth.orchestrator.environment.lock`). */
  lock: boolean;
  /** Delete (`plinth.orchestrator.environment.delete`). */
  delete: boolean;
  /** Deploy, roll back and promote (`plinth.orchestrator.deploy`). */
  deploy: boolean;
  /** Do so to a locked environment too (`plinth.orchestrator.deploy.locked`). */
  deployLocked: boolean;
}

/**
 * What the user may do to the environments of the app `entityRef`: the
 * orchestrator's environment permissions, on the app's catalog entity.
 * Everything is denied while the decisions load.
 */
export function useEnvironmentPermissions(
  entityRef: string,
): EnvironmentPermissions {
  const create = usePermission({
    permission: orchestratorEnvironmentCreatePermission,
    resourceRef: entityRef,
  });
  const update = usePermission({
    permission: orchestratorEnvironmentUpdatePermission,
    resourceRef: entityRef,
  });
  const lock = usePermission({
    permission: orchestratorEnvironmentLockPermission,
    resourceRef: entityRef,
  });
  const remove = usePermission({
    permission: orchestratorEnvironmentDeletePermission,
    resourceRef: entityRef,
  });
  const deploy = usePermission({
    permission: orchestratorDeployPermission,
    resourceRef: entityRef,
  });
  const deployLocked = usePermission({
    permission: orchestratorDeployLockedPermission,
    resourceRef: entityRef,
  });
  return {
    create: create.allowed,
    update: update.allowed,
    lock: lock.allowed,
    delete: remove.allowed,
    deploy: deploy.allowed,
    deployLocked: deployLocked.allowed,
  };
}

/**
 * Whether deploying to `environment` (a deployment, a rollback or a
 * promotion) is offered, and why it is refused if it is offered disabled:
 * not offered without the deploy permission or once the environment is
 * being deleted; refused on a locked environment without the permission to
 * deploy to locked ones.
 */
export function deployAccess(
  environment: Environment,
  permissions: EnvironmentPermissions,
): { offered: boolean; refusal?: string } {
  if (!permissions.deploy || environment.status === 'deleting') {
    return { offered: false };
  }
  if (environment.lock && !permissions.deployLocked) {
    return {
      offered: true,
      refusal: `${environment.id} is locked (${environment.lock.reason}): only those allowed to deploy to locked environments may change it`,
    };
  }
  return { offered: true };
}
