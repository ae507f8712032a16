/**
 * The events-service topic on which the DORA backend announces entities
 * whose events were created or changed, so that what reads their figures
 * (scorecards) follows within seconds.
 * @public
 */
export const DORA_CHANGED_EVENT_TOPIC = 'plinth.dora.changed';

/**
 * The payload of {@link DORA_CHANGED_EVENT_TOPIC}: at most 1000 entity refs
 * a message, in normal form (`kind:namespace/name`, lowercased).
 * @public
 */
export interface DoraChangedEvent {
  type: 'dora.entities.changed';
  entityRefs: string[];
}

/**
 * Whether an events-service payload is a {@link DoraChangedEvent}:
 * subscribers check before they read, as any publisher may use a topic.
 * @public
 */
export function isDoraChangedEvent(
  payload: unknown,
): payload is DoraChangedEvent {
  const event = payload as Partial<DoraChangedEvent> | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    event.type === 'dora.entities.changed' &&
    Array.isArray(event.entityRefs) &&
    event.entityRefs.every(ref => typeof ref === 'string')
  );
}
