import { Entity } from '@backstage/catalog-model';
import {
  DoraBucket,
  DoraDeploymentsResponse,
  DoraGroupBy,
  DoraMetrics,
  DoraMetricsReport,
  DoraTrendsReport,
} from '@plinth/plugin-dora-common';
import { DoraApi } from '../api/DoraApi';

/** The entity the card tests show. */
export const cartService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', title: 'Cart service' },
  spec: { type: 'service', owner: 'group:default/cart-team' },
};

/** Metrics of an elite entity, but for its change failure rate (low). */
export const cartMetrics: DoraMetrics = {
  deployments: 120,
  successfulDeployments: 110,
  deploymentsPerDay: 1.22,
  deploymentDays: 60,
  changes: 300,
  leadTimeHoursMedian: 5.5,
  leadTimeHoursP90: 30,
  failedDeployments: 40,
  changeFailureRate: 0.33,
  recoveries: 12,
  recoveryHoursMedian: 0.5,
  reworkDeployments: 6,
  reworkRate: 0.05,
  tiers: {
    deploymentsPerDay: 'elite',
    leadTimeHoursMedian: 'elite',
    changeFailureRate: 'low',
    recoveryHoursMedian: 'elite',
    reworkRate: 'high',
  },
};

/** Metrics with nothing measured. */
export const noMetrics: DoraMetrics = {
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
};

/** Metrics of a slow entity: every tier low or medium. */
export const legacyMetrics: DoraMetrics = {
  ...cartMetrics,
  deploymentsPerDay: 0.02,
  leadTimeHoursMedian: 900,
  tiers: {
    deploymentsPerDay: 'low',
    leadTimeHoursMedian: 'low',
    changeFailureRate: 'medium',
    recoveryHoursMedian: 'low',
    reworkRate: 'low',
  },
};

/** A metrics report with one group per key. */
export function doraReport(
  groupBy: DoraGroupBy,
  groups: DoraMetricsReport['groups'],
): DoraMetricsReport {
  return {
    from: '2026-08-30T00:00:00.000Z',
    to: '2026-11-27T12:00:00.000Z',
    environment: 'production',
    groupBy,
    groups,
  };
}

/** A weekly trend of two buckets per group. */
export function doraTrends(
  groupBy: DoraGroupBy,
  keys: Array<string | null>,
  bucket: DoraBucket = 'week',
): DoraTrendsReport {
  return {
    from: '2026-11-09T00:00:00.000Z',
    to: '2026-11-22T23:59:59.999Z',
    environment: 'production',
    groupBy,
    bucket,
    groups: keys.map(key => ({
      key,
      buckets: [
        {
          start: '2026-11-09T00:00:00.000Z',
          end: '2026-11-16T00:00:00.000Z',
          metrics: legacyMetrics,
        },
        {
          start: '2026-11-16T00:00:00.000Z',
          end: '2026-11-22T23:59:59.999Z',
          metrics: cartMetrics,
        },
      ],
    })),
  };
}

/** Two deployments of the cart service, the latest (failed) first. */
export const cartDeployments: DoraDeploymentsResponse = {
  items: [
    {
      id: 'deploy-2',
      entityRef: 'component:default/cart-service',
      environment: 'production',
      status: 'failure',
      startedAt: '2026-11-26T10:00:00.000Z',
      finishedAt: '2026-11-26T10:05:00.000Z',
      rework: false,
      failed: true,
      changes: ['c3'],
      incidents: [
        {
          id: 'inc-1',
          createdAt: '2026-11-26T10:10:00.000Z',
          resolvedAt: null,
        },
      ],
    },
    {
      id: 'deploy-1',
      entityRef: 'component:default/cart-service',
      environment: 'production',
      status: 'success',
      startedAt: '2026-11-25T10:00:00.000Z',
      finishedAt: '2026-11-25T10:04:00.000Z',
      rework: true,
      failed: false,
      changes: ['c1', 'c2'],
      incidents: [],
    },
  ],
};

/**
 * A fake of the DORA backend, over the fixtures: every group measures as
 * {@link cartMetrics}.
 */
export function fakeDoraApi(
  overrides: Partial<DoraApi> = {},
): jest.Mocked<DoraApi> {
  return {
    getMetrics: jest.fn(async (query = {}) =>
      doraReport(query.groupBy ?? 'none', [
        { key: null, metrics: cartMetrics },
      ]),
    ),
    getTrends: jest.fn(async (query = {}) =>
      doraTrends(query.groupBy ?? 'none', [null], query.bucket),
    ),
    getDeployments: jest.fn(async () => cartDeployments),
    ...overrides,
  } as jest.Mocked<DoraApi>;
}
