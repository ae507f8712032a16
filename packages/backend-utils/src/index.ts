/**
 * What every Plinth backend plugin shares, so that each router only
 * parses, authorizes and calls a service, and each store has one shape:
 *
 * - `parseRequest`: zod request parsing, with one error format naming each
 *   field (`query limit: must be at most 5000`) and the problems as a list;
 * - `createRouteAuth`: authentication, basic and resource permissions, and
 *   a ready wait, for every route; `principalRef`: who called, as recorded;
 * - `invalidInput`, `PayloadTooLargeError`, `bodyParserErrors`: domain and
 *   body-parser errors as `@backstage/errors` types (4xx JSON bodies);
 *   `internalErrors`: in production, no SQL, stack or path in a 500's body;
 * - `migrateDatabase`, `chunks`: what every `Database*Store.create()` and
 *   bulk statement uses;
 * - `createCatalogVisibility`: which entities a caller may see, for read
 *   routes;
 * - `PluginServiceClient`: another plugin's API with the caller's service
 *   credentials, for the default implementations of `-node` service refs.
 *
 * @packageDocumentation
 */

export { parseRequest } from './http/parseRequest';
export { formatRequestProblem, invalidInput } from './http/problems';
export type { InvalidInputError, RequestProblem } from './http/problems';
export { createRouteAuth, principalRef } from './http/routeAuth';
export type {
  RouteAuth,
  RouteAuthOptions,
  RouteCaller,
} from './http/routeAuth';
export { bodyParserErrors, PayloadTooLargeError } from './http/bodyErrors';
export { internalErrors, isExpectedError } from './http/internalErrors';
export { migrateDatabase } from './database/migrateDatabase';
export type { MigrateDatabaseOptions } from './database/migrateDatabase';
export { chunks, IN_CHUNK, ROW_CHUNK } from './database/chunks';
export { PluginServiceClient } from './client/PluginServiceClient';
export type {
  PluginRequestOptions,
  PluginServiceClientOptions,
} from './client/PluginServiceClient';
export {
  createCatalogVisibility,
  DEFAULT_VISIBILITY_CACHE_TTL_MS,
} from './catalog/CatalogVisibility';
export type {
  CatalogVisibility,
  CatalogVisibilityOptions,
  VisibleEntities,
} from './catalog/CatalogVisibility';
