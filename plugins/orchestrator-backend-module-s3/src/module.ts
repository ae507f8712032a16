import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { resourceDriversExtensionPoint } from '@plinth/plugin-orchestrator-node';
import { createS3Driver } from './driver/createS3Driver';
import { readS3DriverConfig } from './config';

/**
 * Adds the `s3` driver to the orchestrator, provisioning on the S3 API of
 * `plinth.orchestrator.drivers.s3`.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-orchestrator-backend-module-s3'));
 * ```
 * @public
 */
export const orchestratorModuleS3Driver = createBackendModule({
  pluginId: 'orchestrator',
  moduleId: 's3-driver',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        drivers: resourceDriversExtensionPoint,
      },
      async init({ config, drivers }) {
        drivers.addDriver(createS3Driver(readS3DriverConfig(config)));
      },
    });
  },
});
