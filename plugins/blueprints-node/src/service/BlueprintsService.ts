import {
  BlueprintListResponse,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  StoredEntityListResponse,
} from '@plinth/plugin-blueprints-common';

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
