import { DerivedEntitiesEvent } from '@plinth/plugin-blueprints-common';

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
