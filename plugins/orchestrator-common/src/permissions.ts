import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// Changes to an app's environments are permissions on the app itself (a
// catalog entity): a policy can grant them with the catalog's own rules,
// such as "the app's owners may create and lock its environments".

/**
 * Create an environment of an app (resource: the app's entity ref).
 * @public
 */
export const orchestratorEnvironmentCreatePermission = createPermission({
  name: 'plinth.orchestrator.environment.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Extend an environment's time to live (resource: the app's entity ref).
 * @public
 */
export const orchestratorEnvironmentUpdatePermission = createPermission({
  name: 'plinth.orchestrator.environment.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Lock or unlock an environment against deployments (resource: the app's
 * entity ref).
 * @public
 */
export const orchestratorEnvironmentLockPermission = createPermission({
  name: 'plinth.orchestrator.environment.lock',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Delete an environment and its resources (resource: the app's entity ref).
 * @public
 */
export const orchestratorEnvironmentDeletePermission = createPermission({
  name: 'plinth.orchestrator.environment.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Set or delete an app's shared values and secrets (resource: the app's
 * entity ref).
 * @public
 */
export const orchestratorValueWritePermission = createPermission({
  name: 'plinth.orchestrator.value.write',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Deploy an app's workloads to an environment, roll back or promote
 * (resource: the app's entity ref).
 * @public
 */
export const orchestratorDeployPermission = createPermission({
  name: 'plinth.orchestrator.deploy',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Deploy to a locked environment (resource: the app's entity ref).
 * @public
 */
export const orchestratorDeployLockedPermission = createPermission({
  name: 'plinth.orchestrator.deploy.locked',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Run SQL (schema changes, data loads) on an environment's database
 * resource, as the resource's own user (resource: the app's entity ref).
 * @public
 */
export const orchestratorResourceSqlPermission = createPermission({
  name: 'plinth.orchestrator.resource.sql',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create, change or delete resource definitions and environment types:
 * what provisions resources for every app.
 * @public
 */
export const orchestratorPlatformManagePermission = createPermission({
  name: 'plinth.orchestrator.platform.manage',
  attributes: { action: 'update' },
});

/**
 * Every permission of the orchestrator, for the permission framework's
 * integration (policies list them).
 * @public
 */
export const orchestratorPermissions = [
  orchestratorEnvironmentCreatePermission,
  orchestratorEnvironmentUpdatePermission,
  orchestratorEnvironmentLockPermission,
  orchestratorEnvironmentDeletePermission,
  orchestratorValueWritePermission,
  orchestratorDeployPermission,
  orchestratorDeployLockedPermission,
  orchestratorResourceSqlPermission,
  orchestratorPlatformManagePermission,
];
