import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  DORA_CHANGED_EVENT_TOPIC,
  DoraChangedEvent,
} from '@plinth/plugin-dora-common';

/** Refs a message: small enough for any event bus. */
const REFS_PER_MESSAGE = 1000;

/**
 * Announces the entities whose DORA events changed on
 * {@link @plinth/plugin-dora-common#DORA_CHANGED_EVENT_TOPIC}, for what
 * reads their figures (scorecards). A failure is logged, not thrown: the
 * events are saved, only their announcement failed, and readers catch up
 * on their next full run.
 */
export function doraChangeAnnouncer(options: {
  events: EventsService;
  logger: LoggerService;
}): (entityRefs: string[]) => Promise<void> {
  const { events, logger } = options;
  return async entityRefs => {
    try {
      for (let i = 0; i < entityRefs.length; i += REFS_PER_MESSAGE) {
        const eventPayload: DoraChangedEvent = {
          type: 'dora.entities.changed',
          entityRefs: entityRefs.slice(i, i + REFS_PER_MESSAGE),
        };
        await events.publish({ topic: DORA_CHANGED_EVENT_TOPIC, eventPayload });
      }
    } catch (error) {
      logger.error(
        `DORA: could not announce changed figures of ${entityRefs.length} entities on ${DORA_CHANGED_EVENT_TOPIC}`,
        error as Error,
      );
    }
  };
}
