import type { Config } from '@backstage/config';
import type { PostgresDriverOptions } from './driver/createPostgresDriver';

const KEY = 'plinth.orchestrator.drivers.postgres';

/**
 * The driver's server from `plinth.orchestrator.drivers.postgres`; a
 * missing or mistyped key fails the start naming it.
 */
export function readPostgresDriverConfig(
  config: Config,
): PostgresDriverOptions {
  const driver = config.getConfig(KEY);
  const connection = driver.getConfig('connection');
  return {
    connection: {
      host: connection.getString('host'),
      port: connection.getOptionalNumber('port') ?? 5432,
      user: connection.getString('user'),
      password: connection.getOptionalString('password'),
      database: connection.getOptionalString('database'),
    },
    publicHost: driver.getOptionalString('publicHost'),
    publicPort: driver.getOptionalNumber('publicPort'),
  };
}
