import type {
  DoraEvent,
  DoraIngestResponse,
  DoraMetricsQuery,
  DoraMetricsReport,
} from '@plinth/plugin-dora-common';

/**
 * Which DORA figures {@link DoraService.getMetrics} computes: a window
 * (ISO 8601 date-times with a zone; the last 90 days by default), an
 * environment (`production` by default), a grouping (`none` by default)
 * and filters that must all match. The DORA backend's `GET /metrics` query.
 * @public
 */
export type DoraMetricsRequest = DoraMetricsQuery;

/**
 * The DORA backend, for other backend plugins and modules: record change,
 * deployment and incident events (the orchestrator records each deployment
 * it finishes), and read the five keys (scorecards read each entity's).
 * @public
 */
export interface DoraService {
  /**
   * Records events in the canonical format. Invalid events are rejected
   * with their index and reason while the rest are kept; sending an event
   * again with the same type and id replaces it, so a retry is harmless.
   */
  recordEvents(events: DoraEvent[]): Promise<DoraIngestResponse>;
  /** The five keys and their tiers over a window, one result per group. */
  getMetrics(request?: DoraMetricsRequest): Promise<DoraMetricsReport>;
}
