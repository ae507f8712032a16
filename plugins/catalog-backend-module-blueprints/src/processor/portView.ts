import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_BLUEPRINT,
  blueprintOfEntity,
  catalogEntityToPort,
  PLINTH_API_VERSION,
  PLINTH_DEFINITION_KINDS,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import { BlueprintSnapshot } from '../BlueprintCache';

/**
 * The blueprint a catalog entity belongs to (by its annotation, or its kind
 * under Plinth's apiVersion); `undefined` for every other entity.
 */
export function blueprintOf(
  entity: Entity,
  snapshot: BlueprintSnapshot,
): string | undefined {
  return blueprintOfEntity(entity, snapshot.blueprintOfKind);
}

/**
 * Whether an entity can belong to a blueprint at all, without reading the
 * blueprints: most of a catalog cannot, and need no further look.
 */
export function mayHaveBlueprint(entity: Entity): boolean {
  if (
    entity.apiVersion === PLINTH_API_VERSION &&
    PLINTH_DEFINITION_KINDS.includes(entity.kind)
  ) {
    // Plinth's own definitions (Scorecard) are other processors' to check.
    return false;
  }
  return (
    entity.apiVersion === PLINTH_API_VERSION ||
    Boolean(entity.metadata.annotations?.[ANNOTATION_BLUEPRINT])
  );
}

/** The entity as Port sees it, for validation against its blueprint. */
export function portViewOf(entity: Entity, blueprint: string): PortEntity {
  return catalogEntityToPort(entity, blueprint);
}
