import {
  computeDoraMetrics,
  DoraEvent,
  DoraMetricsReport,
} from '@plinth/plugin-dora-common';
import type { DoraMetricsRequest } from '@plinth/plugin-dora-node';
import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { doraInputs } from './doraInputs';

const now = Date.parse('2026-11-27T12:00:00Z');
const DAY = 86_400_000;

function deployments(entity: string, every: number): DoraEvent[] {
  const events: DoraEvent[] = [];
  for (let day = 1; day < 90; day += every) {
    const at = new Date(now - day * DAY).toISOString();
    events.push(
      { type: 'change', id: `${entity}-c${day}`, entity, createdAt: at },
      {
        type: 'deployment',
        id: `${entity}-d${day}`,
        entity,
        environment: 'production',
        status: 'success',
        startedAt: at,
        finishedAt: new Date(now - day * DAY + 3_600_000).toISOString(),
        changes: [`${entity}-c${day}`],
        rework: false,
      },
    );
  }
  return events;
}

describe('doraInputs', () => {
  const events = [
    ...deployments('component:default/daily', 1),
    ...deployments('component:default/monthly', 30),
  ];
  let asked = 0;
  const source = {
    async getMetrics(query: DoraMetricsRequest): Promise<DoraMetricsReport> {
      asked++;
      return computeDoraMetrics(events, {
        from: Date.parse(query.from!),
        to: Date.parse(query.to!),
        environment: query.environment,
        groupBy: query.groupBy,
      });
    },
  };

  it('adds each entity its DORA figures and tiers, asking once for all', async () => {
    const inputs = doraInputs(source, mockServices.logger.mock());
    const item = (name: string) => ({
      entityRef: `component:default/${name}`,
      teams: [],
      entity: {
        identifier: name,
        blueprint: 'Component',
        derived: { incidents: 0 },
      },
    });
    const items = [item('Daily'), item('monthly'), item('silent')];
    items[0].entityRef = 'component:default/Daily';
    await inputs.augment(items, now);
    expect(items[0].entity.derived).toMatchObject({
      incidents: 0,
      // 89 deployments in 90 days: just under one a day.
      doraDeploymentsPerDay: 89 / 90,
      doraDeploymentFrequencyTier: 'high',
      doraLeadTimeHours: 1,
      doraLeadTimeTier: 'elite',
    });
    expect(items[1].entity.derived).toMatchObject({
      doraDeploymentFrequencyTier: 'medium',
    });
    // No events: no figures, and rules on them fail for want of a value.
    expect(items[2].entity.derived).toMatchObject({
      doraDeploymentsPerDay: null,
      doraDeploymentFrequencyTier: null,
    });
    await inputs.augment([item('daily')], now + 1000);
    expect(asked).toBe(1);
    inputs.invalidate();
    await inputs.augment([item('daily')], now + 2000);
    expect(asked).toBe(2);
  });

  it('gives null figures without a DORA backend, and throws on an outage', async () => {
    const answer = (status: number) =>
      ResponseError.fromResponse(
        new Response(
          JSON.stringify({ error: { name: 'Error', message: 'no' } }),
          { status, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    let status = 404;
    const failing = {
      async getMetrics(): Promise<DoraMetricsReport> {
        throw await answer(status);
      },
    };
    const logger = mockServices.logger.mock();
    const inputs = doraInputs(failing, logger);
    const items = [
      {
        entityRef: 'component:default/cart',
        teams: [],
        entity: { identifier: 'cart', blueprint: 'Component', derived: {} },
      },
    ];
    await inputs.augment(items, now);
    expect(items[0].entity.derived).toMatchObject({
      doraDeploymentsPerDay: null,
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('No DORA backend answers at /api/dora'),
    );
    status = 503;
    inputs.invalidate();
    await expect(inputs.augment(items, now)).rejects.toThrow(/503/);
  });
});
