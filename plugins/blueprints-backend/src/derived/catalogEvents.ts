import {
  CatalogEntitiesEvent,
  DerivedEntitiesEvent,
} from '@plinth/plugin-blueprints-common';
import { z } from 'zod/v3';

/** What a delivery on the catalog topic must hold for the engine to read it. */
const catalogEntitiesEventSchema = z.object({
  type: z.literal('catalog.entities.changed'),
  entities: z.array(
    z.object({
      entityRef: z.string().min(1),
      entity: z
        .object({
          identifier: z.string().min(1),
          blueprint: z.string().min(1),
        })
        .passthrough(),
    }),
  ),
});

/**
 * The entities of a catalog-module event, or undefined when the payload is
 * not one (another publisher on the topic, or another version of the
 * module): the engine takes nothing it cannot read.
 */
export function readCatalogEntitiesEvent(
  payload: unknown,
): CatalogEntitiesEvent | undefined {
  const result = catalogEntitiesEventSchema.safeParse(payload);
  return result.success
    ? (result.data as unknown as CatalogEntitiesEvent)
    : undefined;
}

/** Refs a message: small enough for any event bus. */
const REFS_PER_MESSAGE = 1000;

/**
 * The messages that tell readers of entity views (scorecards) which entities
 * were computed again or removed, in slices of {@link REFS_PER_MESSAGE}.
 */
export function derivedEntitiesEvents(change: {
  entityRefs: string[];
  removed: string[];
}): DerivedEntitiesEvent[] {
  const { entityRefs, removed } = change;
  const messages: DerivedEntitiesEvent[] = [];
  for (
    let i = 0;
    i < Math.max(entityRefs.length, removed.length);
    i += REFS_PER_MESSAGE
  ) {
    messages.push({
      type: 'derived.entities.changed',
      entityRefs: entityRefs.slice(i, i + REFS_PER_MESSAGE),
      removed: removed.slice(i, i + REFS_PER_MESSAGE),
    });
  }
  return messages;
}
