/**
 * DORA metrics for Backstage, isomorphic (backend, frontend, CLI): the
 * event format and its validation, the five keys and their tiers, the
 * in-memory computation that is the reference for the backend's SQL, the
 * permissions, and the HTTP and events contract of Plinth's DORA plugins.
 *
 * @packageDocumentation
 */

export type {
  DoraBucket,
  DoraChangeEvent,
  DoraDeploymentEvent,
  DoraDeploymentSummary,
  DoraDeploymentsResponse,
  DoraEntityFacets,
  DoraEntityResolver,
  DoraEvent,
  DoraEventWarning,
  DoraFilter,
  DoraGroupBy,
  DoraGroupMetrics,
  DoraIncidentEvent,
  DoraIngestResponse,
  DoraMetrics,
  DoraMetricsReport,
  DoraMetricTiers,
  DoraRejectedEvent,
  DoraTier,
  DoraTrendBucket,
  DoraTrendsReport,
} from './types';
export { normalizeEntityRef, parseDoraEvent } from './schema';
export type { DoraEventParseResult } from './schema';
export { DORA_MAX_BUCKETS, doraBuckets, parseIsoDateTime } from './time';
export type { DoraBucketRange } from './time';
export { DEFAULT_DORA_TIERS, doraTierOf, resolveDoraTiers } from './tiers';
export type {
  DoraTierBounds,
  DoraTieredMetric,
  DoraTierThresholds,
  DoraTierThresholdsConfig,
} from './tiers';
export {
  DORA_MEDIAN,
  DORA_P90,
  doraPercentileOf,
  doraPercentileRanks,
  doraSampleOf,
} from './percentile';
export type { DoraPercentile, DoraSample } from './percentile';
export {
  compareDoraGroupKeys,
  computeDoraMetrics,
  computeDoraTrends,
  DEFAULT_DORA_ENVIRONMENT,
  doraMetricsFromTotals,
  EMPTY_DORA_SAMPLE,
} from './compute';
export type { DoraComputeOptions, DoraGroupTotals } from './compute';
export { doraEventsCreatePermission, doraPermissions } from './permissions';
export { doraQueryString } from './queries';
export type {
  DoraDeploymentsQuery,
  DoraMetricsQuery,
  DoraTrendsQuery,
} from './queries';
export { DORA_CHANGED_EVENT_TOPIC, isDoraChangedEvent } from './events';
export type { DoraChangedEvent } from './events';
