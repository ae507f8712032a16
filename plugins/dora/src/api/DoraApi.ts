import { createApiRef } from '@backstage/core-plugin-api';
import {
  DoraDeploymentsQuery,
  DoraDeploymentsResponse,
  DoraMetricsQuery,
  DoraMetricsReport,
  DoraTrendsQuery,
  DoraTrendsReport,
} from '@plinth/plugin-dora-common';

// The queries are the DORA backend's contract, shared with the node client.
export type {
  DoraDeploymentsQuery,
  DoraMetricsQuery,
  DoraTrendsQuery,
} from '@plinth/plugin-dora-common';

/**
 * The DORA backend (`/api/dora`), as the frontend uses it.
 *
 * Every method throws a `ResponseError` from `@backstage/errors` when the
 * backend answers with an error.
 *
 * @public
 */
export interface DoraApi {
  /** The five DORA keys over a window, one result per group. */
  getMetrics(query?: DoraMetricsQuery): Promise<DoraMetricsReport>;

  /** The five DORA keys per week, month or quarter, one series per group. */
  getTrends(query?: DoraTrendsQuery): Promise<DoraTrendsReport>;

  /** Recent deployments with their incidents, the latest first. */
  getDeployments(
    query?: DoraDeploymentsQuery,
  ): Promise<DoraDeploymentsResponse>;
}

/**
 * The {@link DoraApi}, as plugins and apps reach it: `useApi(doraApiRef)`.
 * @public
 */
export const doraApiRef = createApiRef<DoraApi>({
  id: 'plugin.dora.api',
});
