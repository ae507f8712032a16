import { computeDoraMetrics, computeDoraTrends } from './compute';
import type { DoraEvent, DoraMetrics } from './types';

const H = 3_600_000;
/** Monday 4 March 2024, 00:00 UTC. */
const T0 = Date.parse('2024-03-04T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();
const CART = 'component:default/cart';
const SHOP = 'component:default/shop';

function change(id: string, createdHours: number, entity = CART): DoraEvent {
  return { type: 'change', id, entity, createdAt: at(createdHours) };
}

function deployment(
  id: string,
  finishedHours: number,
  options: Partial<{
    status: 'success' | 'failure';
    changes: string[];
    rework: boolean;
    environment: string;
    entity: string;
  }> = {},
): DoraEvent {
  return {
    type: 'deployment',
    id,
    entity: options.entity ?? CART,
    environment: options.environment ?? 'production',
    status: options.status ?? 'success',
    startedAt: at(finishedHours - 0.25),
    finishedAt: at(finishedHours),
    changes: options.changes ?? [],
    rework: options.rework ?? false,
  };
}

function incident(
  id: string,
  createdHours: number,
  resolvedHours: number | null,
  causedBy: string | null = null,
  entity = CART,
): DoraEvent {
  return {
    type: 'incident',
    id,
    entity,
    createdAt: at(createdHours),
    resolvedAt: resolvedHours === null ? null : at(resolvedHours),
    causedBy,
  };
}

/** Ten days from T0. */
const window = { from: at(0), to: at(240) };

function only(events: DoraEvent[], options = {}): DoraMetrics {
  const report = computeDoraMetrics(events, { ...window, ...options });
  expect(report.groups).toHaveLength(1);
  return report.groups[0].metrics;
}

describe('computeDoraMetrics', () => {
  /*
   * Hand-computed, over ten days:
   * - d1 (day 1) ships c1 (made 24 h before) and c2 (12 h before);
   * - d2 (day 3) ships c3 (24 h before) and c1 again, already shipped;
   * - d3 fails on day 4 with no incident; d4, a rework, succeeds 6 h later;
   * - d5 (day 6) causes i1, resolved in 2 h;
   * - i2 opened before the window (left out), i3 opened on day 9 and
   *   resolved after the window (25 h, counted), i4 still open.
   */
  const events: DoraEvent[] = [
    change('c1', 0),
    change('c2', 12),
    change('c3', 48),
    deployment('d1', 24, { changes: ['c1', 'c2'] }),
    deployment('d2', 72, { changes: ['c3', 'c1'] }),
    deployment('d3', 96, { status: 'failure' }),
    deployment('d4', 102, { rework: true }),
    deployment('d5', 144),
    incident('i1', 145, 147, 'd5'),
    incident('i2', -24, 5),
    incident('i3', 239, 264),
    incident('i4', 192, null),
  ];

  it('computes the five keys and their tiers', () => {
    expect(only(events)).toEqual({
      deployments: 5,
      successfulDeployments: 4,
      deploymentsPerDay: 0.4,
      deploymentDays: 4,
      changes: 3,
      leadTimeHoursMedian: 24,
      leadTimeHoursP90: 24,
      failedDeployments: 2,
      changeFailureRate: 0.4,
      recoveries: 3,
      recoveryHoursMedian: 6,
      reworkDeployments: 1,
      reworkRate: 0.2,
      tiers: {
        deploymentsPerDay: 'high',
        leadTimeHoursMedian: 'elite',
        changeFailureRate: 'low',
        recoveryHoursMedian: 'high',
        reworkRate: 'low',
      },
    });
  });

  it('gives zeros and nulls for an empty window, and no group per entity', () => {
    const empty = { from: at(1000), to: at(1024) };
    expect(only(events, empty)).toEqual({
      deployments: 0,
      successfulDeployments: 0,
      deploymentsPerDay: 0,
      deploymentDays: 0,
      changes: 0,
      leadTimeHoursMedian: null,
      leadTimeHoursP90: null,
      failedDeployments: 0,
      changeFailureRate: null,
      recoveries: 0,
      recoveryHoursMedian: null,
      reworkDeployments: 0,
      reworkRate: null,
      tiers: {
        deploymentsPerDay: 'low',
        leadTimeHoursMedian: null,
        changeFailureRate: null,
        recoveryHoursMedian: null,
        reworkRate: null,
      },
    });
    expect(
      computeDoraMetrics(events, { ...empty, groupBy: 'entity' }).groups,
    ).toEqual([]);
    expect(computeDoraMetrics([], { ...window }).groups).toHaveLength(1);
  });

  it('counts a change deployed twice once, by its first successful deployment', () => {
    const twice = [
      change('c1', -48),
      deployment('d0', -40, { status: 'failure', changes: ['c1'] }),
      deployment('d1', -24, { changes: ['c1'] }),
      deployment('d2', 24, { changes: ['c1'] }),
      change('c2', 0),
      deployment('d3', 10, { status: 'failure', changes: ['c2'] }),
      deployment('d4', 30, { changes: ['c2'] }),
      deployment('d5', 50, { changes: ['c2'] }),
    ];
    // c1 first succeeded before the window: not counted in it. c2 failed
    // first, then succeeded at 30 h: 30 h.
    const metrics = only(twice);
    expect(metrics.changes).toBe(1);
    expect(metrics.leadTimeHoursMedian).toBe(30);
  });

  it('counts a change shipped by two entities once for each', () => {
    const metrics = computeDoraMetrics(
      [
        change('c1', 0),
        deployment('d1', 10, { changes: ['c1'] }),
        deployment('d2', 20, { changes: ['c1'], entity: SHOP }),
      ],
      { ...window, groupBy: 'entity' },
    );
    expect(
      metrics.groups.map(g => [g.key, g.metrics.leadTimeHoursMedian]),
    ).toEqual([
      [CART, 10],
      [SHOP, 20],
    ]);
  });

  it('leaves out unknown changes and changes made after the deployment', () => {
    const metrics = only([
      change('late', 20),
      deployment('d1', 10, { changes: ['unknown', 'late'] }),
      deployment('d2', 30, { changes: ['late'] }),
    ]);
    expect(metrics.changes).toBe(1);
    expect(metrics.leadTimeHoursMedian).toBe(10);
  });

  it('takes the mean of the two middle values for an even count, and interpolates the p90', () => {
    const metrics = only([
      change('a', 0),
      change('b', 0),
      change('c', 0),
      change('d', 0),
      deployment('d1', 1, { changes: ['a'] }),
      deployment('d2', 2, { changes: ['b'] }),
      deployment('d3', 3, { changes: ['c'] }),
      deployment('d4', 4, { changes: ['d'] }),
    ]);
    expect(metrics.leadTimeHoursMedian).toBe(2.5);
    // h = 1 + 3 * 0.9 = 3.7: 3 + 0.7 * (4 - 3)
    expect(metrics.leadTimeHoursP90).toBeCloseTo(3.7, 12);
  });

  it('recovers a failed deployment with no incident by the next success of the same entity and environment only', () => {
    const metrics = only([
      deployment('f1', 10, { status: 'failure' }),
      deployment('s-staging', 11, { environment: 'staging' }),
      deployment('s-shop', 12, { entity: SHOP }),
      deployment('s1', 14),
      deployment('f2', 20, { status: 'failure' }),
      deployment('f3', 30, { status: 'failure' }),
    ]);
    // f1 → s1 after 4 h; f2 and f3 have no success after them.
    expect(metrics.recoveries).toBe(1);
    expect(metrics.recoveryHoursMedian).toBe(4);
    expect(metrics.failedDeployments).toBe(3);
  });

  it('measures a failed deployment that caused an incident by the incident only', () => {
    const metrics = only([
      deployment('f1', 10, { status: 'failure' }),
      deployment('s1', 11),
      incident('i1', 10, 15, 'f1'),
    ]);
    expect(metrics.recoveries).toBe(1);
    expect(metrics.recoveryHoursMedian).toBe(5);
    expect(metrics.changeFailureRate).toBe(0.5);
  });

  it('counts incidents at the window edges by their creation', () => {
    const metrics = only([
      incident('before', -2, 3),
      incident('inside', 1, 2),
      incident('across', 230, 250),
      incident('after', 240, 241),
    ]);
    expect(metrics.recoveries).toBe(2);
    // [1, 20]: the mean of both.
    expect(metrics.recoveryHoursMedian).toBe(10.5);
  });

  it('measures the production environment unless told otherwise', () => {
    const events2 = [
      deployment('p1', 10),
      deployment('s1', 10, { environment: 'staging', status: 'failure' }),
      deployment('s2', 12, { environment: 'staging' }),
      incident('i-staging', 11, 13, 's2'),
      incident('i-unknown', 11, 12, 'nowhere'),
    ];
    const production = only(events2);
    expect(production.deployments).toBe(1);
    expect(production.recoveryHoursMedian).toBe(1);
    const staging = only(events2, { environment: 'Staging' });
    expect(staging.deployments).toBe(2);
    expect(staging.failedDeployments).toBe(2);
    // s1 recovered by s2 after 2 h; the incident of s2 took 2 h.
    expect(staging.recoveries).toBe(2);
    expect(staging.recoveryHoursMedian).toBe(2);
  });

  it('lets the later of two events with the same id win', () => {
    const metrics = only([
      deployment('d1', 10),
      deployment('d1', 10, { status: 'failure' }),
    ]);
    expect(metrics.deployments).toBe(1);
    expect(metrics.failedDeployments).toBe(1);
  });

  it('groups by team, system and domain from the facets, and filters', () => {
    const facets = new Map([
      [
        CART,
        {
          teams: ['group:default/a', 'group:default/b'],
          system: 'system:default/orders',
          domain: 'domain:default/commerce',
        },
      ],
      [SHOP, { teams: ['group:default/b'], system: 'system:default/web' }],
    ]);
    const grouped = [
      deployment('d1', 10),
      deployment('d2', 20, { entity: SHOP }),
      deployment('d3', 30, { entity: 'component:default/lost' }),
    ];
    const count = (options: object) =>
      computeDoraMetrics(grouped, { ...window, facets, ...options }).groups.map(
        g => [g.key, g.metrics.deployments],
      );
    expect(count({ groupBy: 'team' })).toEqual([
      ['group:default/a', 1],
      ['group:default/b', 2],
      [null, 1],
    ]);
    expect(count({ groupBy: 'system' })).toEqual([
      ['system:default/orders', 1],
      ['system:default/web', 1],
      [null, 1],
    ]);
    expect(count({ groupBy: 'domain' })).toEqual([
      ['domain:default/commerce', 1],
      [null, 2],
    ]);
    expect(count({ groupBy: 'none' })).toEqual([[null, 3]]);
    expect(
      count({ groupBy: 'entity', filter: { team: 'group:default/b' } }),
    ).toEqual([
      [CART, 1],
      [SHOP, 1],
    ]);
    expect(
      count({ filter: { domain: 'domain:default/commerce', entityRef: CART } }),
    ).toEqual([[null, 1]]);
  });

  it('counts only the events of the given entities, as a filter does', () => {
    const crossed = [
      deployment('d1', 10),
      deployment('d2', 20, { entity: SHOP, status: 'failure' }),
      // An incident of SHOP naming CART's deployment still marks it failed,
      // as with a filter on CART.
      incident('i1', 11, 12, 'd1', SHOP),
    ];
    const visible = computeDoraMetrics(crossed, {
      ...window,
      groupBy: 'entity',
      entityRefs: [CART],
    });
    expect(visible.groups.map(g => g.key)).toEqual([CART]);
    expect(visible.groups[0].metrics).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
      recoveries: 0,
    });
    expect(visible).toEqual(
      computeDoraMetrics(crossed, {
        ...window,
        groupBy: 'entity',
        filter: { entityRef: CART },
      }),
    );
    expect(
      computeDoraMetrics(crossed, { ...window, entityRefs: [] }).groups,
    ).toEqual(computeDoraMetrics([], window).groups);
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => computeDoraMetrics([], { from: at(10), to: at(0) })).toThrow(
      'from must be before to',
    );
    expect(() => computeDoraMetrics([], { from: 'soon', to: at(0) })).toThrow(
      'from must be an ISO 8601 date-time',
    );
  });
});

describe('computeDoraTrends', () => {
  it('gives every bucket of every group, clamped to the window', () => {
    const report = computeDoraTrends(
      [
        change('c1', 0),
        deployment('d1', 60, { changes: ['c1'] }),
        deployment('d2', 24 * 8),
        deployment('d3', 24 * 15, { status: 'failure' }),
      ],
      // Wednesday 6 March to Tuesday 19 March: three weeks, two partial.
      { from: at(48), to: at(24 * 15 + 12), bucket: 'week' },
    );
    expect(report.groups).toHaveLength(1);
    const buckets = report.groups[0].buckets;
    expect(buckets.map(b => [b.start, b.end])).toEqual([
      ['2024-03-06T00:00:00.000Z', '2024-03-11T00:00:00.000Z'],
      ['2024-03-11T00:00:00.000Z', '2024-03-18T00:00:00.000Z'],
      ['2024-03-18T00:00:00.000Z', '2024-03-19T12:00:00.000Z'],
    ]);
    expect(buckets.map(b => b.metrics.deployments)).toEqual([1, 1, 1]);
    expect(buckets[0].metrics.deploymentsPerDay).toBe(1 / 5);
    expect(buckets[0].metrics.leadTimeHoursMedian).toBe(60);
    expect(buckets[2].metrics.changeFailureRate).toBe(1);
  });

  it('buckets by calendar month', () => {
    const report = computeDoraTrends([deployment('d1', 30 * 24)], {
      from: '2024-02-15T00:00:00Z',
      to: '2024-05-01T00:00:00Z',
      bucket: 'month',
      groupBy: 'entity',
    });
    expect(report.groups.map(g => g.key)).toEqual([CART]);
    expect(
      report.groups[0].buckets.map(b => [b.start, b.metrics.deployments]),
    ).toEqual([
      ['2024-02-15T00:00:00.000Z', 0],
      ['2024-03-01T00:00:00.000Z', 0],
      ['2024-04-01T00:00:00.000Z', 1],
    ]);
    expect(report.groups[0].buckets[2].metrics.deploymentsPerDay).toBe(1 / 30);
  });
});
