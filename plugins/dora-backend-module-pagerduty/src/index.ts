/**
 * DORA incidents from PagerDuty V3 webhooks, as an event source of
 * Plinth's DORA backend.
 *
 * @packageDocumentation
 */

export { doraModulePagerDuty as default } from './module';
export { PagerDutyDoraSource } from './PagerDutyDoraSource';
export { pagerDutyDoraEvents } from './pagerDutyDoraEvents';
export type { PagerDutyEntityResolver } from './pagerDutyDoraEvents';
