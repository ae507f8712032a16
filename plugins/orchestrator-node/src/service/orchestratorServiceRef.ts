import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { OrchestratorClient } from './OrchestratorClient';
import type { OrchestratorService } from './OrchestratorService';

/**
 * The orchestrator, for backend plugins, modules and the self-service
 * actions. The default implementation calls the orchestrator backend's API
 * (plugin id `orchestrator`), on behalf of the credentials a call gives or
 * with the calling plugin's own.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { orchestrator: orchestratorServiceRef },
 *   async init({ orchestrator }) {
 *     const { run } = await orchestrator.putWorkload('component:default/cartservice', 'development', scoreYaml);
 *     await orchestrator.waitForRun('component:default/cartservice', 'development', run.id);
 *   },
 * });
 * ```
 * @public
 */
export const orchestratorServiceRef = createServiceRef<OrchestratorService>({
  id: 'plinth.orchestrator',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new OrchestratorClient({ discovery, auth }),
    }),
});
