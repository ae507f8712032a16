import type { Scorecard } from '@plinth/plugin-scorecards-common';
import { eventually, startScorecardsBackend } from '../__testUtils__/backend';

jest.setTimeout(90_000);

/** Levels services by their DORA deployment frequency. */
const delivery: Scorecard = {
  identifier: 'delivery',
  title: 'Delivery',
  blueprint: 'Service',
  levels: [
    { title: 'Rarely', color: 'red' },
    { title: 'Weekly', color: 'green' },
  ],
  rules: [
    {
      identifier: 'weekly',
      title: 'Deploys every week',
      level: 'Weekly',
      threshold: {
        property: 'doraDeploymentsPerDay',
        operator: '>=',
        value: 1 / 7,
      },
    },
  ],
};

describe('evaluation', () => {
  it("levels an entity again within seconds of new DORA events for it, through the DORA backend's figures", async () => {
    const { client, stop } = await startScorecardsBackend({
      scorecardFiles: { 'delivery.json': delivery },
    });
    try {
      const level = () =>
        client.get('/api/scorecards/entity/service/default/cart');
      const before = await eventually(level, r => r.body.items?.length === 1);
      expect(before.body.items[0]).toMatchObject({
        level: 'Rarely',
        rules: [{ rule: 'weekly', status: 'failed' }],
      });

      // A production deployment every other day: 0.5 a day over 90 days.
      const now = Date.now();
      const events = Array.from({ length: 45 }, (_, i) => {
        const finished = now - (i * 2 + 1) * 86_400_000;
        return {
          type: 'deployment',
          id: `cart-${i}`,
          entity: 'service:default/cart',
          environment: 'production',
          status: 'success',
          startedAt: new Date(finished - 600_000).toISOString(),
          finishedAt: new Date(finished).toISOString(),
          changes: [],
          rework: false,
        };
      });
      const recorded = await client.post('/api/dora/events').send(events);
      expect(recorded.body).toMatchObject({ accepted: 45, created: 45 });

      const after = await eventually(
        level,
        r => r.body.items?.[0]?.level === 'Weekly',
      );
      expect(after.body.items[0]).toMatchObject({
        level: 'Weekly',
        rules: [{ rule: 'weekly', status: 'passed' }],
      });
    } finally {
      await stop();
    }
  });
});
