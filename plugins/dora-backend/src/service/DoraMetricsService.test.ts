import { catalogDecidesPermissions } from '@plinth/backend-utils/testUtils';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  computeDoraMetrics,
  computeDoraTrends,
  DoraEvent,
  DoraFilter,
  DoraGroupBy,
} from '@plinth/plugin-dora-common';
import { Knex } from 'knex';
import {
  asGuest,
  asService,
  asUser,
  catalogHiding,
  GUEST,
} from '../__testUtils__/catalog';
import { createTestStore } from '../__testUtils__/database';
import {
  at,
  CART,
  change,
  deployment,
  edgeCases,
  ENTITIES,
  FACETS,
  handComputed,
  incident,
  randomEvents,
  SHOP,
  T0,
} from '../__testUtils__/events';
import { catalogVisibility } from './catalogResolvers';
import { DoraMetricsService, DoraVisibleEntities } from './DoraMetricsService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The catalog of most tests: the guest does not see b. */
const catalog = catalogHiding({ hiddenFrom: { [GUEST]: [ENTITIES[1]] } });

async function setUp(
  databaseId: Parameters<typeof createTestStore>[1],
  options: { resolver?: boolean; visibleEntities?: DoraVisibleEntities } = {},
) {
  const logger = mockServices.logger.mock();
  const { knex, store } = await createTestStore(databases, databaseId, logger);
  const resolveEntities = jest.fn(async (refs: string[]) => {
    return new Map(
      refs.filter(ref => FACETS.has(ref)).map(ref => [ref, FACETS.get(ref)!]),
    );
  });
  const service = new DoraMetricsService({
    store,
    logger,
    resolveEntities: options.resolver === false ? undefined : resolveEntities,
    visibleEntities:
      options.visibleEntities ??
      catalogVisibility({
        catalog: catalog,
        permissions: catalogDecidesPermissions(),
      }),
    now: () => T0 + 1000 * 3_600_000,
  });
  return { knex, logger, store, service, resolveEntities };
}

const asItems = (events: unknown[]) => events.map(value => ({ value }));

async function ingestInBatches(
  service: DoraMetricsService,
  events: DoraEvent[],
  size: number,
) {
  for (let i = 0; i < events.length; i += size) {
    const result = await service.ingest(asItems(events.slice(i, i + size)));
    expect(result.rejected).toEqual([]);
  }
}

async function counts(knex: Knex) {
  const result: Record<string, number> = {};
  for (const table of [
    'dora_changes',
    'dora_deployments',
    'dora_deployment_changes',
    'dora_incidents',
    'dora_change_leads',
  ]) {
    const [{ count }] = await knex(table).count({ count: '*' });
    result[table] = Number(count);
  }
  return result;
}

describe('DoraMetricsService on each database', () => {
  it.each(databases.eachSupportedId())(
    'computes the hand-computed metrics in SQL as in memory, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      await ingestInBatches(service, handComputed, 5);
      const window = { from: Date.parse(at(0)), to: Date.parse(at(240)) };
      const report = await service.metrics(window, asUser);
      expect(report).toEqual(
        computeDoraMetrics(handComputed, { from: at(0), to: at(240) }),
      );
      expect(report.groups[0].metrics).toMatchObject({
        deployments: 5,
        deploymentsPerDay: 0.4,
        deploymentDays: 4,
        leadTimeHoursMedian: 24,
        leadTimeHoursP90: 24,
        changeFailureRate: 0.4,
        recoveryHoursMedian: 6,
        reworkRate: 0.2,
      });
      const empty = await service.metrics(
        {
          from: Date.parse(at(1000)),
          to: Date.parse(at(1024)),
          groupBy: 'none',
        },
        asUser,
      );
      expect(empty.groups).toEqual(
        computeDoraMetrics(handComputed, { from: at(1000), to: at(1024) })
          .groups,
      );
      expect(empty.groups[0].metrics.leadTimeHoursMedian).toBeNull();
      await expect(
        service.metrics(
          {
            ...window,
            groupBy: 'entity',
            from: Date.parse(at(1000)),
            to: Date.parse(at(1024)),
          },
          asUser,
        ),
      ).resolves.toMatchObject({ groups: [] });
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the same figures as computeDoraMetrics on each edge case, on %p',
    async databaseId => {
      for (const [name, events] of Object.entries(edgeCases)) {
        const { service } = await setUp(databaseId);
        await service.ingest(asItems(events));
        for (const environment of ['production', 'staging']) {
          for (const groupBy of ['none', 'entity'] as const) {
            const options = { from: at(0), to: at(240), environment, groupBy };
            const actual = await service.metrics(
              {
                ...options,
                from: Date.parse(at(0)),
                to: Date.parse(at(240)),
              },
              asUser,
            );
            expect({ name, options, actual }).toEqual({
              name,
              options,
              actual: computeDoraMetrics(events, options),
            });
          }
        }
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the same figures as computeDoraMetrics on random histories ingested out of order, for every grouping, filter and trend, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      const events = [...randomEvents(1), ...randomEvents(2).map(rename)];
      await ingestInBatches(service, events, 37);

      const from = at(24 * 2 + 7);
      const to = at(24 * 30);
      const groupings: DoraGroupBy[] = [
        'entity',
        'team',
        'system',
        'domain',
        'none',
      ];
      const filters: DoraFilter[] = [
        {},
        { team: 'group:default/t1' },
        { system: 'system:default/s1', entityRef: ENTITIES[1] },
        { domain: 'domain:default/d1' },
      ];
      for (const environment of ['production', 'staging']) {
        for (const groupBy of groupings) {
          for (const filter of filters) {
            const options = { from, to, environment, groupBy, filter };
            const expected = computeDoraMetrics(events, {
              ...options,
              facets: FACETS,
            });
            const actual = await service.metrics(
              {
                ...options,
                from: Date.parse(from),
                to: Date.parse(to),
              },
              asUser,
            );
            expect({ options, actual }).toEqual({ options, actual: expected });
          }
        }
      }
      // Some groups have lead times, recoveries and failures to compare.
      const all = computeDoraMetrics(events, { from, to, groupBy: 'entity' });
      expect(all.groups.every(g => g.metrics.changes > 2)).toBe(true);
      expect(all.groups.every(g => g.metrics.recoveries > 1)).toBe(true);

      for (const bucket of ['week', 'month'] as const) {
        for (const groupBy of ['none', 'team'] as const) {
          const expected = computeDoraTrends(events, {
            from,
            to,
            bucket,
            groupBy,
            facets: FACETS,
          });
          const actual = await service.trends(
            {
              from: Date.parse(from),
              to: Date.parse(to),
              bucket,
              groupBy,
            },
            asUser,
          );
          expect(actual).toEqual(expected);
        }
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'changes nothing when the same events come again, on %p',
    async databaseId => {
      const { service, knex } = await setUp(databaseId);
      const events = randomEvents(3);
      const first = await service.ingest(asItems(events));
      expect(first.created).toBeGreaterThan(0);
      const before = await counts(knex);
      const metrics = await service.metrics({ groupBy: 'entity' }, asUser);

      const again = await service.ingest(asItems(events));
      expect(again).toMatchObject({
        accepted: events.length,
        created: 0,
        updated: 0,
        unchanged: events.length,
        rejected: [],
      });
      await expect(counts(knex)).resolves.toEqual(before);
      await expect(
        service.metrics({ groupBy: 'entity' }, asUser),
      ).resolves.toEqual(metrics);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets the later of two events with the same id win, and logs it, on %p',
    async databaseId => {
      const { service, logger } = await setUp(databaseId);
      const window = { from: Date.parse(at(0)), to: Date.parse(at(48)) };

      const batch = await service.ingest(
        asItems([
          deployment('d1', 10),
          deployment('d2', 11),
          deployment('d1', 10, { status: 'failure' }),
          deployment('d2', 11),
        ]),
      );
      expect(batch).toMatchObject({
        accepted: 4,
        created: 2,
        unchanged: 2,
        warnings: [
          {
            index: 2,
            id: 'd1',
            message:
              'replaces the deployment at index 0 of this batch, which has the same id and a different content (the later one wins)',
          },
        ],
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('the later one wins: deployment:d1'),
      );
      let metrics = (await service.metrics(window, asUser)).groups[0].metrics;
      expect(metrics.failedDeployments).toBe(1);

      const later = await service.ingest(asItems([deployment('d1', 10)]));
      expect(later).toMatchObject({
        created: 0,
        updated: 1,
        warnings: [
          {
            index: 0,
            id: 'd1',
            message:
              'replaced the stored deployment with the same id and a different content',
          },
        ],
      });
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining(
          '1 event(s) replaced stored events with the same id and a different content; the later one wins: deployment:d1',
        ),
      );
      metrics = (await service.metrics(window, asUser)).groups[0].metrics;
      expect(metrics.failedDeployments).toBe(0);
      expect(metrics.deployments).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects bad events with their index, id and reason, and keeps the rest, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      const good = deployment('d1', 10);
      const { finishedAt, ...missing } = deployment('d2', 10) as any;
      const result = await service.ingest([
        { value: good },
        { value: missing },
        { value: { ...good, id: 'd3', type: 'release' } },
        { value: { ...good, id: 'd4', finishedAt: '2024-03-04 10:00' } },
        {
          value: {
            ...incident('i1', 10, null),
            resolvedAt: '2024-03-04T09:00:00Z',
          },
        },
        { value: undefined, line: 7, error: 'not valid JSON: oops' },
        { value: change('c1', 1) },
      ]);
      expect(result).toEqual({
        accepted: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        rejected: [
          { index: 1, id: 'd2', reason: 'finishedAt: is required' },
          {
            index: 2,
            id: 'd3',
            reason:
              'type: must be change, deployment or incident, not "release"',
          },
          {
            index: 3,
            id: 'd4',
            reason:
              'finishedAt: must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z',
          },
          {
            index: 4,
            id: 'i1',
            reason: 'resolvedAt: must not be before createdAt',
          },
          { index: 5, line: 7, reason: 'not valid JSON: oops' },
        ],
        warnings: [],
      });
      const [stored] = (await service.deployments({ limit: 10 }, asUser)).items;
      expect(stored.id).toBe('d1');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a deployment of unknown changes with a warning, and counts their lead time once they arrive, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      const window = { from: Date.parse(at(0)), to: Date.parse(at(48)) };
      const first = await service.ingest(
        asItems([
          deployment('d1', 10, { changes: ['c1', 'c2'] }),
          change('c1', 2),
          incident('i1', 11, 12, 'd9'),
        ]),
      );
      expect(first.warnings).toEqual([
        {
          index: 0,
          id: 'd1',
          message:
            'refers to changes not received yet: c2; their lead time counts once they arrive',
        },
        {
          index: 2,
          id: 'i1',
          message:
            'refers to a deployment not received yet: d9; it counts as a failed deployment once it arrives',
        },
      ]);
      let metrics = (await service.metrics(window, asUser)).groups[0].metrics;
      expect(metrics.changes).toBe(1);
      expect(metrics.leadTimeHoursMedian).toBe(8);

      await service.ingest(
        asItems([change('c2', 4), deployment('d9', 9, { status: 'success' })]),
      );
      metrics = (await service.metrics(window, asUser)).groups[0].metrics;
      expect(metrics.changes).toBe(2);
      expect(metrics.leadTimeHoursMedian).toBe(7);
      expect(metrics.failedDeployments).toBe(1);
      expect(metrics.changeFailureRate).toBe(0.5);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists recent deployments with their changes and incidents, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      await service.ingest(
        asItems([
          deployment('d1', 10, { changes: ['c2', 'c1'] }),
          deployment('d2', 20, { status: 'failure' }),
          deployment('d3', 30, { entity: SHOP }),
          deployment('d4', 40, { environment: 'staging' }),
          incident('i1', 11, null, 'd1'),
        ]),
      );
      const { items } = await service.deployments(
        {
          entityRef: CART,
          limit: 2,
        },
        asUser,
      );
      expect(items).toEqual([
        {
          id: 'd4',
          entityRef: CART,
          environment: 'staging',
          status: 'success',
          startedAt: at(39.75),
          finishedAt: at(40),
          rework: false,
          failed: false,
          changes: [],
          incidents: [],
        },
        expect.objectContaining({ id: 'd2', failed: true }),
      ]);
      const production = await service.deployments(
        {
          entityRef: CART,
          environment: 'production',
          from: Date.parse(at(0)),
          to: Date.parse(at(15)),
          limit: 10,
        },
        asUser,
      );
      expect(production.items).toEqual([
        expect.objectContaining({
          id: 'd1',
          failed: true,
          changes: ['c1', 'c2'],
          incidents: [{ id: 'i1', createdAt: at(11), resolvedAt: null }],
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads the facets of new entities once, keeps events when the catalog fails, and refreshes on demand, on %p',
    async databaseId => {
      const { service, resolveEntities, logger } = await setUp(databaseId);
      await service.ingest(
        asItems([deployment('d1', 10, { entity: ENTITIES[0] })]),
      );
      await service.ingest(
        asItems([deployment('d2', 11, { entity: ENTITIES[0] })]),
      );
      expect(resolveEntities).toHaveBeenCalledTimes(1);
      expect(resolveEntities).toHaveBeenCalledWith([ENTITIES[0]]);

      resolveEntities.mockRejectedValueOnce(new Error('catalog down'));
      const result = await service.ingest(
        asItems([deployment('d3', 12, { entity: ENTITIES[1] })]),
      );
      expect(result.created).toBe(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('catalog down'),
      );
      const byTeam = await service.metrics({ groupBy: 'team' }, asUser);
      expect(byTeam.groups.map(g => [g.key, g.metrics.deployments])).toEqual([
        ['group:default/t1', 2],
        [null, 1],
      ]);
      // Not read yet: read at the next ingest of the entity.
      await service.ingest(
        asItems([deployment('d4', 13, { entity: ENTITIES[1] })]),
      );
      const again = await service.metrics({ groupBy: 'team' }, asUser);
      expect(again.groups.map(g => [g.key, g.metrics.deployments])).toEqual([
        ['group:default/t1', 4],
        ['group:default/t2', 2],
      ]);

      resolveEntities.mockResolvedValueOnce(
        new Map([[ENTITIES[0], { teams: ['Group:default/T3'] }]]),
      );
      await service.refreshEntities([ENTITIES[0]]);
      const moved = await service.metrics({ groupBy: 'team' }, asUser);
      expect(moved.groups.map(g => g.key)).toEqual([
        'group:default/t1',
        'group:default/t2',
        'group:default/t3',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'computes the metrics and trends of the entities the caller may see, and hides the others, on %p',
    async databaseId => {
      const { service, store } = await setUp(databaseId);
      const events = randomEvents(4);
      await ingestInBatches(service, events, 50);
      const from = at(24 * 2);
      const to = at(24 * 30);
      const window = { from: Date.parse(from), to: Date.parse(to) };
      const seen = ENTITIES.filter(ref => ref !== ENTITIES[1]);

      const totals = jest.spyOn(store, 'totals');
      for (const groupBy of ['entity', 'team', 'none'] as const) {
        for (const filter of [
          {},
          { team: 'group:default/t1' },
          { entityRef: ENTITIES[0] },
        ]) {
          const options = { from, to, groupBy, filter };
          const guest = await service.metrics(
            { ...window, groupBy, filter },
            asGuest,
          );
          expect({ options, guest }).toEqual({
            options,
            guest: computeDoraMetrics(events, {
              ...options,
              facets: FACETS,
              entityRefs: seen,
            }),
          });
          // Those who see everything: every entity, the queries unchanged.
          for (const caller of [asUser, asService]) {
            const all = await service.metrics(
              { ...window, groupBy, filter },
              caller,
            );
            expect({ options, all }).toEqual({
              options,
              all: computeDoraMetrics(events, { ...options, facets: FACETS }),
            });
          }
        }
      }
      expect(totals.mock.calls.map(([q]) => q.entityRefs)).toEqual(
        Array.from({ length: 9 }).flatMap((_, i) => [
          // The guest sees three entities; one filtered on is seen whole.
          i % 3 === 2 ? undefined : seen,
          undefined,
          undefined,
        ]),
      );
      const byEntity = await service.metrics(
        { ...window, groupBy: 'entity' },
        asGuest,
      );
      expect(byEntity.groups.map(g => g.key)).toEqual(seen);

      // A hidden entity reads as one that is not there.
      for (const groupBy of ['none', 'entity'] as const) {
        const hidden = await service.metrics(
          { ...window, groupBy, filter: { entityRef: ENTITIES[1] } },
          asGuest,
        );
        const unknown = await service.metrics(
          { ...window, groupBy, filter: { entityRef: 'component:default/x' } },
          asGuest,
        );
        expect(hidden).toEqual(unknown);
        expect(hidden.groups.every(g => g.metrics.deployments === 0)).toBe(
          true,
        );
      }

      const trends = await service.trends(
        { ...window, bucket: 'week', groupBy: 'team' },
        asGuest,
      );
      expect(trends).toEqual(
        computeDoraTrends(events, {
          from,
          to,
          bucket: 'week',
          groupBy: 'team',
          facets: FACETS,
          entityRefs: seen,
        }),
      );
      const hiddenTrend = await service.trends(
        { ...window, bucket: 'month', filter: { entityRef: ENTITIES[1] } },
        asGuest,
      );
      expect(hiddenTrend).toEqual(
        await service.trends(
          {
            ...window,
            bucket: 'month',
            filter: { entityRef: 'component:default/x' },
          },
          asGuest,
        ),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the deployments of the entities the caller may see only, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      await service.ingest(
        asItems([
          deployment('a1', 10, { entity: ENTITIES[0] }),
          deployment('b1', 11, { entity: ENTITIES[1] }),
          deployment('b2', 12, { entity: ENTITIES[1], status: 'failure' }),
        ]),
      );
      const ids = async (
        query: { entityRef?: string },
        caller: typeof asUser,
      ) =>
        (await service.deployments({ ...query, limit: 10 }, caller)).items.map(
          d => d.id,
        );
      await expect(ids({}, asUser)).resolves.toEqual(['b2', 'b1', 'a1']);
      await expect(ids({}, asService)).resolves.toEqual(['b2', 'b1', 'a1']);
      await expect(ids({}, asGuest)).resolves.toEqual(['a1']);
      await expect(ids({ entityRef: ENTITIES[1] }, asGuest)).resolves.toEqual(
        [],
      );
      await expect(
        ids({ entityRef: 'component:default/x' }, asGuest),
      ).resolves.toEqual([]);
      await expect(ids({ entityRef: ENTITIES[1] }, asUser)).resolves.toEqual([
        'b2',
        'b1',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts the events of an entity the catalog does not know for service callers only, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId, {
        visibleEntities: catalogVisibility({
          catalog: catalogHiding({ hiddenFrom: {}, entities: [ENTITIES[0]] }),
          permissions: catalogDecidesPermissions(),
        }),
      });
      await service.ingest(
        asItems([
          deployment('a1', 10, { entity: ENTITIES[0] }),
          deployment('x1', 11, { entity: 'component:default/uncatalogued' }),
        ]),
      );
      // A user under a policy that decides per entity sees what the catalog
      // has; a service caller, whom the framework allows everything, all.
      const keys = async (caller: typeof asUser) =>
        (await service.metrics({ groupBy: 'entity' }, caller)).groups.map(g => [
          g.key,
          g.metrics.deployments,
        ]);
      expect(await keys(asUser)).toEqual([[ENTITIES[0], 1]]);
      expect(await keys(asService)).toEqual([
        [ENTITIES[0], 1],
        ['component:default/uncatalogued', 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts an entity whose first events are stored during a read from the next read, on %p',
    async databaseId => {
      let duringCheck: (() => Promise<unknown>) | undefined;
      const sees = catalogVisibility({
        catalog: catalogHiding({ hiddenFrom: {} }),
        permissions: catalogDecidesPermissions(),
      });
      const { service } = await setUp(databaseId, {
        visibleEntities: async (refs, credentials) => {
          const visible = await sees(refs, credentials);
          const run = duringCheck;
          duringCheck = undefined;
          await run?.();
          return visible;
        },
      });
      await service.ingest(
        asItems([deployment('a1', 10, { entity: ENTITIES[0] })]),
      );
      const keys = async () =>
        (await service.metrics({ groupBy: 'entity' }, asUser)).groups.map(
          g => g.key,
        );
      // b's first event is stored once the catalog was asked about a only.
      duringCheck = () =>
        service.ingest(
          asItems([deployment('b1', 12, { entity: ENTITIES[1] })]),
        );
      await expect(keys()).resolves.toEqual([ENTITIES[0]]);
      await expect(keys()).resolves.toEqual([ENTITIES[0], ENTITIES[1]]);
    },
  );
});

/** The same history under other ids, so that two seeds add up. */
function rename(event: DoraEvent): DoraEvent {
  const id = `x-${event.id}`;
  if (event.type === 'deployment') {
    return { ...event, id, changes: event.changes.map(c => `x-${c}`) };
  }
  if (event.type === 'incident') {
    return {
      ...event,
      id,
      causedBy: event.causedBy === null ? null : `x-${event.causedBy}`,
    };
  }
  return { ...event, id };
}
