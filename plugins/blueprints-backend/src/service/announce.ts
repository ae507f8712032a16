import type { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  BLUEPRINTS_EVENT_TOPIC,
  BlueprintsEvent,
} from '@plinth/plugin-blueprints-common';

/**
 * Announces a change on the blueprints topic. A failure is logged, not
 * thrown: the change is saved, only its announcement failed.
 */
export async function announce(
  events: EventsService,
  logger: LoggerService,
  event: BlueprintsEvent,
): Promise<void> {
  try {
    await events.publish({
      topic: BLUEPRINTS_EVENT_TOPIC,
      eventPayload: event,
    });
  } catch (error) {
    logger.error(
      `Could not announce ${event.type} on ${BLUEPRINTS_EVENT_TOPIC}`,
      error as Error,
    );
  }
}
