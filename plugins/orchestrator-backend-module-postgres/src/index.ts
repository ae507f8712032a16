/**
 * The orchestrator's postgres driver: a database and a role of its own per
 * resource on a configured PostgreSQL server, and the backend module that
 * adds it to the orchestrator.
 *
 * @packageDocumentation
 */

export { orchestratorModulePostgresDriver as default } from './module';
export {
  createPostgresDriver,
  type PostgresDriverOptions,
} from './driver/createPostgresDriver';
