/**
 * Plinth's blueprints backend: the blueprint registry, the Port-format
 * entity store and their REST API at `/api/blueprints`.
 *
 * @packageDocumentation
 */

export { blueprintsPlugin as default } from './plugin';
