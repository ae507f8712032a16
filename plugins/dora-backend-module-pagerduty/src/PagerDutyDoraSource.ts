import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  DoraEventSource,
  DoraSourceContext,
  DoraSourceResult,
  DoraWebhookDelivery,
  hmacSha256Hex,
  timingSafeTextEqual,
} from '@plinth/plugin-dora-node';
import { pagerDutyDoraEvents } from './pagerDutyDoraEvents';

/** The annotation of Backstage's PagerDuty plugin. */
const SERVICE_ID = 'pagerduty.com/service-id';

/**
 * Whether a PagerDuty V3 delivery's `X-PagerDuty-Signature` header (one or
 * more `v1=<hex HMAC-SHA256 of the raw body>`, comma-separated, during a
 * secret rotation) has one signature that matches the secret.
 */
export function verifyPagerDutySignature(
  body: Buffer,
  secret: string,
  header: string | undefined,
): boolean {
  if (typeof header !== 'string') return false;
  const expected = `v1=${hmacSha256Hex(secret, body)}`;
  return header
    .split(',')
    .map(s => s.trim())
    .some(signature => timingSafeTextEqual(signature, expected));
}

/** Whether a shared token header holds the token, in constant time. */
export function tokenMatches(
  token: string,
  header: string | undefined,
): boolean {
  return (
    typeof header === 'string' && timingSafeTextEqual(header.trim(), token)
  );
}

/**
 * PagerDuty's V3 webhook as a DORA event source
 * (`POST /api/dora/webhooks/pagerduty`): incident deliveries become
 * incidents (see {@link pagerDutyDoraEvents}). A delivery must carry the
 * configured token in `X-Plinth-Token` (a custom header of the
 * subscription), be signed with the subscription's signing secret, or both
 * when both are set. A delivery whose `event.id` was received before is
 * ignored (a retry, or a replay), and so is a delivery older than the stored
 * resolution of its incident (PagerDuty may deliver out of order); a `causedBy`
 * sent through the events API is kept. The entity of a service is the
 * catalog entity annotated `pagerduty.com/service-id: <service id>`.
 * @public
 */
export class PagerDutyDoraSource implements DoraEventSource {
  readonly id = 'pagerduty';
  private readonly token: string | undefined;
  private readonly signingSecret: string | undefined;

  /**
   * @param options - `token` and `signingSecret`: at least one, or every
   * delivery gets a 404
   */
  constructor(options: { token?: string; signingSecret?: string }) {
    this.token = options.token;
    this.signingSecret = options.signingSecret;
  }

  async handleDelivery(
    delivery: DoraWebhookDelivery,
    context: DoraSourceContext,
  ): Promise<DoraSourceResult> {
    const { token, signingSecret } = this;
    if (!token && !signingSecret) {
      throw new NotFoundError(
        'the PagerDuty webhook is not enabled: set plinth.dora.webhooks.pagerduty.token or .signingSecret',
      );
    }
    const { body } = delivery;
    if (
      signingSecret &&
      !verifyPagerDutySignature(
        body,
        signingSecret,
        delivery.header('x-pagerduty-signature'),
      )
    ) {
      throw new AuthenticationError(
        'the X-PagerDuty-Signature header does not match the body signed with the configured secret',
      );
    }
    if (token && !tokenMatches(token, delivery.header('x-plinth-token'))) {
      throw new AuthenticationError(
        'the X-Plinth-Token header does not hold the configured token',
      );
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new InputError(
        `the PagerDuty body is not valid JSON: ${(error as Error).message}`,
      );
    }
    const mapped = await pagerDutyDoraEvents(payload, ({ serviceId }) =>
      context.findEntityByAnnotation(SERVICE_ID, serviceId),
    );
    // PagerDuty retries a delivery with the same event id, which it signs.
    if (!(await context.firstDelivery(mapped.eventId))) {
      return { ignored: `delivery ${mapped.eventId} was received before` };
    }
    if (mapped.ignored !== undefined) return { ignored: mapped.ignored };
    const { incident, occurredAt } = mapped;
    const stored = await context.getIncident(incident.id);
    if (stored) {
      if (
        stored.resolvedAt !== null &&
        incident.resolvedAt === null &&
        occurredAt < Date.parse(stored.resolvedAt)
      ) {
        return {
          ignored: `the delivery is older than the stored resolution of incident ${incident.id}`,
        };
      }
      if (incident.causedBy === null) incident.causedBy = stored.causedBy;
    }
    return { events: [incident] };
  }
}
