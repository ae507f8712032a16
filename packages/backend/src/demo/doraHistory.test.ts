import { computeDoraMetrics, DoraEvent } from '@plinth/plugin-dora-common';
import { generateDoraHistory } from './doraHistory';

const now = Date.parse('2026-11-27T12:00:00Z');
const DAY = 86_400_000;

describe('generateDoraHistory', () => {
  const events = generateDoraHistory(now);

  it('is the same on every run, so loading it again changes nothing', () => {
    expect(generateDoraHistory(now)).toEqual(events);
    // A day later, the days before are unchanged.
    const later = generateDoraHistory(now + 86_400_000, 366);
    const ids = new Map(later.map(e => [`${e.type}:${e.id}`, e]));
    for (const e of events) expect(ids.get(`${e.type}:${e.id}`)).toEqual(e);
  });

  it('levels Cart Service High and Products Service Medium on the DORA scorecard, whatever day the demo starts', () => {
    // Two years of history, read through 90-day windows ending on each day
    // of the last year.
    const history = generateDoraHistory(now, 730);
    for (let back = 0; back < 365; back++) {
      const end = Math.floor(now / DAY) * DAY - back * DAY;
      const report = computeDoraMetrics(
        history.filter(e => Date.parse(eventTime(e)) < end),
        { from: end - 90 * DAY, to: end, groupBy: 'entity' },
      );
      const metrics = Object.fromEntries(
        report.groups.map(g => [g.key, g.metrics]),
      );
      const cart = metrics['component:default/cartservice'];
      const products = metrics['component:default/productsservice'];
      const day = new Date(end).toISOString().slice(0, 10);
      // examples/plinth/scorecards/catalog/dora.yaml: High needs every
      // tier high or elite; Elite daily deployments.
      expect([day, cart.tiers]).toEqual([
        day,
        expect.objectContaining({
          deploymentsPerDay: 'high',
          leadTimeHoursMedian: expect.stringMatching(/^(elite|high)$/),
          changeFailureRate: expect.stringMatching(/^(elite|high)$/),
        }),
      ]);
      // Medium: at least monthly, lead time within a month; not High.
      expect([day, products.deploymentsPerDay >= 0.0333]).toEqual([day, true]);
      expect([day, products.leadTimeHoursMedian! <= 720]).toEqual([day, true]);
      expect([day, products.tiers.deploymentsPerDay]).toEqual([day, 'medium']);
    }
  });
});

/** When an event counts: a deployment when it ends, the others when made. */
function eventTime(event: DoraEvent): string {
  return event.type === 'deployment' ? event.finishedAt : event.createdAt;
}
