import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';

/**
 * An entity as a provider hands it to the catalog: with the location
 * annotations the catalog and its pages expect, and the location key that
 * keeps two providers from claiming one entity.
 */
export function deferred(entity: Entity, location: string): DeferredEntity {
  return {
    locationKey: location,
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
      },
    },
  };
}
