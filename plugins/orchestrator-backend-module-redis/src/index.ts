/**
 * The orchestrator's redis driver: an ACL user per resource, restricted to
 * its own key prefix, on a configured Redis server, and the backend module
 * that adds it to the orchestrator.
 *
 * @packageDocumentation
 */

export { orchestratorModuleRedisDriver as default } from './module';
export {
  createRedisDriver,
  type RedisDriverOptions,
} from './driver/createRedisDriver';
