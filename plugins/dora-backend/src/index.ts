/**
 * Plinth's DORA backend: change, deployment and incident events in, the
 * five keys and their tiers out, at `/api/dora`. Event sources (webhooks)
 * are added by modules on `doraEventSourcesExtensionPoint` of
 * `@plinth/plugin-dora-node`; other plugins record events through its
 * `doraServiceRef`.
 *
 * @packageDocumentation
 */

export { doraPlugin as default } from './plugin';
