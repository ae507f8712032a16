import { mockServices } from '@backstage/backend-test-utils';
import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';

/** A request for the Cart Service's `api` workload in development. */
export function driverRequest(
  overrides: Partial<ResourceDriverRequest> = {},
): ResourceDriverRequest {
  return {
    key: 'api.db',
    type: 'postgres',
    class: 'default',
    params: {},
    app: 'component:default/cartservice',
    environment: { id: 'development', type: 'development' },
    inputs: {},
    resId: 'api.db',
    secretInputs: [],
    dependencies: {},
    logger: mockServices.logger.mock(),
    signal: new AbortController().signal,
    ...overrides,
  };
}
