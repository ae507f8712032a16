import type {
  LoggerService,
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  BLUEPRINTS_EVENT_TOPIC,
  BlueprintsEvent,
  formatProblem,
  Problem,
} from '@plinth/plugin-blueprints-common';

/**
 * The InputError (HTTP 400) for a document that does not validate: one
 * problem per line, as `formatProblem` gives them.
 */
export function invalidInput(problems: Problem[]): InputError {
  // An own property, so the error body carries the problems as a list too
  // (`error.problems`), for clients that show each at its field.
  return Object.assign(new InputError(problems.map(formatProblem).join('\n')), {
    problems,
  });
}

/**
 * Who the caller is, as recorded in `createdBy` and `updatedBy`: the user
 * entity ref, or the service's subject (`plugin:catalog`).
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal
    | BackstageNonePrincipal;
  switch (principal.type) {
    case 'user':
      return principal.userEntityRef;
    case 'service':
      return principal.subject;
    default:
      return 'unknown';
  }
}

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
