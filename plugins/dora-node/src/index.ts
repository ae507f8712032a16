/**
 * Node.js library of Plinth's DORA plugins: the DORA service, through
 * which any backend plugin records change, deployment and incident events
 * and reads the five keys, and the extension point through which modules add
 * event sources (webhooks) to the DORA backend.
 *
 * @packageDocumentation
 */

export { doraServiceRef } from './service/doraServiceRef';
export type { DoraMetricsRequest, DoraService } from './service/DoraService';
export { DoraClient } from './service/DoraClient';
export { doraEventSourcesExtensionPoint } from './sources/DoraEventSource';
export type {
  DoraEventSource,
  DoraEventSourcesExtensionPoint,
  DoraSourceContext,
  DoraSourceResult,
  DoraWebhookDelivery,
} from './sources/DoraEventSource';
export {
  hmacSha256Hex,
  timingSafeTextEqual,
} from './sources/webhookSignatures';
