import { createApiRef } from '@backstage/core-plugin-api';
import {
  DoraBucket,
  DoraDeploymentsResponse,
  DoraGroupBy,
  DoraMetricsReport,
  DoraTrendsReport,
} from '@plinth/plugin-dora-common';

/**
 * Which DORA events {@link DoraApi.getMetrics} and {@link DoraApi.getTrends}
 * measure and how they group them; the backend's defaults (its default
 * window, `production`, no grouping) for what is left out.
 * @public
 */
export interface DoraMetricsQuery {
  /** The window's start, an ISO 8601 instant with a time zone. */
  from?: string;
  /** The window's end, an ISO 8601 instant with a time zone. */
  to?: string;
  /** The environment measured, e.g. `production`. */
  environment?: string;
  /** One result per entity, team, system, domain, or one for all (`none`). */
  groupBy?: DoraGroupBy;
  /** Only this entity (`kind:namespace/name`). */
  entityRef?: string;
  /** Only entities owned by this team (an entity ref). */
  team?: string;
  /** Only entities of this system. */
  system?: string;
  /** Only entities of this domain. */
  domain?: string;
}

/**
 * A {@link DoraMetricsQuery} with the length of the trend's buckets
 * (`week` when left out).
 * @public
 */
export interface DoraTrendsQuery extends DoraMetricsQuery {
  bucket?: DoraBucket;
}

/**
 * Which deployments {@link DoraApi.getDeployments} returns, the latest
 * first.
 * @public
 */
export interface DoraDeploymentsQuery {
  /** Only this entity's deployments. */
  entityRef?: string;
  /** Only deployments to this environment. */
  environment?: string;
  from?: string;
  to?: string;
  /** At most this many, 1 to 500; 50 when left out. */
  limit?: number;
}

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
