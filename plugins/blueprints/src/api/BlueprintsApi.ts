import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  BlueprintListResponse,
  BlueprintVersionsResponse,
  DerivedPropertiesResponse,
  PortEntity,
  RegisteredBlueprint,
  ValidationResponse,
} from '@plinth/plugin-blueprints-common';

/**
 * How {@link BlueprintsApi.createEntity} writes, as the blueprints backend's
 * entity API: `upsert` creates or replaces, `merge` (with `upsert`) changes
 * only what is given, `validationOnly` checks without saving.
 * @public
 */
export interface CreateEntityOptions {
  upsert?: boolean;
  merge?: boolean;
  validationOnly?: boolean;
}

/**
 * The blueprints backend (`/api/blueprints`), as the frontend uses it.
 *
 * Every method throws a `ResponseError` from `@backstage/errors` when the
 * backend answers with an error, except where it says otherwise.
 *
 * @public
 */
export interface BlueprintsApi {
  /** Every applied blueprint, and the problems of those that could not be applied. */
  listBlueprints(): Promise<BlueprintListResponse>;

  /** One blueprint; a `ResponseError` with status 404 when there is none. */
  getBlueprint(identifier: string): Promise<RegisteredBlueprint>;

  /** The versions of one blueprint, newest first. */
  getBlueprintVersions(identifier: string): Promise<BlueprintVersionsResponse>;

  /** The entities of one blueprint in the blueprints entity store. */
  listBlueprintEntities(blueprint: string): Promise<PortEntity[]>;

  /**
   * Writes an entity of `blueprint` to the entity store.
   *
   * @throws {@link EntityRejectedError} when the backend rejects the entity
   *   as invalid (HTTP 400), with each problem and where it is
   */
  createEntity(
    blueprint: string,
    entity: PortEntity,
    options?: CreateEntityOptions,
  ): Promise<PortEntity>;

  /** Checks an entity without saving it. */
  validateEntity(
    entity: PortEntity,
    blueprint?: string,
  ): Promise<ValidationResponse>;

  /**
   * The derived (mirror, calculation, aggregation) properties of a catalog
   * entity, and its ownership; `undefined` when the backend has none for it
   * (not an entity of a blueprint, or not computed yet).
   */
  getDerivedProperties(
    entityRef: CompoundEntityRef,
  ): Promise<DerivedPropertiesResponse | undefined>;

  /**
   * The derived properties of many catalog entities, in the order asked,
   * `null` for those without.
   */
  getDerivedPropertiesByRefs(
    entityRefs: Array<string | CompoundEntityRef>,
  ): Promise<Array<DerivedPropertiesResponse | null>>;
}

/**
 * The {@link BlueprintsApi}.
 * @public
 */
export const blueprintsApiRef = createApiRef<BlueprintsApi>({
  id: 'plugin.blueprints.service',
});
