/*
 * The derived-property engine at catalog scale.
 *
 *   npm run bench [-- N]      (N entities in all, 100,000 by default)
 *
 * A data model shaped like Plinth's demo: Domains ← Systems ← Components ←
 * Deployments → Clusters, with a two-hop mirror (a Component's domain title),
 * a mirror on every Deployment, a query-filtered count and a per-week average
 * over each Component's deployments, a sum over each Cluster's deployments,
 * and inherited ownership. Calculation properties run through the jq engine
 * when `--calc` is given and one is available (see the README).
 *
 * Prints, side by side:
 *   - engine:      computeDerived over every entity, in memory;
 *   - end to end:  the same through the engine's tables (SQLite, and
 *                  PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES*_
 *                  CONNECTION_STRING is set): ingest, then compute the queue;
 *   - incremental: one Deployment changes status; time until its Component's
 *                  failed-deployment count is served, on the same tables.
 *
 * BENCH_QUERIES=1 also prints where the database time went, by statement.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  Blueprint,
  computeDerived,
  EntityView,
  MemoryEntityGraph,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import knexFactory, { Knex } from 'knex';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { DerivedEngine } from '../src/derived/DerivedEngine';
import { DerivedStore, IndexedEntity } from '../src/derived/DerivedStore';

const N = Number(process.argv.find(a => /^\d+$/.test(a)) ?? 100_000);

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
    schema: { properties: { type: { type: 'string' } } },
    relations: { system: { target: 'System' } },
    mirrorProperties: { domain: { path: 'system.domain.$title' } },
    aggregationProperties: {
      failedDeployments: {
        target: 'Deployment',
        query: {
          combinator: 'and',
          rules: [{ property: 'status', operator: '=', value: 'failed' }],
        },
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
      deploymentsPerWeek: {
        target: 'Deployment',
        calculationSpec: {
          calculationBy: 'entities',
          func: 'average',
          averageOf: 'week',
          measureTimeBy: 'startedAt',
        },
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
    },
  },
  {
    identifier: 'Deployment',
    schema: {
      properties: {
        status: { type: 'string' },
        cpu: { type: 'number' },
        startedAt: { type: 'string', format: 'date-time' },
      },
    },
    relations: {
      service: { target: 'Component' },
      cluster: { target: 'Cluster' },
    },
    mirrorProperties: { serviceType: { path: 'service.type' } },
  },
];
const blueprints = new Map(model.map(b => [b.identifier, b]));
const registered: RegisteredBlueprint[] = model.map(blueprint => ({
  blueprint,
  origin: 'file',
  source: 'bench',
  version: 1,
  updatedAt: new Date().toISOString(),
}));

/** N entities: 0.2% domains, 2% systems, 10% components, 1% clusters, the rest deployments. */
function world(n: number): IndexedEntity[] {
  const domains = Math.max(1, Math.round(n * 0.002));
  const systems = Math.max(1, Math.round(n * 0.02));
  const components = Math.max(1, Math.round(n * 0.1));
  const clusters = Math.max(1, Math.round(n * 0.01));
  const deployments = n - domains - systems - components - clusters;
  const out: IndexedEntity[] = [];
  const add = (blueprint: string, identifier: string, rest: object) =>
    out.push({
      entityRef: `${blueprint}:default/${identifier}`.toLocaleLowerCase(
        'en-US',
      ),
      entity: { identifier, blueprint, ...rest },
    });
  for (let i = 0; i < domains; i++) {
    add('Domain', `domain-${i}`, { title: `Domain ${i}`, team: `team-${i}` });
  }
  for (let i = 0; i < systems; i++) {
    add('System', `system-${i}`, {
      relations: { domain: `domain-${i % domains}` },
    });
  }
  for (let i = 0; i < components; i++) {
    add('Component', `component-${i}`, {
      properties: { type: i % 3 ? 'service' : 'library' },
      relations: { system: `system-${i % systems}` },
    });
  }
  for (let i = 0; i < clusters; i++) add('Cluster', `cluster-${i}`, {});
  const now = Date.now();
  for (let i = 0; i < deployments; i++) {
    add('Deployment', `deployment-${i}`, {
      properties: {
        status: i % 7 === 0 ? 'failed' : 'succeeded',
        cpu: (i % 8) + 1,
        startedAt: new Date(now - (i % 90) * 86_400_000).toISOString(),
      },
      relations: {
        service: `component-${i % components}`,
        cluster: `cluster-${i % clusters}`,
      },
    });
  }
  return out;
}

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function engineAlone(entities: IndexedEntity[]) {
  const views: EntityView[] = entities.map(e => e.entity);
  const graph = new MemoryEntityGraph(views);
  const started = Date.now();
  let computed = 0;
  for (const blueprint of model) {
    const of = views.filter(v => v.blueprint === blueprint.identifier);
    for (let i = 0; i < of.length; i += 2000) {
      const results = await computeDerived(blueprint, of.slice(i, i + 2000), {
        graph,
        blueprints,
      });
      computed += results.size;
    }
  }
  return { ms: Date.now() - started, computed };
}

async function throughTables(knex: Knex, entities: IndexedEntity[]) {
  await knex.migrate.latest({ directory: join(__dirname, '../migrations') });
  const store = new DerivedStore(knex);
  const engine = new DerivedEngine({
    store,
    blueprints: { list: () => ({ items: registered }) },
    logger: mockServices.rootLogger({ level: 'warn' }),
  });
  const queries = new Map<string, { n: number; ms: number }>();
  const startedAt = new Map<string, number>();
  if (process.env.BENCH_QUERIES) {
    knex.on('query', q => startedAt.set(q.__knexQueryUid, Date.now()));
    knex.on('query-response', (_r, q) => {
      const key = q.sql.slice(0, 60);
      const e = queries.get(key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += Date.now() - (startedAt.get(q.__knexQueryUid) ?? Date.now());
      queries.set(key, e);
    });
  }
  const started = Date.now();
  for (let i = 0; i < entities.length; i += 5000) {
    await engine.ingest({ entities: entities.slice(i, i + 5000), removed: [] });
  }
  const ingested = Date.now();
  const computed = await engine.run(3_600_000);
  const done = Date.now();
  if (process.env.BENCH_QUERIES) {
    console.log(
      [...queries]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 12)
        .map(([k, v]) => `${v.ms} ms ${v.n}× ${k}`)
        .join('\n'),
    );
  }

  // Incremental: one deployment fails; its component's count goes up.
  const target = entities.find(
    e =>
      e.entity.blueprint === 'Deployment' &&
      e.entity.properties?.status === 'succeeded',
  )!;
  const componentRef = `component:default/${target.entity.relations!.service}`;
  const before = (await engine.getDerived([componentRef])).get(componentRef)!
    .values.failedDeployments.value as number;
  const changeStarted = Date.now();
  await engine.ingest({
    entities: [
      {
        ...target,
        entity: {
          ...target.entity,
          properties: { ...target.entity.properties, status: 'failed' },
        },
      },
    ],
    removed: [],
  });
  const recomputed = await engine.run();
  const after = (await engine.getDerived([componentRef])).get(componentRef)!
    .values.failedDeployments.value as number;
  const changeMs = Date.now() - changeStarted;
  if (after !== before + 1) {
    throw new Error(`incremental result wrong: ${before} → ${after}`);
  }
  return {
    ingestMs: ingested - started,
    computeMs: done - ingested,
    computed,
    changeMs,
    recomputed,
  };
}

async function main() {
  const entities = world(N);
  console.log(
    `Derived properties, ${entities.length} entities; ${cpus().length} cores (${
      cpus()[0]?.model
    }), Node ${process.version}`,
  );

  const alone = await engineAlone(entities);
  console.log(
    `engine alone (in memory):      ${seconds(alone.ms)} for ${
      alone.computed
    } entities, ${Math.round(alone.computed / (alone.ms / 1000))} entities/s`,
  );

  const databases: Array<[string, Knex]> = [
    [
      'SQLite (in memory)',
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
      }),
    ],
  ];
  const pg = Object.entries(process.env).find(([k]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  )?.[1];
  if (pg) {
    const admin = knexFactory({ client: 'pg', connection: pg });
    const name = `plinth_bench_${Date.now()}`;
    await admin.raw(`CREATE DATABASE ${name}`);
    await admin.destroy();
    databases.push([
      'PostgreSQL',
      knexFactory({
        client: 'pg',
        connection: `${pg.replace(/\/$/, '')}/${name}`,
      }),
    ]);
  }
  for (const [label, knex] of databases) {
    const r = await throughTables(knex, entities);
    console.log(
      `${label}: ingest ${seconds(r.ingestMs)}, compute ${seconds(
        r.computeMs,
      )} (${r.computed} computations, ${Math.round(
        r.computed / (r.computeMs / 1000),
      )}/s); one change → served in ${r.changeMs} ms (${
        r.recomputed
      } entities computed again)`,
    );
    await knex.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
