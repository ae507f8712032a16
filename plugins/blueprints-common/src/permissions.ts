import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Create a blueprint through the blueprints API.
 * @public
 */
export const blueprintCreatePermission = createPermission({
  name: 'plinth.blueprint.create',
  attributes: { action: 'create' },
});

/**
 * Change a blueprint through the blueprints API.
 * @public
 */
export const blueprintUpdatePermission = createPermission({
  name: 'plinth.blueprint.update',
  attributes: { action: 'update' },
});

/**
 * Delete a blueprint through the blueprints API.
 * @public
 */
export const blueprintDeletePermission = createPermission({
  name: 'plinth.blueprint.delete',
  attributes: { action: 'delete' },
});

/**
 * Create an entity in the blueprints entity store.
 * @public
 */
export const blueprintEntityCreatePermission = createPermission({
  name: 'plinth.blueprint.entity.create',
  attributes: { action: 'create' },
});

/**
 * Change (upsert or merge) an entity in the blueprints entity store.
 * @public
 */
export const blueprintEntityUpdatePermission = createPermission({
  name: 'plinth.blueprint.entity.update',
  attributes: { action: 'update' },
});

/**
 * Delete an entity from the blueprints entity store.
 * @public
 */
export const blueprintEntityDeletePermission = createPermission({
  name: 'plinth.blueprint.entity.delete',
  attributes: { action: 'delete' },
});

/**
 * Every permission of the blueprints plugin, for policies and for
 * `permissionsRegistry.addPermissions`.
 * @public
 */
export const blueprintPermissions = [
  blueprintCreatePermission,
  blueprintUpdatePermission,
  blueprintDeletePermission,
  blueprintEntityCreatePermission,
  blueprintEntityUpdatePermission,
  blueprintEntityDeletePermission,
];
