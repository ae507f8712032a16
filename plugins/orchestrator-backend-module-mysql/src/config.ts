import type { Config } from '@backstage/config';
import type { MysqlDriverOptions } from './driver/createMysqlDriver';

const KEY = 'plinth.orchestrator.drivers.mysql';

/**
 * The driver's server from `plinth.orchestrator.drivers.mysql`; a missing
 * or mistyped key fails the start naming it.
 */
export function readMysqlDriverConfig(config: Config): MysqlDriverOptions {
  const driver = config.getConfig(KEY);
  const connection = driver.getConfig('connection');
  return {
    connection: {
      host: connection.getString('host'),
      port: connection.getOptionalNumber('port') ?? 3306,
      user: connection.getString('user'),
      password: connection.getOptionalString('password'),
      database: connection.getOptionalString('database'),
    },
    publicHost: driver.getOptionalString('publicHost'),
    publicPort: driver.getOptionalNumber('publicPort'),
  };
}
