/**
 * Test helpers for Plinth's backend plugins.
 *
 * @packageDocumentation
 */

export { hidingServices } from './hidingServices';
export type { HiddenEntities } from './hidingServices';
