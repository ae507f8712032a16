import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_BLUEPRINT,
  backstageEntityToPort,
  PLINTH_API_VERSION,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import { BlueprintSnapshot } from '../BlueprintCache';

/**
 * The blueprint a catalog entity belongs to: named by its
 * `plinth.dev/blueprint` annotation (entities mapped from Port), or, for an
 * entity of Plinth's apiVersion written by hand, the blueprint whose kind it
 * has. `undefined` for every other entity.
 */
export function blueprintOf(
  entity: Entity,
  snapshot: BlueprintSnapshot,
): string | undefined {
  const annotated = entity.metadata.annotations?.[ANNOTATION_BLUEPRINT];
  if (annotated) return annotated;
  if (entity.apiVersion !== PLINTH_API_VERSION) return undefined;
  return snapshot.blueprintOfKind.get(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * Whether an entity can belong to a blueprint at all, without reading the
 * blueprints: most of a catalog cannot, and need no further look.
 */
export function mayHaveBlueprint(entity: Entity): boolean {
  return (
    entity.apiVersion === PLINTH_API_VERSION ||
    Boolean(entity.metadata.annotations?.[ANNOTATION_BLUEPRINT])
  );
}

/**
 * The entity as Port sees it, for validation against its blueprint: the Port
 * data it carries in `spec`, its identifier from the annotation or its name.
 */
export function portViewOf(entity: Entity, blueprint: string): PortEntity {
  const mapped = backstageEntityToPort(entity);
  if (mapped) return mapped;
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const port: PortEntity = { identifier: entity.metadata.name, blueprint };
  if (entity.metadata.title !== undefined) port.title = entity.metadata.title;
  for (const key of ['team', 'icon', 'properties', 'relations'] as const) {
    if (spec[key] !== undefined) (port as any)[key] = spec[key];
  }
  return port;
}
