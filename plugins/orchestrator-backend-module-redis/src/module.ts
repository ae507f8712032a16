import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { resourceDriversExtensionPoint } from '@plinth/plugin-orchestrator-node';
import { createRedisDriver } from './driver/createRedisDriver';
import { readRedisDriverConfig } from './config';

/**
 * Adds the `redis` driver to the orchestrator, provisioning on the server
 * of `plinth.orchestrator.drivers.redis`.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-orchestrator-backend-module-redis'));
 * ```
 * @public
 */
export const orchestratorModuleRedisDriver = createBackendModule({
  pluginId: 'orchestrator',
  moduleId: 'redis-driver',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        drivers: resourceDriversExtensionPoint,
      },
      async init({ config, drivers }) {
        drivers.addDriver(createRedisDriver(readRedisDriverConfig(config)));
      },
    });
  },
});
