import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { BlueprintsClient } from '@plinth/plugin-blueprints-node';
import { orchestratorServiceRef } from '@plinth/plugin-orchestrator-node';
import { createPlinthActions, readWebhookOptions } from './actions';

/**
 * Adds Plinth's self-service actions (`plinth:*`) to the scaffolder. They
 * call the orchestrator and the blueprints entity store as the user who ran
 * the template, so their permissions decide what each user may do.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, orchestrator, config, discovery, auth }) {
        scaffolder.addActions(
          ...createPlinthActions({
            orchestrator,
            entities: new BlueprintsClient({ discovery, auth }),
            integrations: ScmIntegrations.fromConfig(config),
            webhooks: readWebhookOptions(config),
          }),
        );
      },
    });
  },
});
