import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_BLUEPRINT,
  BLUEPRINT_KIND,
  PLINTH_API_VERSION,
} from '@plinth/plugin-blueprints-common';

/**
 * The identifier of the blueprint an entity belongs to (its
 * `plinth.dev/blueprint` annotation), or `undefined` for any other entity.
 * @public
 */
export function blueprintOfEntity(entity: Entity): string | undefined {
  const blueprint = entity.metadata.annotations?.[ANNOTATION_BLUEPRINT];
  return blueprint ? blueprint : undefined;
}

/**
 * Whether an entity belongs to a blueprint: it carries the
 * `plinth.dev/blueprint` annotation, whatever its kind (a Component of the
 * `Component` blueprint, a `Deployment` of a custom one). For `EntitySwitch`
 * and entity card filters.
 *
 * @example
 * ```tsx
 * <EntitySwitch.Case if={isBlueprintEntity}>
 *   <EntityBlueprintPropertiesCard />
 * </EntitySwitch.Case>
 * ```
 * @public
 */
export function isBlueprintEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') !==
      BLUEPRINT_KIND.toLocaleLowerCase('en-US') &&
    blueprintOfEntity(entity) !== undefined
  );
}

/**
 * Whether an entity is of a custom blueprint kind (`apiVersion`
 * `plinth.dev/v1alpha1`, not `Blueprint`): an entity that no other Backstage
 * plugin has a page for, so the blueprints plugin provides its page.
 * @public
 */
export function isCustomBlueprintEntity(entity: Entity): boolean {
  return entity.apiVersion === PLINTH_API_VERSION && isBlueprintEntity(entity);
}

/**
 * Whether an entity is a `Blueprint` entity, the catalog's copy of a
 * blueprint.
 * @public
 */
export function isBlueprintDefinitionEntity(entity: Entity): boolean {
  return (
    entity.apiVersion === PLINTH_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') ===
      BLUEPRINT_KIND.toLocaleLowerCase('en-US')
  );
}
