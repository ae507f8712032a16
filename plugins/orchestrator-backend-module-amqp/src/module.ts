import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { resourceDriversExtensionPoint } from '@plinth/plugin-orchestrator-node';
import { createAmqpDriver } from './driver/createAmqpDriver';
import { readAmqpDriverConfig } from './config';

/**
 * Adds the `amqp` driver to the orchestrator, provisioning on the broker of
 * `plinth.orchestrator.drivers.amqp`.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-orchestrator-backend-module-amqp'));
 * ```
 * @public
 */
export const orchestratorModuleAmqpDriver = createBackendModule({
  pluginId: 'orchestrator',
  moduleId: 'amqp-driver',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        drivers: resourceDriversExtensionPoint,
      },
      async init({ config, drivers }) {
        drivers.addDriver(createAmqpDriver(readAmqpDriverConfig(config)));
      },
    });
  },
});
