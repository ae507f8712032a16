import { usePermission } from '@backstage/plugin-permission-react';
import {
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
  return {
    create: create.allowed,
    update: update.allowed,
    lock: lock.allowed,
    delete: remove.allowed,
  };
}
