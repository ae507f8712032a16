import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { BlueprintsClient } from './BlueprintsClient';
import type { BlueprintsService } from './BlueprintsService';

/**
 * The blueprints backend, for other backend plugins and modules (the catalog
 * module, scorecards). The default implementation calls the blueprints
 * backend's API with the calling plugin's service credentials.
 * @public
 */
export const blueprintsServiceRef = createServiceRef<BlueprintsService>({
  id: 'plinth.blueprints',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new BlueprintsClient({ discovery, auth }),
    }),
});
