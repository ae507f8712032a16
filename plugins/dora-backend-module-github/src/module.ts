import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { doraEventSourcesExtensionPoint } from '@plinth/plugin-dora-node';
import { GitHubDoraSource } from './GitHubDoraSource';

/**
 * DORA events from GitHub's webhook, at `POST /api/dora/webhooks/github`,
 * checked against the secret `plinth.dora.webhooks.github.secret`.
 *
 * @example
 * ```ts
 * // packages/backend/src/index.ts
 * backend.add(import('@plinth/plugin-dora-backend'));
 * backend.add(import('@plinth/plugin-dora-backend-module-github'));
 * ```
 * @public
 */
export const doraModuleGithub = createBackendModule({
  pluginId: 'dora',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        sources: doraEventSourcesExtensionPoint,
      },
      async init({ config, sources }) {
        sources.addSource(
          new GitHubDoraSource({
            secret: config.getOptionalString(
              'plinth.dora.webhooks.github.secret',
            ),
          }),
        );
      },
    });
  },
});
