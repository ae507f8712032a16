import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { Blueprint } from '../blueprint/types';
import { ANNOTATION_IDENTIFIER, PLINTH_API_VERSION } from './annotations';
import { entityNameFor } from './names';

/**
 * The kind of the catalog entities that hold blueprints.
 * @public
 */
export const BLUEPRINT_KIND = 'Blueprint';

/**
 * A blueprint as a catalog entity of kind `Blueprint`: its identifier in the
 * name (and an annotation, when the name cannot hold it), its title and
 * description in the metadata, everything else in `spec` as Port has it.
 * @public
 */
export function blueprintToEntity(blueprint: Blueprint): Entity {
  const { identifier, title, description, ...spec } = blueprint;
  return {
    apiVersion: PLINTH_API_VERSION,
    kind: BLUEPRINT_KIND,
    metadata: {
      name: entityNameFor(identifier),
      namespace: DEFAULT_NAMESPACE,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      annotations: { [ANNOTATION_IDENTIFIER]: identifier },
    },
    spec: spec as unknown as Entity['spec'],
  };
}

/**
 * The Port blueprint a `Blueprint` entity holds. It is not validated here:
 * see `validateBlueprint`.
 * @public
 */
export function entityToBlueprint(entity: Entity): Blueprint {
  const blueprint: Record<string, unknown> = {
    identifier:
      entity.metadata.annotations?.[ANNOTATION_IDENTIFIER] ??
      entity.metadata.name,
  };
  if (entity.metadata.title !== undefined) {
    blueprint.title = entity.metadata.title;
  }
  if (entity.metadata.description !== undefined) {
    blueprint.description = entity.metadata.description;
  }
  return { ...blueprint, ...(entity.spec ?? {}) } as unknown as Blueprint;
}
