import type { Config } from '@backstage/config';
import type { AmqpDriverOptions } from './driver/createAmqpDriver';

const KEY = 'plinth.orchestrator.drivers.amqp';

/**
 * The driver's broker from `plinth.orchestrator.drivers.amqp`; a missing or
 * mistyped key fails the start naming it.
 */
export function readAmqpDriverConfig(config: Config): AmqpDriverOptions {
  const driver = config.getConfig(KEY);
  return {
    managementUrl: driver.getString('managementUrl'),
    username: driver.getString('username'),
    password: driver.getString('password'),
    amqpHost: driver.getString('amqpHost'),
    amqpPort: driver.getOptionalNumber('amqpPort') ?? 5672,
  };
}
