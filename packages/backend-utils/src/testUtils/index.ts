/**
 * Test helpers for Plinth's backend plugins.
 *
 * @packageDocumentation
 */

export { catalogDecidesPermissions, hidingServices } from './hidingServices';
export type { HiddenEntities } from './hidingServices';
export * from './property';
