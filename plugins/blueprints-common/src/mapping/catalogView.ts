import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { PortEntity } from '../entity/types';
import { ANNOTATION_BLUEPRINT, PLINTH_API_VERSION } from './annotations';
import { backstageEntityToPort } from './portEntity';

/**
 * The blueprint a catalog entity belongs to: named by its
 * `plinth.dev/blueprint` annotation (entities mapped from Port), or, for an
 * entity of Plinth's apiVersion written by hand, the blueprint whose kind it
 * has (`blueprintOfKind`: lower-case custom kind → blueprint identifier).
 * `undefined` for every other entity.
 * @public
 */
export function blueprintOfEntity(
  entity: Entity,
  blueprintOfKind: ReadonlyMap<string, string>,
): string | undefined {
  const annotated = entity.metadata.annotations?.[ANNOTATION_BLUEPRINT];
  if (annotated) return annotated;
  if (entity.apiVersion !== PLINTH_API_VERSION) return undefined;
  return blueprintOfKind.get(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * A catalog entity as Port sees it: what {@link backstageEntityToPort} gives
 * back for an entity mapped from Port; for one written by hand under Plinth's
 * apiVersion, the Port data it carries in `spec`, its name as identifier, and
 * its owner group as team when it names no team.
 * @public
 */
export function catalogEntityToPort(
  entity: Entity,
  blueprint: string,
): PortEntity & { blueprint: string } {
  const mapped = backstageEntityToPort(entity);
  if (mapped) return { ...mapped, blueprint };
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const port: PortEntity & { blueprint: string } = {
    identifier: entity.metadata.name,
    blueprint,
  };
  if (entity.metadata.title !== undefined) port.title = entity.metadata.title;
  for (const key of ['team', 'icon', 'properties', 'relations'] as const) {
    if (spec[key] !== undefined) (port as any)[key] = spec[key];
  }
  if (port.team === undefined && typeof spec.owner === 'string') {
    const owner = parseEntityRef(spec.owner, { defaultKind: 'Group' });
    if (owner.kind.toLocaleLowerCase('en-US') === 'group') {
      port.team = owner.name;
    }
  }
  return port;
}
