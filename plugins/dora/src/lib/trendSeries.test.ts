import { DoraTrendsReport } from '@plinth/plugin-dora-common';
import { cartMetrics, noMetrics } from '../__testUtils__/doraFixtures';
import { DORA_KEYS } from './doraTiers';
import { trendSeries } from './trendSeries';

const info = (key: string) => DORA_KEYS.find(k => k.key === key)!;

/** Four weeks of one service: an incident recovered only in the second. */
const trends: DoraTrendsReport = {
  groupBy: 'entity',
  bucket: 'week',
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-30T00:00:00.000Z',
  environment: 'production',
  groups: [
    {
      key: 'component:default/cart-service',
      buckets: ['02', '09', '16', '23'].map((day, i) => ({
        start: `2026-11-${day}T00:00:00.000Z`,
        end: `2026-11-${day}T23:59:59.999Z`,
        metrics:
          i === 1
            ? { ...cartMetrics, recoveryHoursMedian: 1.56 }
            : { ...cartMetrics, recoveryHoursMedian: null },
      })),
    },
  ],
} as DoraTrendsReport;

describe('trendSeries', () => {
  it('keeps a lone recovery time, which the chart marks with a dot', () => {
    const series = trendSeries(
      trends,
      info('recoveryHoursMedian'),
      () => 'Cart service',
      start => start.slice(0, 10),
    );
    expect(series.names).toEqual(['Cart service']);
    expect(series.rows).toEqual([
      { bucket: '2026-11-02', 'Cart service': null },
      { bucket: '2026-11-09', 'Cart service': 1.56 },
      { bucket: '2026-11-16', 'Cart service': null },
      { bucket: '2026-11-23', 'Cart service': null },
    ]);
  });

  it('gives rates in percent, as their axis says', () => {
    const series = trendSeries(
      trends,
      info('changeFailureRate'),
      () => 'Cart service',
      start => start,
    );
    expect(series.rows[0]['Cart service']).toBe(33);
  });

  it('names groups as asked, never by their refs', () => {
    const series = trendSeries(
      {
        ...trends,
        groups: [
          ...trends.groups,
          {
            key: null,
            buckets: trends.groups[0].buckets.map(b => ({
              ...b,
              metrics: noMetrics,
            })),
          },
        ],
      },
      info('leadTimeHoursMedian'),
      key => (key ? 'Cart service' : '(no team)'),
      start => start,
    );
    expect(series.names).toEqual(['Cart service', '(no team)']);
  });
});
