import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { resourceDriversExtensionPoint } from '@plinth/plugin-orchestrator-node';
import { createPostgresDriver } from './driver/createPostgresDriver';
import { readPostgresDriverConfig } from './config';

/**
 * Adds the `postgres` driver to the orchestrator, provisioning on the
 * server of `plinth.orchestrator.drivers.postgres`.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-orchestrator-backend-module-postgres'));
 * ```
 * @public
 */
export const orchestratorModulePostgresDriver = createBackendModule({
  pluginId: 'orchestrator',
  moduleId: 'postgres-driver',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        drivers: resourceDriversExtensionPoint,
      },
      async init({ config, drivers }) {
        drivers.addDriver(
          createPostgresDriver(readPostgresDriverConfig(config)),
        );
      },
    });
  },
});
