import type { DoraBucket, DoraGroupBy } from './types';

/**
 * Which DORA events `GET /metrics` and `GET /trends` of the DORA backend
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
 * Which deployments `GET /deployments` returns, the latest
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
 * The query string of a {@link DoraMetricsQuery}, {@link DoraTrendsQuery} or
 * {@link DoraDeploymentsQuery}: `?a=1&b=2` of the values that are set, or
 * nothing. What the DORA backend's routes read.
 * @public
 */
export function doraQueryString(
  query: DoraTrendsQuery | DoraDeploymentsQuery,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
