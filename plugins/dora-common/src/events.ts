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
