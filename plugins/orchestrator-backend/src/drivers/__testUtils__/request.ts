import { mockServices } from '@backstage/backend-test-utils';
import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';
import { driverRequest as baseRequest } from '@plinth/plugin-orchestrator-node/testUtils';

/**
 * A request for the Cart Service's `api` workload in development, with a
 * logger the tests can look at.
 */
export function driverRequest(
  overrides: Partial<ResourceDriverRequest> = {},
): ResourceDriverRequest {
  return baseRequest({
    key: 'api.db',
    type: 'postgres',
    resId: 'api.db',
    logger: mockServices.logger.mock(),
    ...overrides,
  });
}
