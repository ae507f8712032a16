import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  BlueprintListResponse,
  PortEntity,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  StoredEntityListResponse,
} from '@plinth/plugin-blueprints-common';

/**
 * Whom a write acts for: a user (the scaffolder's actions pass the user's
 * credentials, so the blueprints backend checks the user's permissions), or
 * the calling plugin itself when not given.
 * @public
 */
export interface BlueprintsCallOptions {
  credentials?: BackstageCredentials;
}

/**
 * What other backend plugins and modules read from (and write to) the
 * blueprints backend.
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
 * Writes to the blueprints entity store, each checked against the caller's
 * permissions and validated as the entity store validates entities.
 * @public
 */
export interface BlueprintEntityStore {
  /** An entity of the entity store. */
  getEntity(
    blueprint: string,
    identifier: string,
    options?: BlueprintsCallOptions,
  ): Promise<PortEntity>;
  /**
   * Creates an entity of a blueprint, validated as the entity store
   * validates it; `upsert` replaces (or with `merge`, merges into) one that
   * exists; `validationOnly` checks it and stores nothing.
   */
  createEntity(
    blueprint: string,
    entity: PortEntity,
    options?: BlueprintsCallOptions & {
      upsert?: boolean;
      merge?: boolean;
      validationOnly?: boolean;
    },
  ): Promise<PortEntity>;
  /** Replaces an entity's document, or with `merge` merges into it. */
  updateEntity(
    blueprint: string,
    identifier: string,
    entity: Partial<PortEntity>,
    options?: BlueprintsCallOptions & { merge?: boolean },
  ): Promise<PortEntity>;
  deleteEntity(
    blueprint: string,
    identifier: string,
    options?: BlueprintsCallOptions,
  ): Promise<void>;
}
