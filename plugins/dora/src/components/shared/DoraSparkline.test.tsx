import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { cartMetrics } from '../../__testUtils__/doraFixtures';
import { DORA_KEYS } from '../../lib/doraTiers';
import { DoraSparkline } from './DoraSparkline';

const recovery = DORA_KEYS.find(k => k.key === 'recoveryHoursMedian')!;

/** Weeks of a service that had one incident, recovered in 1.56 h. */
const weeks = ['02', '09', '16', '23'].map((day, i) => ({
  start: `2026-11-${day}T00:00:00.000Z`,
  end: `2026-11-${day}T23:59:59.999Z`,
  metrics: {
    ...cartMetrics,
    recoveryHoursMedian: i === 1 ? 1.56 : null,
  },
}));

describe('DoraSparkline', () => {
  it('shows a lone recovery time as a dot, not an empty chart', async () => {
    await renderInTestApp(
      <DoraSparkline info={recovery} buckets={weeks} color="#2e7d32" />,
    );
    const chart = screen.getByRole('img', {
      name: 'Failed deployment recovery time trend',
    });
    expect(chart.querySelectorAll('.recharts-line-dot')).toHaveLength(1);
  });

  it('draws a line across weeks with nothing measured', async () => {
    const measured = weeks.map((week, i) => ({
      ...week,
      metrics: {
        ...week.metrics,
        recoveryHoursMedian: i === 2 ? null : 1 + i,
      },
    }));
    await renderInTestApp(
      <DoraSparkline info={recovery} buckets={measured} color="#2e7d32" />,
    );
    const chart = screen.getByRole('img', {
      name: 'Failed deployment recovery time trend',
    });
    const path = chart.querySelector('.recharts-line-curve');
    expect(path?.getAttribute('d')).toBeTruthy();
    // One stroke, not two pieces with a gap.
    expect(path?.getAttribute('d')?.match(/M/g)).toHaveLength(1);
  });
});
