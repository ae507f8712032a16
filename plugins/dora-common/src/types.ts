/**
 * A commit or a merged pull request: the unit whose lead time is measured.
 * @public
 */
export interface DoraChangeEvent {
  type: 'change';
  /** Unique among changes; sending the same id again replaces the change. */
  id: string;
  /** The catalog entity ref, `kind:namespace/name`, lowercased. */
  entity: string;
  /** When the change was committed (or its pull request opened), ISO 8601. */
  createdAt: string;
}

/**
 * A deployment of an entity to an environment, successful or not, with the
 * changes it shipped.
 * @public
 */
export interface DoraDeploymentEvent {
  type: 'deployment';
  /** Unique among deployments; sending the same id again replaces it. */
  id: string;
  /** The catalog entity ref, `kind:namespace/name`, lowercased. */
  entity: string;
  /** The environment, lowercased: `production` is the one DORA measures. */
  environment: string;
  status: 'success' | 'failure';
  startedAt: string;
  /** When the deployment ended: the time every metric uses. */
  finishedAt: string;
  /** The ids of the changes it shipped (change events). */
  changes: string[];
  /**
   * An unplanned deployment made because of an incident: a hotfix or a
   * rollback.
   */
  rework: boolean;
}

/**
 * An incident in production, maybe caused by a deployment.
 * @public
 */
export interface DoraIncidentEvent {
  type: 'incident';
  /** Unique among incidents; sending the same id again replaces it. */
  id: string;
  /** The catalog entity ref, `kind:namespace/name`, lowercased. */
  entity: string;
  createdAt: string;
  /** When it was resolved; null while it is open. */
  resolvedAt: string | null;
  /** The id of the deployment that caused it, when known. */
  causedBy: string | null;
}

/**
 * One event of the canonical format (a line of a JSON Lines file, an item of
 * the events API).
 * @public
 */
export type DoraEvent =
  | DoraChangeEvent
  | DoraDeploymentEvent
  | DoraIncidentEvent;

/**
 * What the catalog says of an entity, for grouping: its owning teams, its
 * system and the domain of that system (entity refs).
 * @public
 */
export interface DoraEntityFacets {
  teams: string[];
  system?: string;
  domain?: string;
}

/**
 * Looks up the facets of entities, e.g. in the catalog. Refs missing from the
 * answer have no team, system or domain.
 * @public
 */
export type DoraEntityResolver = (
  entityRefs: string[],
) => Promise<Map<string, DoraEntityFacets>>;

/**
 * What one result stands for: an entity, an owning team, a system, a domain,
 * or everything (`none`).
 * @public
 */
export type DoraGroupBy = 'entity' | 'team' | 'system' | 'domain' | 'none';

/**
 * The length of a bucket of a trend: ISO weeks (from Monday 00:00 UTC) or
 * calendar months (UTC).
 * @public
 */
export type DoraBucket = 'week' | 'month' | 'quarter';

/**
 * A DORA performance level.
 * @public
 */
export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

/**
 * Which entities are measured; every given field must match.
 * @public
 */
export interface DoraFilter {
  entityRef?: string;
  team?: string;
  system?: string;
  domain?: string;
}

/**
 * The tier of each of the five keys.
 * @public
 */
export interface DoraMetricTiers {
  deploymentsPerDay: DoraTier;
  leadTimeHoursMedian: DoraTier | null;
  changeFailureRate: DoraTier | null;
  recoveryHoursMedian: DoraTier | null;
  reworkRate: DoraTier | null;
}

/**
 * The five keys over a window, with the counts they come from. A value is
 * null when there is nothing to measure (no deployment, no change, no
 * recovery), and so is its tier.
 * @public
 */
export interface DoraMetrics {
  /** Every deployment that finished in the window, whatever its status. */
  deployments: number;
  successfulDeployments: number;
  /** Successful deployments per day of the window. */
  deploymentsPerDay: number;
  /** Distinct UTC days with a successful deployment. */
  deploymentDays: number;
  /** Changes whose first successful deployment finished in the window. */
  changes: number;
  leadTimeHoursMedian: number | null;
  leadTimeHoursP90: number | null;
  /** Deployments that failed or caused an incident. */
  failedDeployments: number;
  changeFailureRate: number | null;
  /** Resolved incidents and recovered failed deployments measured. */
  recoveries: number;
  recoveryHoursMedian: number | null;
  reworkDeployments: number;
  reworkRate: number | null;
  tiers: DoraMetricTiers;
}

/**
 * The metrics of one group. `key` is the entity ref, team, system or domain;
 * null for `none` and for entities with no team (system, domain).
 * @public
 */
export interface DoraGroupMetrics {
  key: string | null;
  metrics: DoraMetrics;
}

/**
 * The metrics of a window, one result per group.
 * @public
 */
export interface DoraMetricsReport {
  from: string;
  to: string;
  environment: string;
  groupBy: DoraGroupBy;
  groups: DoraGroupMetrics[];
}

/**
 * The metrics of one bucket of a trend; `start` and `end` are clamped to the
 * window, so the first and last buckets may be shorter.
 * @public
 */
export interface DoraTrendBucket {
  start: string;
  end: string;
  metrics: DoraMetrics;
}

/**
 * Metrics per week, month or quarter, one series per group; every series has every
 * bucket of the window.
 * @public
 */
export interface DoraTrendsReport {
  from: string;
  to: string;
  environment: string;
  groupBy: DoraGroupBy;
  bucket: DoraBucket;
  groups: Array<{ key: string | null; buckets: DoraTrendBucket[] }>;
}

/**
 * An event of a batch that was not kept, and why.
 * @public
 */
export interface DoraRejectedEvent {
  /** Its position in the batch, from 0 (for JSON Lines, the line index). */
  index: number;
  /** Its line number, for JSON Lines bodies and files. */
  line?: number;
  id?: string;
  reason: string;
}

/**
 * An event that was kept, with something worth knowing (an unknown change,
 * a replaced event).
 * @public
 */
export interface DoraEventWarning {
  index: number;
  line?: number;
  id: string;
  message: string;
}

/**
 * The answer to a batch of events: the valid ones are kept, the others
 * rejected with their reason.
 * @public
 */
export interface DoraIngestResponse {
  /** Valid events, stored or already stored as they are. */
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: DoraRejectedEvent[];
  warnings: DoraEventWarning[];
  /** Set when a webhook delivery carried nothing to record, and why. */
  ignored?: string;
}

/**
 * A recent deployment, for an entity page.
 * @public
 */
export interface DoraDeploymentSummary {
  id: string;
  entityRef: string;
  environment: string;
  status: 'success' | 'failure';
  startedAt: string;
  finishedAt: string;
  rework: boolean;
  /** Failed, or caused an incident. */
  failed: boolean;
  changes: string[];
  incidents: Array<{
    id: string;
    createdAt: string;
    resolvedAt: string | null;
  }>;
}

/**
 * The answer of `GET /dora/deployments`, the latest first.
 * @public
 */
export interface DoraDeploymentsResponse {
  items: DoraDeploymentSummary[];
}
