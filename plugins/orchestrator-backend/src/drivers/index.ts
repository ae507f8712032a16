import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import { COMMAND_CONFIG_KEY, createCommandDriver } from './commandDriver';
import { createDnsDriver, DNS_CONFIG_KEY } from './dnsDriver';
import { createEnvironmentDriver } from './environmentDriver';
import { createRouteDriver } from './routeDriver';
import { createServicePortDriver } from './servicePortDriver';
import { createTemplateDriver } from './templateDriver';
import { createVolumeDriver } from './volumeDriver';

export {
  createCommandDriver,
  DEFAULT_COMMAND_TIMEOUT_SECONDS,
  type CommandDriverOptions,
} from './commandDriver';
export {
  createDnsDriver,
  DEFAULT_DNS_PATTERN,
  type DnsDriverOptions,
} from './dnsDriver';
export { createEnvironmentDriver } from './environmentDriver';
export { createRouteDriver } from './routeDriver';
export { createServicePortDriver, serviceNameOf } from './servicePortDriver';
export {
  ALL_RESOURCE_TYPES,
  ANY_TYPE_DRIVER_IDS,
  createTemplateDriver,
} from './templateDriver';
export { createVolumeDriver, volumeNameOf } from './volumeDriver';

/**
 * The drivers built into the orchestrator backend — `template`, `command`,
 * `dns`, `route`, `volume`, `service-port` and `environment` — configured
 * from `plinth.orchestrator.drivers` (`command.allowedCommands`,
 * `command.timeoutSeconds`, `command.passEnvironment`, `dns.pattern`).
 * @throws Error naming a config key that is mistyped or invalid
 * @public
 */
export function createBuiltinDrivers(
  config: Config,
  logger?: LoggerService,
): ResourceDriver[] {
  const command = config.getOptionalConfig(COMMAND_CONFIG_KEY);
  const dns = config.getOptionalConfig(DNS_CONFIG_KEY);
  return [
    createTemplateDriver(),
    createCommandDriver(
      {
        allowedCommands:
          command?.getOptionalStringArray('allowedCommands') ?? [],
        timeoutSeconds: command?.getOptionalNumber('timeoutSeconds'),
        passEnvironment: command?.getOptionalStringArray('passEnvironment'),
      },
      logger,
    ),
    createDnsDriver({ pattern: dns?.getOptionalString('pattern') }),
    createRouteDriver(),
    createVolumeDriver(),
    createServicePortDriver(),
    createEnvironmentDriver(),
  ];
}
