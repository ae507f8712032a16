import type {
  DoraBucketRange,
  DoraDeploymentEvent,
  DoraDeploymentSummary,
  DoraEntityFacets,
  DoraEvent,
  DoraFilter,
  DoraGroupBy,
  DoraGroupTotals,
  DoraIncidentEvent,
} from '@plinth/plugin-dora-common';

/** What a batch changed, and what it refers to that is not stored. */
export interface DoraUpsertResult {
  /** Keys (`type:id`) of events stored for the first time. */
  created: Set<string>;
  /** Keys of stored events replaced by different content. */
  updated: Set<string>;
  /** Deployment id → the ids of the changes it lists that are unknown. */
  unknownChanges: Map<string, string[]>;
  /** Incident id → the unknown deployment it says caused it. */
  unknownDeployments: Map<string, string>;
}

/** Which recent deployments to list. */
export interface DoraDeploymentsQuery {
  entityRef?: string;
  environment?: string;
  from?: number;
  to?: number;
  limit: number;
  /** Only the deployments of these entities; every entity's when absent. */
  entityRefs?: string[];
}

/** What the computation of the metrics in SQL is asked. */
export interface DoraTotalsQuery {
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
  environment: string;
  groupBy: DoraGroupBy;
  filter: DoraFilter;
  /** The buckets of a trend; one bucket, the window, when absent. */
  buckets?: DoraBucketRange[];
  /**
   * Only the events of these entities count, as with a filter (the entities
   * a caller may see); every entity's when absent.
   */
  entityRefs?: string[];
}

/** Totals per group key, then per bucket index. */
export type DoraTotalsByGroup = Map<
  string | null,
  Map<number, DoraGroupTotals>
>;

/**
 * The DORA events, kept idempotently by type and id, with what the metrics
 * need computed at ingest (each change's first successful deployment,
 * whether a deployment caused an incident), the entities' catalog facets,
 * and the metrics' totals computed by the database.
 */
export interface DoraStore {
  /**
   * Stores events in one transaction: new ones inserted, changed ones
   * replaced (the later wins), unchanged ones left alone. `hash` is the
   * event's hash when the caller has it already.
   */
  upsertEvents(
    events: Array<{ event: DoraEvent; hash?: string }>,
  ): Promise<DoraUpsertResult>;
  /** A stored incident. */
  getIncident(id: string): Promise<DoraIncidentEvent | undefined>;
  /** A stored deployment, with its changes. */
  getDeployment(id: string): Promise<DoraDeploymentEvent | undefined>;
  /**
   * Computes again everything kept at ingest from the events: after a bulk
   * load, or to repair.
   */
  rebuildDerived(): Promise<void>;
  /** Refreshes the database's statistics after a large load. */
  analyze(): Promise<void>;
  /** The metric totals per group and bucket. */
  totals(query: DoraTotalsQuery): Promise<DoraTotalsByGroup>;
  /** Recent deployments, the latest first, with their changes and incidents. */
  deployments(query: DoraDeploymentsQuery): Promise<DoraDeploymentSummary[]>;
  /**
   * Of these entities, those whose facets were never read, or were read
   * before `staleBefore` (epoch milliseconds).
   */
  entitiesToRefresh(refs: string[], staleBefore: number): Promise<string[]>;
  /**
   * Every entity with DORA events, sorted: each event's entity is recorded
   * in the transaction that stores the event, and never removed, so a list
   * read after a query has at least the entities whose events it counted.
   */
  listEntityRefs(): Promise<string[]>;
  /** Saves the facets of entities (those missing from the map have none). */
  saveEntityFacets(
    refs: string[],
    facets: Map<string, DoraEntityFacets>,
    at: number,
  ): Promise<void>;
  /**
   * Records the id of a webhook delivery of a source, received at `at`
   * (epoch milliseconds): true when it is new, false when it was recorded
   * before. Two concurrent calls with the same id: one is the first.
   */
  recordDelivery(
    source: string,
    deliveryId: string,
    at: number,
  ): Promise<boolean>;
  /** Forgets the id of a delivery, so that it is taken again. */
  forgetDelivery(source: string, deliveryId: string): Promise<void>;
  /**
   * Forgets the ids of the deliveries received before `before` (epoch
   * milliseconds); answers how many.
   */
  forgetDeliveriesBefore(before: number): Promise<number>;
}
