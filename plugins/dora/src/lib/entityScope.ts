import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DoraGroupBy } from '@plinth/plugin-dora-common';

/**
 * Which DORA figures are an entity's, and how to ask for them: a system's
 * are those of its parts together (the backend groups events by the system
 * their entity is part of); any other entity's are its own.
 */
export interface EntityDoraScope {
  /** The part of a metrics or trends query that names the entity. */
  query: { entityRef?: string; groupBy: DoraGroupBy };
  /** Whether a group of the answer is the entity's. */
  isEntityGroup(key: string | null): boolean;
}

/** The {@link EntityDoraScope} of an entity. */
export function entityDoraScope(entity: Entity): EntityDoraScope {
  if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
    // Systems are grouped by name, compared without regard to case as
    // entity names are.
    const name = entity.metadata.name.toLocaleLowerCase('en-US');
    return {
      query: { groupBy: 'system' },
      isEntityGroup: key => key?.toLocaleLowerCase('en-US') === name,
    };
  }
  return {
    query: { entityRef: stringifyEntityRef(entity), groupBy: 'none' },
    isEntityGroup: () => true,
  };
}
