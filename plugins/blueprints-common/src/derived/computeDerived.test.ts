import { Blueprint } from '../blueprint/types';
import { computeDerived } from './computeDerived';
import { impactWalks, timeDependentBlueprints } from './impact';
import { MemoryEntityGraph } from './MemoryEntityGraph';
import { EntityView } from './view';
import { walkMany } from './walk';

const model: Blueprint[] = [
  { identifier: 'Domain', title: 'Domain', schema: { properties: {} } },
  {
    identifier: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain' } },
    ownership: { type: 'Inherited', path: 'domain' },
  },
  {
    identifier: 'Component',
    schema: { properties: { tier: { type: 'number' } } },
    relations: {
      system: { target: 'System' },
      components: { target: 'Component', many: true },
    },
    mirrorProperties: {
      domain: { path: 'system.domain.$title' },
      libraryTiers: { path: 'components.tier' },
    },
    aggregationProperties: {
      deploymentsPerWeek: {
        target: 'Deployment',
        calculationSpec: {
          calculationBy: 'entities',
          func: 'average',
          averageOf: 'week',
          measureTimeBy: '$createdAt',
        },
      },
      failedDeployments: {
        target: 'Deployment',
        query: {
          combinator: 'and',
          rules: [{ property: 'status', operator: '=', value: 'failed' }],
        },
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
    },
  },
  {
    identifier: 'Cluster',
    schema: { properties: {} },
    aggregationProperties: {
      cpu: {
        target: 'Deployment',
        calculationSpec: {
          calculationBy: 'property',
          func: 'sum',
          property: 'cpu',
        },
      },
      medianCpu: {
        target: 'Deployment',
        pathFilter: [{ path: ['cluster'], fromBlueprint: 'Deployment' }],
        calculationSpec: {
          calculationBy: 'property',
          func: 'median',
          property: 'cpu',
        },
      },
    },
  },
  {
    identifier: 'Deployment',
    schema: {
      properties: { status: { type: 'string' }, cpu: { type: 'number' } },
    },
    relations: {
      service: { target: 'Component' },
      cluster: { target: 'Cluster' },
    },
  },
];
const blueprints = new Map(model.map(b => [b.identifier, b]));
const now = Date.parse('2026-11-27T12:00:00Z');
const daysAgo = (days: number) =>
  new Date(now - days * 86_400_000).toISOString();

const entities: EntityView[] = [
  {
    blueprint: 'Domain',
    identifier: 'orders',
    title: 'Orders',
    team: 'orders-team',
  },
  { blueprint: 'System', identifier: 'cart', relations: { domain: 'orders' } },
  {
    blueprint: 'Component',
    identifier: 'cart-service',
    relations: { system: 'cart', components: ['kafka', 'payment', 'gone'] },
  },
  { blueprint: 'Component', identifier: 'kafka', properties: { tier: 2 } },
  { blueprint: 'Component', identifier: 'payment', properties: { tier: 1 } },
  { blueprint: 'Cluster', identifier: 'eu-1' },
  ...[
    { id: 'd1', status: 'succeeded', cpu: 2, createdAt: daysAgo(20) },
    { id: 'd2', status: 'failed', cpu: 4, createdAt: daysAgo(10) },
    { id: 'd3', status: 'succeeded', cpu: 9, createdAt: daysAgo(1) },
  ].map(d => ({
    blueprint: 'Deployment',
    identifier: d.id,
    createdAt: d.createdAt,
    properties: { status: d.status, cpu: d.cpu },
    relations: { service: 'cart-service', cluster: 'eu-1' },
  })),
];
const graph = new MemoryEntityGraph(entities);
const byId = (blueprint: string, id: string) =>
  entities.find(e => e.blueprint === blueprint && e.identifier === id)!;

describe('computeDerived', () => {
  it('mirrors through relations, as arrays through many-relations', async () => {
    const results = await computeDerived(
      blueprints.get('Component')!,
      [byId('Component', 'cart-service'), byId('Component', 'kafka')],
      { graph, blueprints, now },
    );
    const cart = results.get('Component:cart-service')!.values;
    expect(cart.domain).toMatchObject({ kind: 'mirror', value: 'Orders' });
    // The missing library is skipped; the others' tiers come in order found.
    expect(cart.libraryTiers.value).toEqual([2, 1]);
    const kafka = results.get('Component:kafka')!.values;
    expect(kafka.domain.value).toBeNull();
    expect(kafka.libraryTiers.value).toEqual([]);
  });

  it('aggregates related entities: counts with a query, averages per week', async () => {
    const results = await computeDerived(
      blueprints.get('Component')!,
      [byId('Component', 'cart-service')],
      { graph, blueprints, now },
    );
    const values = results.get('Component:cart-service')!.values;
    expect(values.failedDeployments).toMatchObject({
      kind: 'aggregation',
      value: 1,
    });
    // Three deployments over the 3 weeks since the first one.
    expect(values.deploymentsPerWeek.value).toBe(1);
  });

  it('aggregates a property by sum and median, with and without a path filter', async () => {
    const results = await computeDerived(
      blueprints.get('Cluster')!,
      [byId('Cluster', 'eu-1')],
      { graph, blueprints, now },
    );
    const values = results.get('Cluster:eu-1')!.values;
    expect(values.cpu.value).toBe(15);
    expect(values.medianCpu.value).toBe(4);
  });

  it('inherits ownership through the relation path', async () => {
    const results = await computeDerived(
      blueprints.get('System')!,
      [byId('System', 'cart')],
      { graph, blueprints, now },
    );
    expect(results.get('System:cart')!.ownership).toEqual({
      type: 'Inherited',
      path: 'domain',
      teams: ['orders-team'],
    });
  });

  it('gives calculations the mirror values, not the aggregations, and keeps their colours', async () => {
    const seen: unknown[] = [];
    const results = await computeDerived(
      {
        ...blueprints.get('Component')!,
        calculationProperties: {
          label: { type: 'string', calculation: '.properties.domain' },
        },
      },
      [byId('Component', 'cart-service')],
      {
        graph,
        blueprints,
        now,
        calculate: async (_blueprint, views) => {
          seen.push(...views.map(v => v.derived));
          return new Map([
            [
              'Component:cart-service',
              { label: { value: 'Orders!', colorized: true, color: 'blue' } },
            ],
          ]);
        },
      },
    );
    expect(seen[0]).toEqual({ domain: 'Orders', libraryTiers: [2, 1] });
    expect(results.get('Component:cart-service')!.values.label).toMatchObject({
      kind: 'calculation',
      value: 'Orders!',
      colorized: true,
      color: 'blue',
    });
  });
});

describe('computeDerived on bad data models', () => {
  it('gives each entity an error for a mirror path that a blueprint change broke', async () => {
    // The registry refuses such a set; an engine holding values computed
    // with the old blueprint still gets an error, not a crash.
    const broken = new Map(blueprints);
    broken.set('System', { identifier: 'System', schema: { properties: {} } });
    const results = await computeDerived(
      blueprints.get('Component')!,
      [byId('Component', 'cart-service')],
      { graph, blueprints: broken, now },
    );
    expect(results.get('Component:cart-service')!.values.domain).toMatchObject({
      value: null,
      error:
        'mirror path "system.domain.$title": blueprint System has no relation "domain"',
    });
  });

  it('aggregates over a blueprint with no entities: a count of 0, a sum of 0, no median', async () => {
    const empty = new MemoryEntityGraph(
      entities.filter(e => e.blueprint !== 'Deployment'),
    );
    const results = await computeDerived(
      blueprints.get('Cluster')!,
      [byId('Cluster', 'eu-1')],
      { graph: empty, blueprints, now },
    );
    const values = results.get('Cluster:eu-1')!.values;
    expect(values.cpu.value).toBe(0);
    expect(values.medianCpu.value).toBeNull();
    expect(values.medianCpu.error).toBeUndefined();
  });
});

describe('impactWalks', () => {
  it('finds, from a changed entity, every entity whose derived values read it', async () => {
    const walks = impactWalks(blueprints);
    const affected = async (blueprint: string, id: string) => {
      const found = new Set<string>();
      for (const { walk } of walks.get(blueprint) ?? []) {
        const reached = await walkMany(graph, [byId(blueprint, id)], walk);
        for (const list of reached.values()) {
          list.forEach(e => found.add(`${e.blueprint}:${e.identifier}`));
        }
      }
      return [...found].sort();
    };
    // The domain's title is mirrored two hops away; its team is inherited.
    await expect(affected('Domain', 'orders')).resolves.toEqual([
      'Component:cart-service',
      'System:cart',
    ]);
    // A deployment feeds its service's and its cluster's aggregations.
    await expect(affected('Deployment', 'd2')).resolves.toEqual([
      'Cluster:eu-1',
      'Component:cart-service',
    ]);
    // A library's tier is mirrored by the components that use it.
    await expect(affected('Component', 'kafka')).resolves.toEqual([
      'Component:cart-service',
    ]);
  });
});

describe('timeDependentBlueprints', () => {
  it('finds the blueprints whose values change with time alone', () => {
    const timed = new Map(blueprints);
    timed.set('Incident', {
      identifier: 'Incident',
      schema: { properties: {} },
      calculationProperties: {
        age: {
          type: 'number',
          calculation: 'now - (.createdAt | fromdateiso8601)',
        },
        known: { type: 'boolean', calculation: '.properties.known' },
      },
    });
    timed.set('Team', {
      identifier: 'Team',
      schema: { properties: {} },
      aggregationProperties: {
        recent: {
          target: 'Deployment',
          query: {
            combinator: 'and',
            rules: [
              {
                property: '$createdAt',
                operator: 'between',
                value: { preset: 'lastWeek' },
              },
            ],
          },
          calculationSpec: { calculationBy: 'entities', func: 'count' },
        },
      },
    });
    // Component averages per week; Cluster sums, which time does not change.
    expect(timeDependentBlueprints(timed).sort()).toEqual([
      'Component',
      'Incident',
      'Team',
    ]);
  });
});
