import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DoraDeploymentsResponse,
  DoraMetricsReport,
  DoraTrendsReport,
} from '@plinth/plugin-dora-common';
import {
  DoraApi,
  DoraDeploymentsQuery,
  DoraMetricsQuery,
  DoraTrendsQuery,
} from './DoraApi';

const PLUGIN_ID = 'dora';

/** `?a=1&b=2` of the values that are set, or nothing. */
function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The query parameters of `/metrics` (and `/trends`). */
function metricsParams(
  q: DoraMetricsQuery,
): Record<string, string | undefined> {
  return {
    from: q.from,
    to: q.to,
    environment: q.environment,
    groupBy: q.groupBy,
    entityRef: q.entityRef,
    team: q.team,
    system: q.system,
    domain: q.domain,
  };
}

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
    return this.json(`/metrics${query(metricsParams(q))}`);
  }

  async getTrends(q: DoraTrendsQuery = {}): Promise<DoraTrendsReport> {
    return this.json(
      `/trends${query({ ...metricsParams(q), bucket: q.bucket })}`,
    );
  }

  async getDeployments(
    q: DoraDeploymentsQuery = {},
  ): Promise<DoraDeploymentsResponse> {
    return this.json(
      `/deployments${query({
        entityRef: q.entityRef,
        environment: q.environment,
        from: q.from,
        to: q.to,
        limit: q.limit === undefined ? undefined : String(q.limit),
      })}`,
    );
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
