import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Send DORA events (changes, deployments, incidents) through
 * `POST /api/dora/events`. Webhook deliveries authenticate with their
 * sources' shared secrets instead.
 * @public
 */
export const doraEventsCreatePermission = createPermission({
  name: 'plinth.dora.events.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the DORA metrics, for policies and for
 * `permissionsRegistry.addPermissions`.
 * @public
 */
export const doraPermissions = [doraEventsCreatePermission];
