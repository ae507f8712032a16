import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { resourceDriversExtensionPoint } from '@plinth/plugin-orchestrator-node';
import { createMysqlDriver } from './driver/createMysqlDriver';
import { readMysqlDriverConfig } from './config';

/**
 * Adds the `mysql` driver to the orchestrator, provisioning on the server
 * of `plinth.orchestrator.drivers.mysql`.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-orchestrator-backend-module-mysql'));
 * ```
 * @public
 */
export const orchestratorModuleMysqlDriver = createBackendModule({
  pluginId: 'orchestrator',
  moduleId: 'mysql-driver',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        drivers: resourceDriversExtensionPoint,
      },
      async init({ config, drivers }) {
        drivers.addDriver(createMysqlDriver(readMysqlDriverConfig(config)));
      },
    });
  },
});
