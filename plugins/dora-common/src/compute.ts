import {
  DoraSample,
  DORA_MEDIAN,
  DORA_P90,
  doraPercentileOf,
  doraSampleOf,
} from './percentile';
import { DEFAULT_DORA_TIERS, doraTierOf, DoraTierThresholds } from './tiers';
import {
  DAY_MS,
  dayOf,
  doraBuckets,
  DoraBucketRange,
  HOUR_MS,
  toEpochMs,
} from './time';
import type {
  DoraBucket,
  DoraEntityFacets,
  DoraEvent,
  DoraFilter,
  DoraGroupBy,
  DoraMetrics,
  DoraMetricsReport,
  DoraTrendsReport,
} from './types';

/**
 * The environment measured when none is given.
 * @public
 */
export const DEFAULT_DORA_ENVIRONMENT = 'production';

/**
 * What the metrics of a group are computed from; the in-memory computation
 * and the SQL one each produce these, and {@link doraMetricsFromTotals}
 * turns them into the same figures.
 * @public
 */
export interface DoraGroupTotals {
  /** Deployments that finished in the window, whatever their status. */
  deployments: number;
  successfulDeployments: number;
  /** Distinct UTC days with a successful deployment. */
  deploymentDays: number;
  /** Failed, or caused an incident. */
  failedDeployments: number;
  reworkDeployments: number;
  /** Lead times in milliseconds. */
  leadTimes: DoraSample;
  /** Recovery times in milliseconds. */
  recoveryTimes: DoraSample;
}

/**
 * An empty sample.
 * @public
 */
export const EMPTY_DORA_SAMPLE: DoraSample = {
  count: 0,
  valueAt: () => {
    throw new Error('an empty sample has no value');
  },
};

/**
 * The five keys and their tiers from the totals of a group over a window of
 * `windowMs` milliseconds.
 * @public
 */
export function doraMetricsFromTotals(
  totals: DoraGroupTotals,
  windowMs: number,
  thresholds: DoraTierThresholds = DEFAULT_DORA_TIERS,
): DoraMetrics {
  const hours = (ms: number | null) => (ms === null ? null : ms / HOUR_MS);
  const rate = (count: number) =>
    totals.deployments > 0 ? count / totals.deployments : null;
  const deploymentsPerDay = totals.successfulDeployments / (windowMs / DAY_MS);
  const leadTimeHoursMedian = hours(
    doraPercentileOf(totals.leadTimes, DORA_MEDIAN),
  );
  const changeFailureRate = rate(totals.failedDeployments);
  const recoveryHoursMedian = hours(
    doraPercentileOf(totals.recoveryTimes, DORA_MEDIAN),
  );
  const reworkRate = rate(totals.reworkDeployments);
  return {
    deployments: totals.deployments,
    successfulDeployments: totals.successfulDeployments,
    deploymentsPerDay,
    deploymentDays: totals.deploymentDays,
    changes: totals.leadTimes.count,
    leadTimeHoursMedian,
    leadTimeHoursP90: hours(doraPercentileOf(totals.leadTimes, DORA_P90)),
    failedDeployments: totals.failedDeployments,
    changeFailureRate,
    recoveries: totals.recoveryTimes.count,
    recoveryHoursMedian,
    reworkDeployments: totals.reworkDeployments,
    reworkRate,
    tiers: {
      deploymentsPerDay: doraTierOf(
        'deploymentsPerDay',
        deploymentsPerDay,
        thresholds,
      ),
      leadTimeHoursMedian: doraTierOf(
        'leadTimeHours',
        leadTimeHoursMedian,
        thresholds,
      ),
      changeFailureRate: doraTierOf(
        'changeFailureRate',
        changeFailureRate,
        thresholds,
      ),
      recoveryHoursMedian: doraTierOf(
        'recoveryHours',
        recoveryHoursMedian,
        thresholds,
      ),
      reworkRate: doraTierOf('reworkRate', reworkRate, thresholds),
    },
  };
}

/**
 * The order of groups in every result: by key, the null key last.
 * @public
 */
export function compareDoraGroupKeys(a: string | null, b: string | null) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Options of {@link computeDoraMetrics}.
 * @public
 */
export interface DoraComputeOptions {
  /** Start of the window, inclusive. */
  from: string | number | Date;
  /** End of the window, exclusive. */
  to: string | number | Date;
  /** `production` unless given. */
  environment?: string;
  /** `none` unless given. */
  groupBy?: DoraGroupBy;
  filter?: DoraFilter;
  /**
   * Only the events of these entities count, as with a filter (the DORA
   * backend gives a caller the figures of the entities they may see in the
   * catalog); every entity's when absent.
   */
  entityRefs?: Iterable<string>;
  /** Teams, system and domain of each entity, for grouping and filters. */
  facets?: ReadonlyMap<string, DoraEntityFacets>;
  tiers?: DoraTierThresholds;
}

interface Accumulator {
  deployments: number;
  successes: number;
  days: Set<number>;
  failures: number;
  reworks: number;
  leads: number[];
  recoveries: number[];
}

function accumulator(): Accumulator {
  return {
    deployments: 0,
    successes: 0,
    days: new Set(),
    failures: 0,
    reworks: 0,
    leads: [],
    recoveries: [],
  };
}

function totalsOf(acc: Accumulator | undefined): DoraGroupTotals {
  if (!acc) {
    return {
      deployments: 0,
      successfulDeployments: 0,
      deploymentDays: 0,
      failedDeployments: 0,
      reworkDeployments: 0,
      leadTimes: EMPTY_DORA_SAMPLE,
      recoveryTimes: EMPTY_DORA_SAMPLE,
    };
  }
  return {
    deployments: acc.deployments,
    successfulDeployments: acc.successes,
    deploymentDays: acc.days.size,
    failedDeployments: acc.failures,
    reworkDeployments: acc.reworks,
    leadTimes: doraSampleOf(acc.leads),
    recoveryTimes: doraSampleOf(acc.recoveries),
  };
}

interface Deployment {
  id: string;
  entity: string;
  environment: string;
  success: boolean;
  finished: number;
  changes: string[];
  rework: boolean;
}

interface Incident {
  entity: string;
  created: number;
  resolved: number | null;
  causedBy: string | null;
}

/** The first index of sorted values greater than a value, or -1. */
function firstAfter(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] > value) hi = mid;
    else lo = mid + 1;
  }
  return lo < sorted.length ? lo : -1;
}

/**
 * The totals of every group and bucket: the reference definition of the
 * metrics, which the SQL computation of the backend must equal.
 */
function accumulate(
  events: DoraEvent[],
  window: { from: number; to: number },
  buckets: DoraBucketRange[],
  options: DoraComputeOptions,
): Map<string | null, Map<number, Accumulator>> {
  const environment = (
    options.environment ?? DEFAULT_DORA_ENVIRONMENT
  ).toLocaleLowerCase('en-US');
  const groupBy = options.groupBy ?? 'none';
  const facets = options.facets ?? new Map<string, DoraEntityFacets>();
  const filter = options.filter ?? {};
  const only = options.entityRefs ? new Set(options.entityRefs) : undefined;

  // The same id twice: the later event wins.
  const latest = new Map<string, DoraEvent>();
  for (const event of events)
    latest.set(`${event.type}\u0000${event.id}`, event);

  const changes = new Map<string, number>();
  const deployments: Deployment[] = [];
  const incidents: Incident[] = [];
  for (const event of latest.values()) {
    if (event.type === 'change') {
      changes.set(event.id, Date.parse(event.createdAt));
    } else if (event.type === 'deployment') {
      deployments.push({
        id: event.id,
        entity: event.entity,
        environment: event.environment,
        success: event.status === 'success',
        finished: Date.parse(event.finishedAt),
        changes: event.changes,
        rework: event.rework,
      });
    } else {
      incidents.push({
        entity: event.entity,
        created: Date.parse(event.createdAt),
        resolved:
          event.resolvedAt === null ? null : Date.parse(event.resolvedAt),
        causedBy: event.causedBy,
      });
    }
  }
  const deploymentById = new Map(deployments.map(d => [d.id, d]));
  const caused = new Set(incidents.map(i => i.causedBy));

  const matches = (entity: string) => {
    if (only && !only.has(entity)) return false;
    if (filter.entityRef !== undefined && entity !== filter.entityRef) {
      return false;
    }
    const f = facets.get(entity);
    if (filter.team !== undefined && !f?.teams.includes(filter.team)) {
      return false;
    }
    if (filter.system !== undefined && f?.system !== filter.system) {
      return false;
    }
    return filter.domain === undefined || f?.domain === filter.domain;
  };
  const keysOf = (entity: string): Array<string | null> => {
    switch (groupBy) {
      case 'entity':
        return [entity];
      case 'team': {
        const teams = [...new Set(facets.get(entity)?.teams ?? [])];
        return teams.length > 0 ? teams : [null];
      }
      case 'system':
        return [facets.get(entity)?.system ?? null];
      case 'domain':
        return [facets.get(entity)?.domain ?? null];
      default:
        return [null];
    }
  };
  const bucketOf = (time: number): number => {
    if (time < window.from || time >= window.to) return -1;
    let lo = 0;
    let hi = buckets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (time < buckets[mid].end) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const result = new Map<string | null, Map<number, Accumulator>>();
  const add = (
    entity: string,
    time: number,
    apply: (acc: Accumulator) => void,
  ) => {
    if (!matches(entity)) return;
    const bucket = bucketOf(time);
    if (bucket < 0) return;
    for (const key of keysOf(entity)) {
      let series = result.get(key);
      if (!series) {
        series = new Map();
        result.set(key, series);
      }
      let acc = series.get(bucket);
      if (!acc) {
        acc = accumulator();
        series.set(bucket, acc);
      }
      apply(acc);
    }
  };

  const measured = deployments.filter(d => d.environment === environment);
  for (const d of measured) {
    add(d.entity, d.finished, acc => {
      acc.deployments += 1;
      if (d.success) {
        acc.successes += 1;
        acc.days.add(dayOf(d.finished));
      }
      if (!d.success || caused.has(d.id)) acc.failures += 1;
      if (d.rework) acc.reworks += 1;
    });
  }

  // Lead time: each change's first successful deployment of each entity that
  // lists it and finished after the change was made.
  const firsts = new Map<
    string,
    { entity: string; deployed: number; created: number }
  >();
  const successTimes = new Map<string, number[]>();
  for (const d of measured) {
    if (!d.success) continue;
    const times = successTimes.get(d.entity) ?? [];
    times.push(d.finished);
    successTimes.set(d.entity, times);
    for (const changeId of d.changes) {
      const created = changes.get(changeId);
      if (created === undefined || d.finished < created) continue;
      const key = `${changeId}\u0000${d.entity}`;
      const first = firsts.get(key);
      if (!first || d.finished < first.deployed) {
        firsts.set(key, { entity: d.entity, deployed: d.finished, created });
      }
    }
  }
  for (const first of firsts.values()) {
    add(first.entity, first.deployed, acc =>
      acc.leads.push(first.deployed - first.created),
    );
  }

  // Recovery: resolved incidents created in the window, whose causing
  // deployment (production when unknown) is of the environment; and failed
  // deployments that caused no incident, until the next success.
  for (const incident of incidents) {
    if (incident.resolved === null) continue;
    const cause =
      incident.causedBy === null
        ? undefined
        : deploymentById.get(incident.causedBy);
    if ((cause?.environment ?? DEFAULT_DORA_ENVIRONMENT) !== environment) {
      continue;
    }
    const resolved = incident.resolved;
    add(incident.entity, incident.created, acc =>
      acc.recoveries.push(resolved - incident.created),
    );
  }
  for (const times of successTimes.values()) times.sort((a, b) => a - b);
  for (const d of measured) {
    if (d.success || caused.has(d.id)) continue;
    const times = successTimes.get(d.entity) ?? [];
    const next = firstAfter(times, d.finished);
    if (next < 0) continue;
    add(d.entity, d.finished, acc =>
      acc.recoveries.push(times[next] - d.finished),
    );
  }
  return result;
}

function windowOf(options: Pick<DoraComputeOptions, 'from' | 'to'>) {
  const from = toEpochMs(options.from, 'from');
  const to = toEpochMs(options.to, 'to');
  if (from >= to) throw new Error('from must be before to');
  return { from, to };
}

function sortedKeys(
  result: Map<string | null, unknown>,
  groupBy: DoraGroupBy,
): Array<string | null> {
  const keys = [...result.keys()];
  if (groupBy === 'none' && keys.length === 0) keys.push(null);
  return keys.sort(compareDoraGroupKeys);
}

/**
 * The five keys of the events over a window, one result per group: the
 * reference definition of Plinth's DORA metrics (the backend's SQL gives the
 * same figures), used by the `plinth dora` command.
 *
 * Events are expected in the normal form of {@link parseDoraEvent}; of two
 * events with the same type and id, the later one counts. Only deployments of
 * the environment (`production` by default) count; the window is
 * `[from, to)` and a deployment is in it when it finished in it.
 *
 * - Deployment frequency: successful deployments per day of the window, and
 *   the distinct UTC days with one.
 * - Lead time for changes: for each change and each entity deploying it, its
 *   first successful deployment that finished after the change was made; the
 *   changes whose first deployment finished in the window count, with
 *   (`finishedAt` - `createdAt`). Median and 90th percentile (see
 *   {@link doraPercentileRanks}).
 * - Change failure rate: deployments that failed or caused an incident (any
 *   incident whose `causedBy` names them), over all deployments.
 * - Failed deployment recovery time: the median over the resolved incidents
 *   created in the window (of the environment of their causing deployment,
 *   production when none is known) of (`resolvedAt` - `createdAt`), and over
 *   the failed deployments in the window that caused no incident of the time
 *   to the entity's next successful deployment in the same environment (those
 *   not followed by one yet are left out).
 * - Rework rate: deployments with `rework: true` over all deployments.
 *
 * @example
 * ```ts
 * const report = computeDoraMetrics(events, {
 *   from: '2024-01-01T00:00:00Z',
 *   to: '2024-04-01T00:00:00Z',
 *   groupBy: 'entity',
 * });
 * ```
 * @public
 */
export function computeDoraMetrics(
  events: DoraEvent[],
  options: DoraComputeOptions,
): DoraMetricsReport {
  const window = windowOf(options);
  const groupBy = options.groupBy ?? 'none';
  const result = accumulate(
    events,
    window,
    [{ start: window.from, end: window.to }],
    options,
  );
  return {
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    environment: (
      options.environment ?? DEFAULT_DORA_ENVIRONMENT
    ).toLocaleLowerCase('en-US'),
    groupBy,
    groups: sortedKeys(result, groupBy).map(key => ({
      key,
      metrics: doraMetricsFromTotals(
        totalsOf(result.get(key)?.get(0)),
        window.to - window.from,
        options.tiers,
      ),
    })),
  };
}

/**
 * The metrics of {@link computeDoraMetrics} per week, month or quarter of the window;
 * every group has every bucket.
 * @public
 */
export function computeDoraTrends(
  events: DoraEvent[],
  options: DoraComputeOptions & { bucket: DoraBucket },
): DoraTrendsReport {
  const window = windowOf(options);
  const groupBy = options.groupBy ?? 'none';
  const buckets = doraBuckets(window.from, window.to, options.bucket);
  const result = accumulate(events, window, buckets, options);
  return {
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    environment: (
      options.environment ?? DEFAULT_DORA_ENVIRONMENT
    ).toLocaleLowerCase('en-US'),
    groupBy,
    bucket: options.bucket,
    groups: sortedKeys(result, groupBy).map(key => ({
      key,
      buckets: buckets.map((range, index) => ({
        start: new Date(range.start).toISOString(),
        end: new Date(range.end).toISOString(),
        metrics: doraMetricsFromTotals(
          totalsOf(result.get(key)?.get(index)),
          range.end - range.start,
          options.tiers,
        ),
      })),
    })),
  };
}
