/**
 * The orchestrator's postgres driver (the backend module that adds it to
 * the orchestrator comes with the orchestrator backend).
 *
 * @packageDocumentation
 */

export {
  createPostgresDriver,
  type PostgresDriverOptions,
} from './driver/createPostgresDriver';
