/**
 * Test helpers for resource drivers.
 *
 * @packageDocumentation
 */

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ResourceDriverRequest } from '../drivers/ResourceDriver';

/** A logger that drops everything: drivers' tests look at what they make. */
const quietLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/**
 * A request to a driver, for its tests: a resource of the Cart Service's
 * `api` workload in its development environment, with what is given over
 * it (at least the key and the type).
 *
 * @example
 * ```ts
 * const result = await driver.provision(
 *   driverRequest({ key: `api.db-${process.pid}`, type: 'postgres' }),
 * );
 * ```
 * @public
 */
export function driverRequest(
  request: Partial<ResourceDriverRequest> &
    Pick<ResourceDriverRequest, 'key' | 'type'>,
): ResourceDriverRequest {
  return {
    resId: 'api.resource',
    class: 'default',
    params: {},
    app: 'component:default/cartservice',
    environment: { id: 'development', type: 'development' },
    inputs: {},
    secretInputs: [],
    dependencies: {},
    logger: quietLogger,
    signal: new AbortController().signal,
    ...request,
  };
}
