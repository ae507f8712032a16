import type { Config } from '@backstage/config';
import type { RedisDriverOptions } from './driver/createRedisDriver';

const KEY = 'plinth.orchestrator.drivers.redis';

/**
 * The driver's server from `plinth.orchestrator.drivers.redis`; a missing
 * or mistyped key fails the start naming it.
 */
export function readRedisDriverConfig(config: Config): RedisDriverOptions {
  const driver = config.getConfig(KEY);
  const connection = driver.getConfig('connection');
  return {
    connection: {
      host: connection.getString('host'),
      port: connection.getOptionalNumber('port') ?? 6379,
      username: connection.getOptionalString('username'),
      password: connection.getOptionalString('password'),
      db: connection.getOptionalNumber('db'),
    },
    publicHost: driver.getOptionalString('publicHost'),
    publicPort: driver.getOptionalNumber('publicPort'),
    aclSave: driver.getOptionalBoolean('aclSave'),
  };
}
