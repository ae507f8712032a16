import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { orchestratorServiceRef } from '@plinth/plugin-orchestrator-node';
import { createPlinthActions, readWebhookOptions } from './actions';

/**
 * Adds Plinth's self-service actions (`plinth:*`) to the scaffolder. They
 * call the orchestrator as the user who ran the template, so its
 * permissions decide what each user may do.
 *
 * @example
 * ```ts
 * backend.add(import('@plinth/plugin-scaffolder-backend-module-plinth'));
 * ```
 * @public
 */
export const scaffolderModulePlinthActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'plinth-actions',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        orchestrator: orchestratorServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, orchestrator, config }) {
        scaffolder.addActions(
          ...createPlinthActions({
            orchestrator,
            webhooks: readWebhookOptions(config),
          }),
        );
      },
    });
  },
});
