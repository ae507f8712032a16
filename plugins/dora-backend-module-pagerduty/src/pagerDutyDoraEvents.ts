import { InputError } from '@backstage/errors';
import type { DoraIncidentEvent } from '@plinth/plugin-dora-common';
import { z } from 'zod/v3';

/**
 * The catalog entity ref of a PagerDuty service, e.g. by the
 * `pagerduty.com/service-id` annotation; undefined when there is none.
 * @public
 */
export type PagerDutyEntityResolver = (source: {
  provider: 'pagerduty';
  serviceId: string;
  serviceName?: string;
}) => Promise<string | undefined>;

const envelopeSchema = z.object({
  event: z.object({
    id: z.string().min(1).max(255),
    event_type: z.string(),
    resource_type: z.string(),
    occurred_at: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
});

const incidentSchema = z.object({
  id: z.string().min(1),
  type: z.literal('incident'),
  status: z.string(),
  created_at: z.string(),
  service: z.object({
    id: z.string().min(1),
    summary: z.string().nullish(),
  }),
});

/** The incident events whose data is the incident itself. */
const INCIDENT_EVENTS = new Set([
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.delegated',
  'incident.priority_updated',
  'incident.reopened',
  'incident.resolved',
]);

function invalid(error: z.ZodError): InputError {
  return new InputError(
    `the PagerDuty webhook payload is not as expected: ${error.issues
      .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ')}`,
  );
}

function slug(text: string): string {
  return text
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
}

/**
 * The incident of a PagerDuty V3 webhook delivery (not yet validated), or
 * why it carries none.
 *
 * `incident.triggered`, `.acknowledged`, `.unacknowledged`, `.escalated`,
 * `.reassigned`, `.delegated`, `.priority_updated` and `.reopened` give the
 * incident open (`resolvedAt: null`); `incident.resolved` gives it resolved
 * at the event's `occurred_at`. The id is `pagerduty:<incident id>`,
 * `createdAt` the incident's `created_at`, `causedBy` null (PagerDuty does
 * not know the deployment; send it through the events API). The entity is
 * the resolver's for the service, else
 * `component:default/<service summary in lower case with dashes>`. Other
 * events (notes, responders, status updates, services), and deliveries about
 * a resolved incident that do not resolve it, are ignored. `eventId` is the
 * delivery's `event.id`, the same in PagerDuty's retries of it.
 * @public
 */
export async function pagerDutyDoraEvents(
  payload: unknown,
  resolve?: PagerDutyEntityResolver,
): Promise<
  | {
      eventId: string;
      incident: DoraIncidentEvent;
      occurredAt: number;
      ignored?: undefined;
    }
  | { eventId: string; ignored: string }
> {
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) throw invalid(envelope.error);
  const event = envelope.data.event;
  const eventId = event.id;
  if (!INCIDENT_EVENTS.has(event.event_type)) {
    return {
      eventId,
      ignored: `PagerDuty ${event.event_type} events carry no incident`,
    };
  }
  const parsed = incidentSchema.safeParse(event.data);
  if (!parsed.success) {
    throw invalid(
      new z.ZodError(
        parsed.error.issues.map(i => ({
          ...i,
          path: ['event', 'data', ...i.path],
        })),
      ),
    );
  }
  const data = parsed.data;
  const resolves = event.event_type === 'incident.resolved';
  if (!resolves && data.status === 'resolved') {
    return {
      eventId,
      ignored: `PagerDuty ${event.event_type} of resolved incident ${data.id} does not say when it was resolved`,
    };
  }
  const occurredAt = Date.parse(event.occurred_at);
  if (!Number.isFinite(occurredAt)) {
    throw new InputError(
      'the PagerDuty webhook payload is not as expected: event.occurred_at: must be an ISO 8601 date-time',
    );
  }
  const resolved = await resolve?.({
    provider: 'pagerduty',
    serviceId: data.service.id,
    ...(data.service.summary ? { serviceName: data.service.summary } : {}),
  });
  return {
    eventId,
    occurredAt,
    incident: {
      type: 'incident',
      id: `pagerduty:${data.id}`,
      entity:
        resolved ??
        `component:default/${slug(data.service.summary || data.service.id)}`,
      createdAt: data.created_at,
      resolvedAt: resolves ? event.occurred_at : null,
      causedBy: null,
    },
  };
}
