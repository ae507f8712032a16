import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DoraClient } from './DoraClient';
import type { DoraService } from './DoraService';

/**
 * The DORA service, for backend plugins and modules. The default
 * implementation calls the DORA backend's API (plugin id `dora`) with the
 * calling plugin's service credentials.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { dora: doraServiceRef },
 *   async init({ dora }) {
 *     await dora.recordEvents([{ type: 'deployment', id: 'deploy-42', ... }]);
 *   },
 * });
 * ```
 * @public
 */
export const doraServiceRef = createServiceRef<DoraService>({
  id: 'plinth.dora',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) => new DoraClient({ discovery, auth }),
    }),
});
