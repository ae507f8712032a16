/**
 * The orchestrator's mysql driver: a database and a user of its own per
 * resource on a configured MySQL or MariaDB server, and the backend module
 * that adds it to the orchestrator.
 *
 * @packageDocumentation
 */

export { orchestratorModuleMysqlDriver as default } from './module';
export {
  createMysqlDriver,
  type MysqlDriverOptions,
} from './driver/createMysqlDriver';
