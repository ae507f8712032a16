import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DoraDeploymentsQuery,
  DoraDeploymentsResponse,
  DoraMetricsQuery,
  DoraMetricsReport,
  doraQueryString,
  DoraTrendsQuery,
  DoraTrendsReport,
} from '@plinth/plugin-dora-common';
import { DoraApi } from './DoraApi';

const PLUGIN_ID = 'dora';

/**
 * The {@link DoraApi} over HTTP: the DORA backend's base URL from the
 * discovery API (`getBaseUrl('dora')`, i.e. `/api/dora`), the user's token
 * from the fetch API.
 *
 * @example
 * ```ts
 * const client = new DoraClient({ discoveryApi, fetchApi });
 * const { groups } = await client.getMetrics({
 *   entityRef: 'component:default/cart-service',
 *   groupBy: 'none',
 * });
 * ```
 * @public
 */
export class DoraClient implements DoraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getMetrics(q: DoraMetricsQuery = {}): Promise<DoraMetricsReport> {
    return this.json(`/metrics${doraQueryString(q)}`);
  }

  async getTrends(q: DoraTrendsQuery = {}): Promise<DoraTrendsReport> {
    return this.json(`/trends${doraQueryString(q)}`);
  }

  async getDeployments(
    q: DoraDeploymentsQuery = {},
  ): Promise<DoraDeploymentsResponse> {
    return this.json(`/deployments${doraQueryString(q)}`);
  }

  /** Fetches `route` of the backend and reads its JSON body; throws a ResponseError unless 2xx. */
  private async json<T>(route: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${route}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
