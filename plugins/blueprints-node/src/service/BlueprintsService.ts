import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  BlueprintListResponse,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  StoredEntityListResponse,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsClient } from './BlueprintsClient';

/**
 * What other backend plugins and modules read from the blueprints backend.
 * @public
 */
export interface BlueprintsService {
  /** The applied blueprints, and the problems of those left out. */
  getBlueprints(): Promise<BlueprintListResponse>;
  /** Every entity of the blueprints entity store. */
  getStoredEntities(): Promise<StoredEntityListResponse>;
  /**
   * A page of a blueprint's entities with their derived values and owning
   * teams; pass the answer's `next` as `after` for the next page.
   */
  getEntityViews(request: {
    blueprint: string;
    after?: string;
    limit?: number;
  }): Promise<EntityViewsResponse>;
  /** Entity views by catalog ref, in order, `null` for refs of no blueprint entity. */
  getEntityViewsByRefs(entityRefs: string[]): Promise<EntityViewsBatchResponse>;
}

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
