import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { assertError, InputError, NotFoundError } from '@backstage/errors';
import {
  compareDoraGroupKeys,
  DEFAULT_DORA_ENVIRONMENT,
  DEFAULT_DORA_TIERS,
  DoraBucket,
  doraBuckets,
  DoraDeploymentsResponse,
  DoraEntityFacets,
  DoraEntityResolver,
  DoraEvent,
  DoraEventWarning,
  DoraFilter,
  DoraGroupBy,
  DoraGroupTotals,
  DoraIngestResponse,
  doraMetricsFromTotals,
  DoraMetricsReport,
  DoraRejectedEvent,
  DoraTierThresholds,
  DoraTrendsReport,
  EMPTY_DORA_SAMPLE,
  normalizeEntityRef,
  parseDoraEvent,
} from '@plinth/plugin-dora-common';
import type {
  DoraEventSource,
  DoraSourceContext,
  DoraWebhookDelivery,
} from '@plinth/plugin-dora-node';
import type { DoraStore, DoraTotalsByGroup } from '../database/DoraStore';
import { doraEventHash, doraEventKey } from '../lib/eventIdentity';

const DAY_MS = 86_400_000;
/** The window of the metrics when none is given: the last 90 days. */
export const DEFAULT_DORA_WINDOW_DAYS = 90;
/** How long the facets of an entity are kept before they are read again. */
const DEFAULT_FACETS_MAX_AGE_MS = 60 * 60 * 1000;
/** How many replaced events a log line names. */
const LOGGED_IDS = 20;
/** How long the ids of webhook deliveries are kept by default: 30 days. */
export const DEFAULT_DORA_DELIVERY_RETENTION_MS = 30 * DAY_MS;
/** The longest delivery id kept (the column's size). */
const MAX_DELIVERY_ID = 255;
/** The longest source id (the column's size). */
const MAX_SOURCE_ID = 64;

const EMPTY_TOTALS: DoraGroupTotals = {
  deployments: 0,
  successfulDeployments: 0,
  deploymentDays: 0,
  failedDeployments: 0,
  reworkDeployments: 0,
  leadTimes: EMPTY_DORA_SAMPLE,
  recoveryTimes: EMPTY_DORA_SAMPLE,
};

/**
 * Of these entities, those a caller may see: in the app, the catalog's
 * answer with the caller's credentials (`catalogVisibility`).
 */
export type DoraVisibleEntities = (
  entityRefs: string[],
  credentials: BackstageCredentials,
) => Promise<Set<string>>;

/** Who reads: the metrics, trends and deployments are of what they may see. */
export interface DoraReadOptions {
  credentials: BackstageCredentials;
}

/** Options of {@link DoraMetricsService}. */
export interface DoraMetricsServiceOptions {
  store: DoraStore;
  logger: LoggerService;
  /**
   * Which entities a caller may see: the metrics, trends and deployments a
   * caller reads count the events of those only.
   */
  visibleEntities: DoraVisibleEntities;
  /** How long the ids of webhook deliveries are kept; 30 days by default. */
  deliveryRetentionMs?: number;
  /**
   * The teams, system and domain of entities, e.g. from the catalog; without
   * it, grouping by team, system or domain puts everything under null.
   */
  resolveEntities?: DoraEntityResolver;
  /** The tier bounds; the DORA report's by default. */
  tiers?: DoraTierThresholds;
  /** Read an entity's facets again after this long; one hour by default. */
  facetsMaxAgeMs?: number;
  /** The event sources added by modules, whose webhooks deliver events. */
  sources?: DoraEventSource[];
  /**
   * The catalog entity with an annotation value, for sources to find the
   * entity of a repository or a service.
   */
  findEntityByAnnotation?: DoraSourceContext['findEntityByAnnotation'];
  /** The clock, for tests. */
  now?: () => number;
  /**
   * Told the entities whose events were created or changed, so that what
   * reads their figures (scorecards) follows.
   */
  onChanged?: (entityRefs: string[]) => Promise<void>;
}

/** Which metrics to compute; the window defaults to the last 90 days. */
export interface DoraMetricsQuery {
  /** Epoch milliseconds, inclusive. */
  from?: number;
  /** Epoch milliseconds, exclusive. */
  to?: number;
  environment?: string;
  groupBy?: DoraGroupBy;
  filter?: DoraFilter;
}

/** One item of a batch, with its line for JSON Lines bodies. */
export interface DoraBatchItem {
  value: unknown;
  line?: number;
  /** Set when the line could not even be read as JSON. */
  error?: string;
}

/**
 * DORA metrics: takes events in (the canonical format, or deliveries to the
 * webhooks of the event sources modules added, ignoring a delivery received
 * before), validates them, stores them, keeps the entities' catalog facets,
 * and computes the five keys per group, window and environment, and their
 * trends, over the entities the caller may see.
 */
export class DoraMetricsService {
  private readonly store: DoraStore;
  private readonly logger: LoggerService;
  private readonly tiers: DoraTierThresholds;
  private readonly now: () => number;
  private readonly sources: Map<string, DoraEventSource>;

  constructor(private readonly options: DoraMetricsServiceOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.tiers = options.tiers ?? DEFAULT_DORA_TIERS;
    this.now = options.now ?? Date.now;
    this.sources = new Map();
    for (const source of options.sources ?? []) {
      if (
        !/^[a-z0-9][a-z0-9-]*$/.test(source.id) ||
        source.id.length > MAX_SOURCE_ID
      ) {
        throw new Error(
          `DORA event source id "${source.id}" must be lower-case letters, digits and dashes, at most ${MAX_SOURCE_ID}`,
        );
      }
      if (this.sources.has(source.id)) {
        throw new Error(`two DORA event sources have the id "${source.id}"`);
      }
      this.sources.set(source.id, source);
    }
  }

  /** The ids of the installed event sources, in the order they were added. */
  sourceIds(): string[] {
    return [...this.sources.keys()];
  }

  /**
   * Validates and stores a batch. Invalid events are rejected with their
   * index, id and reason; the others are kept. Of two events with the same
   * type and id, the later one wins, and a different content is logged and
   * reported as a warning. A deployment naming changes not received yet, or
   * an incident naming an unknown deployment, is kept with a warning: events
   * may arrive in any order, and the metrics count them once they do.
   */
  async ingest(items: DoraBatchItem[]): Promise<DoraIngestResponse> {
    const rejected: DoraRejectedEvent[] = [];
    const warnings: DoraEventWarning[] = [];
    const accepted = new Map<
      string,
      { event: DoraEvent; index: number; line?: number; hash: string }
    >();
    const duplicated: string[] = [];
    items.forEach((item, index) => {
      const where = item.line === undefined ? {} : { line: item.line };
      if (item.error !== undefined) {
        rejected.push({ index, ...where, reason: item.error });
        return;
      }
      const result = parseDoraEvent(item.value);
      if (!result.success) {
        rejected.push({
          index,
          ...where,
          ...(result.id === undefined ? {} : { id: result.id }),
          reason: result.reason,
        });
        return;
      }
      const key = doraEventKey(result.event);
      const hash = doraEventHash(result.event);
      const earlier = accepted.get(key);
      if (earlier && earlier.hash !== hash) {
        duplicated.push(key);
        warnings.push({
          index,
          ...where,
          id: result.event.id,
          message: `replaces the ${result.event.type} at index ${earlier.index} of this batch, which has the same id and a different content (the later one wins)`,
        });
      }
      // Delete first: the map keeps the position of the later event.
      accepted.delete(key);
      accepted.set(key, { event: result.event, index, ...where, hash });
    });
    if (duplicated.length > 0) {
      this.logger.warn(
        `DORA: ${
          duplicated.length
        } event(s) of a batch replaced an earlier event of the same batch with the same id and a different content; the later one wins: ${describe(
          duplicated,
        )}`,
      );
    }

    const events = [...accepted.values()];
    const stored = await this.store.upsertEvents(events);
    if (stored.updated.size > 0) {
      this.logger.info(
        `DORA: ${
          stored.updated.size
        } event(s) replaced stored events with the same id and a different content; the later one wins: ${describe(
          [...stored.updated],
        )}`,
      );
    }
    for (const { event, index, line } of events) {
      const where = line === undefined ? {} : { line };
      const key = doraEventKey(event);
      if (stored.updated.has(key)) {
        warnings.push({
          index,
          ...where,
          id: event.id,
          message: `replaced the stored ${event.type} with the same id and a different content`,
        });
      }
      const changes = stored.unknownChanges.get(event.id);
      if (event.type === 'deployment' && changes) {
        warnings.push({
          index,
          ...where,
          id: event.id,
          message: `refers to changes not received yet: ${changes.join(
            ', ',
          )}; their lead time counts once they arrive`,
        });
      }
      const cause = stored.unknownDeployments.get(event.id);
      if (event.type === 'incident' && cause !== undefined) {
        warnings.push({
          index,
          ...where,
          id: event.id,
          message: `refers to a deployment not received yet: ${cause}; it counts as a failed deployment once it arrives`,
        });
      }
    }
    warnings.sort((a, b) => a.index - b.index);

    await this.refreshStaleEntities([
      ...new Set(events.map(e => e.event.entity)),
    ]);
    if (this.options.onChanged && stored.created.size + stored.updated.size) {
      const changed = new Set([...stored.created, ...stored.updated]);
      await this.options.onChanged([
        ...new Set(
          events
            .filter(e => changed.has(doraEventKey(e.event)))
            .map(e => e.event.entity),
        ),
      ]);
    }
    const valid = items.length - rejected.length;
    return {
      accepted: valid,
      created: stored.created.size,
      updated: stored.updated.size,
      unchanged: valid - stored.created.size - stored.updated.size,
      rejected,
      warnings,
    };
  }

  /**
   * A delivery to an event source's webhook: the source checks and maps
   * it, and its events are taken in as a batch of the events API; a
   * delivery that carries none (or was received before, or is older than
   * what is stored) is answered with the reason (`ignored`). When the
   * delivery fails, the delivery ids it recorded are forgotten, so that the
   * sender's retry is taken.
   * @throws NotFoundError when no source has this id
   */
  async ingestDelivery(
    sourceId: string,
    delivery: DoraWebhookDelivery,
  ): Promise<DoraIngestResponse> {
    const source = this.sources.get(sourceId);
    if (!source) {
      const installed = this.sourceIds();
      throw new NotFoundError(
        `no DORA event source "${sourceId}" is installed${
          installed.length ? ` (installed: ${installed.join(', ')})` : ''
        }; add its module to the backend, e.g. @plinth/plugin-dora-backend-module-${sourceId}`,
      );
    }
    const recorded: string[] = [];
    try {
      const result = await source.handleDelivery(
        delivery,
        this.sourceContext(sourceId, recorded),
      );
      if ('ignored' in result) return ignoredResponse(result.ignored);
      return await this.ingest(result.events.map(value => ({ value })));
    } catch (error) {
      await this.forgetDeliveries(sourceId, recorded);
      throw error;
    }
  }

  /** What a source may ask while it handles a delivery. */
  private sourceContext(
    sourceId: string,
    recorded: string[],
  ): DoraSourceContext {
    return {
      findEntityByAnnotation: async (annotation, value) =>
        this.options.findEntityByAnnotation?.(annotation, value),
      getIncident: id => this.store.getIncident(id),
      getDeployment: id => this.store.getDeployment(id),
      firstDelivery: async deliveryId => {
        if (
          typeof deliveryId !== 'string' ||
          deliveryId.length === 0 ||
          deliveryId.length > MAX_DELIVERY_ID
        ) {
          throw new InputError(
            `the delivery id must have 1 to ${MAX_DELIVERY_ID} characters`,
          );
        }
        const first = await this.store.recordDelivery(
          sourceId,
          deliveryId,
          this.now(),
        );
        if (first) recorded.push(deliveryId);
        return first;
      },
    };
  }

  /** Forgets the delivery ids of a failed delivery; its error is the one answered. */
  private async forgetDeliveries(sourceId: string, deliveryIds: string[]) {
    for (const deliveryId of deliveryIds) {
      try {
        await this.store.forgetDelivery(sourceId, deliveryId);
      } catch (error) {
        assertError(error);
        this.logger.error(
          `DORA: could not forget the failed delivery ${deliveryId} of ${sourceId}; a retry of it within the retention is ignored: ${error.message}`,
        );
      }
    }
  }

  /**
   * Forgets the ids of the webhook deliveries received longer ago than the
   * retention (`plinth.dora.webhooks.deliveryRetention`), e.g. on a schedule.
   */
  async forgetOldDeliveries(): Promise<void> {
    const retention =
      this.options.deliveryRetentionMs ?? DEFAULT_DORA_DELIVERY_RETENTION_MS;
    const forgotten = await this.store.forgetDeliveriesBefore(
      this.now() - retention,
    );
    if (forgotten > 0) {
      this.logger.debug(
        `DORA: forgot the ids of ${forgotten} webhook deliveries older than ${retention} ms`,
      );
    }
  }

  /**
   * The five keys over a window, one result per group, of the entities the
   * caller may see.
   */
  async metrics(
    query: DoraMetricsQuery,
    options: DoraReadOptions,
  ): Promise<DoraMetricsReport> {
    const q = this.resolve(query);
    const totals = await this.withinSight(
      options.credentials,
      q.filter.entityRef,
      entityRefs => this.store.totals({ ...q, entityRefs }),
    );
    return {
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      environment: q.environment,
      groupBy: q.groupBy,
      groups: groupKeys(totals, q.groupBy).map(key => ({
        key,
        metrics: doraMetricsFromTotals(
          totals.get(key)?.get(0) ?? EMPTY_TOTALS,
          q.to - q.from,
          this.tiers,
        ),
      })),
    };
  }

  /**
   * The five keys per week, month or quarter of a window, one series per
   * group, of the entities the caller may see.
   */
  async trends(
    query: DoraMetricsQuery & { bucket: DoraBucket },
    options: DoraReadOptions,
  ): Promise<DoraTrendsReport> {
    const q = this.resolve(query);
    let buckets;
    try {
      buckets = doraBuckets(q.from, q.to, query.bucket);
    } catch (error) {
      assertError(error);
      throw new InputError(error.message);
    }
    const totals = await this.withinSight(
      options.credentials,
      q.filter.entityRef,
      entityRefs => this.store.totals({ ...q, buckets, entityRefs }),
    );
    return {
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      environment: q.environment,
      groupBy: q.groupBy,
      bucket: query.bucket,
      groups: groupKeys(totals, q.groupBy).map(key => ({
        key,
        buckets: buckets.map((range, index) => ({
          start: new Date(range.start).toISOString(),
          end: new Date(range.end).toISOString(),
          metrics: doraMetricsFromTotals(
            totals.get(key)?.get(index) ?? EMPTY_TOTALS,
            range.end - range.start,
            this.tiers,
          ),
        })),
      })),
    };
  }

  /**
   * Recent deployments and failures, the latest first, of the entities the
   * caller may see.
   */
  async deployments(
    query: {
      entityRef?: string;
      environment?: string;
      from?: number;
      to?: number;
      limit: number;
    },
    options: DoraReadOptions,
  ): Promise<DoraDeploymentsResponse> {
    const items = await this.withinSight(
      options.credentials,
      query.entityRef,
      entityRefs => this.store.deployments({ ...query, entityRefs }),
    );
    return { items };
  }

  /**
   * Runs a read over the entities the caller may see: every entity's events
   * when the caller sees every entity with events (the common case: the
   * queries run as they are), else those of the entities it sees. A read of
   * one entity asks about that one only. A hidden entity reads as one
   * without events; so does an entity the catalog does not know.
   */
  private async withinSight<T>(
    credentials: BackstageCredentials,
    entityRef: string | undefined,
    read: (entityRefs: string[] | undefined) => Promise<T>,
  ): Promise<T> {
    if (entityRef !== undefined) {
      const visible = await this.options.visibleEntities(
        [entityRef],
        credentials,
      );
      return read(visible.has(entityRef) ? undefined : []);
    }
    const refs = await this.store.listEntityRefs();
    const visible = await this.options.visibleEntities(refs, credentials);
    const seen = refs.filter(ref => visible.has(ref));
    if (seen.length < refs.length) return read(seen);
    const result = await read(undefined);
    // The first events of a new entity, stored meanwhile, were read without
    // asking about it: read again over the entities asked about (the list
    // only grows).
    if ((await this.store.listEntityRefs()).length === refs.length) {
      return result;
    }
    return read(refs);
  }

  /**
   * Reads the facets of entities again (all entities with events when none
   * are given), e.g. on a schedule or when the catalog changes.
   */
  async refreshEntities(refs?: string[]): Promise<void> {
    const targets = refs ?? (await this.store.listEntityRefs());
    await this.saveFacets(targets);
  }

  private async refreshStaleEntities(refs: string[]): Promise<void> {
    const maxAge = this.options.facetsMaxAgeMs ?? DEFAULT_FACETS_MAX_AGE_MS;
    const stale = await this.store.entitiesToRefresh(refs, this.now() - maxAge);
    if (stale.length > 0) await this.saveFacets(stale);
  }

  /** Events are kept when the catalog cannot be read; facets wait. */
  private async saveFacets(refs: string[]): Promise<void> {
    if (refs.length === 0) return;
    const facets = new Map<string, DoraEntityFacets>();
    if (this.options.resolveEntities) {
      try {
        const resolved = await this.options.resolveEntities(refs);
        // Entity refs in normal form, as filters and events have them.
        const ref = (value: string) => normalizeEntityRef(value) ?? value;
        for (const [entity, f] of resolved) {
          facets.set(ref(entity), {
            teams: f.teams.map(ref),
            ...(f.system ? { system: ref(f.system) } : {}),
            ...(f.domain ? { domain: ref(f.domain) } : {}),
          });
        }
      } catch (error) {
        assertError(error);
        this.logger.warn(
          `DORA: could not read the teams, system and domain of ${refs.length} entities; they are read again at the next ingest: ${error.message}`,
        );
        return;
      }
    }
    await this.store.saveEntityFacets(refs, facets, this.now());
  }

  private resolve(query: DoraMetricsQuery) {
    const to = query.to ?? this.now();
    const from = query.from ?? to - DEFAULT_DORA_WINDOW_DAYS * DAY_MS;
    if (from >= to) throw new InputError('from must be before to');
    return {
      from,
      to,
      environment: (
        query.environment ?? DEFAULT_DORA_ENVIRONMENT
      ).toLocaleLowerCase('en-US'),
      groupBy: query.groupBy ?? 'none',
      filter: query.filter ?? {},
    };
  }
}

function groupKeys(
  totals: DoraTotalsByGroup,
  groupBy: DoraGroupBy,
): Array<string | null> {
  const keys = [...totals.keys()];
  if (groupBy === 'none' && keys.length === 0) keys.push(null);
  return keys.sort(compareDoraGroupKeys);
}

function describe(keys: string[]): string {
  const named = keys.slice(0, LOGGED_IDS).join(', ');
  return keys.length > LOGGED_IDS
    ? `${named} and ${keys.length - LOGGED_IDS} more`
    : named;
}

function ignoredResponse(reason: string): DoraIngestResponse {
  return {
    accepted: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    ignored: reason,
  };
}
