/**
 * The catalog module of Plinth's blueprints.
 *
 * @packageDocumentation
 */

export { catalogModuleBlueprints as default } from './module';
