import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  DoraDeploymentEvent,
  DoraIncidentEvent,
} from '@plinth/plugin-dora-common';

/**
 * A delivery to a source's webhook, `POST /api/dora/webhooks/<source id>`,
 * as the source needs it to check a signature and read the payload.
 * @public
 */
export interface DoraWebhookDelivery {
  /** A request header, by name (any case); undefined when absent. */
  header(name: string): string | undefined;
  /** Whether the body is of one of these media types (`application/json`). */
  is(types: string[]): boolean;
  /** The body's bytes as sent: signatures are computed over them. */
  body: Buffer;
}

/**
 * What the DORA backend lends a source while it handles a delivery.
 * @public
 */
export interface DoraSourceContext {
  /**
   * The ref of the catalog entity with this annotation value
   * (`github.com/project-slug`, `pagerduty.com/service-id`), or undefined
   * when none has it.
   */
  findEntityByAnnotation(
    annotation: string,
    value: string,
  ): Promise<string | undefined>;
  /**
   * The stored incident with this id, to order out-of-order deliveries
   * and keep what another source said of it (`causedBy`).
   */
  getIncident(id: string): Promise<DoraIncidentEvent | undefined>;
  /**
   * The stored deployment with this id, to order out-of-order deliveries: a
   * status older than the stored one (its `finishedAt`) is stale, and a
   * source answers it with `ignored` rather than let it replace a newer one.
   */
  getDeployment(id: string): Promise<DoraDeploymentEvent | undefined>;
  /**
   * Records the id the sender gave a delivery (GitHub's `X-GitHub-Delivery`
   * header, PagerDuty V3's `event.id`) for this source, and answers whether
   * it is the first time: false when the id was received before, within
   * `plinth.dora.webhooks.deliveryRetention` (30 days by default). A source
   * answers a delivery received before with
   * `ignored: "delivery <id> was received before"`. The id is forgotten
   * again when the delivery fails (the source or the storing of its events
   * throws), so that the sender's retry of it is taken.
   *
   * An id only stops replays when the sender signs it: PagerDuty's is in
   * the signed body, GitHub's header is not signed, so a GitHub source also
   * orders statuses by their own time ({@link DoraSourceContext.getDeployment}).
   *
   * @throws InputError when the id is empty or longer than 255 characters
   */
  firstDelivery(deliveryId: string): Promise<boolean>;
}

/**
 * What a source makes of a delivery: events in the canonical format (the
 * DORA backend validates them as it does the events API's), or why the
 * delivery carries none (answered 200 with `ignored`, so the sender does not
 * retry).
 * @public
 */
export type DoraSourceResult = { events: unknown[] } | { ignored: string };

/**
 * A source of DORA events that pushes to a webhook: GitHub, PagerDuty, or
 * any other system a module teaches the DORA backend to read.
 *
 * A source authenticates its own deliveries (a signature or a shared token,
 * compared in constant time) and throws `AuthenticationError` when they do
 * not match, `NotFoundError` when it is installed but not configured, and
 * `InputError` naming the field of a payload that is not as expected.
 * @public
 */
export interface DoraEventSource {
  /**
   * The path segment of the source's webhook: lower-case letters, digits
   * and dashes (`github` → `POST /api/dora/webhooks/github`).
   */
  id: string;
  /** Checks and maps one delivery. */
  handleDelivery(
    delivery: DoraWebhookDelivery,
    context: DoraSourceContext,
  ): Promise<DoraSourceResult>;
}

/**
 * The extension point through which modules add event sources to the DORA
 * backend.
 * @public
 */
export interface DoraEventSourcesExtensionPoint {
  /** Adds sources; two sources may not share an id. */
  addSource(...sources: DoraEventSource[]): void;
}

/**
 * Adds event sources (webhooks) to the DORA backend.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'dora',
 *   moduleId: 'my-ci',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { sources: doraEventSourcesExtensionPoint },
 *       async init({ sources }) {
 *         sources.addSource({
 *           id: 'my-ci',
 *           async handleDelivery(delivery) {
 *             return { events: JSON.parse(delivery.body.toString('utf8')) };
 *           },
 *         });
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const doraEventSourcesExtensionPoint =
  createExtensionPoint<DoraEventSourcesExtensionPoint>({
    id: 'dora.sources',
  });
