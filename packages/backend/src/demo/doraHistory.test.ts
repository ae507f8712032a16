import { computeDoraMetrics } from '@plinth/plugin-dora-common';
import { generateDoraHistory } from './doraHistory';

const now = Date.parse('2026-11-27T12:00:00Z');

describe('generateDoraHistory', () => {
  const events = generateDoraHistory(now);

  it('is the same on every run, so loading it again changes nothing', () => {
    expect(generateDoraHistory(now)).toEqual(events);
    // A day later, the days before are unchanged.
    const later = generateDoraHistory(now + 86_400_000, 366);
    const ids = new Map(later.map(e => [`${e.type}:${e.id}`, e]));
    for (const e of events) expect(ids.get(`${e.type}:${e.id}`)).toEqual(e);
  });

  it('gives the two services different tiers', () => {
    const report = computeDoraMetrics(events, {
      from: now - 90 * 86_400_000,
      to: now,
      groupBy: 'entity',
    });
    const tiers = Object.fromEntries(
      report.groups.map(g => [g.key, g.metrics.tiers]),
    );
    expect(tiers['component:default/cartservice']).toMatchObject({
      deploymentsPerDay: expect.stringMatching(/elite|high/),
      leadTimeHoursMedian: expect.stringMatching(/elite|high/),
    });
    expect(tiers['component:default/productsservice']).toMatchObject({
      deploymentsPerDay: expect.stringMatching(/medium|low/),
      leadTimeHoursMedian: expect.stringMatching(/medium|low/),
    });
  });
});
