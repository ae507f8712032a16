/*
 * The derived-property engine at catalog scale.
 *
 *   npm run bench [-- N]      (N components, 100,000 by default)
 *
 * The issue's shape: 100 domains, 1,000 systems and N components (each in a
 * system, in a domain), with
 *   - on Component: a two-hop mirror (its domain's title), a mirror of a
 *     mirror (its system's domain title, itself a mirror), a jq calculation;
 *   - on System: a mirror of its domain's title, a count of its components,
 *     a count of its services (a query), a sum of its components' sizes;
 *   - on Domain: a count of its systems, a count of its components (a path
 *     filter through System), inherited ownership on System.
 *
 * Prints, side by side:
 *   - engine alone: computeDerived over every entity, in memory;
 *   - through the tables (SQLite, and PostgreSQL when
 *     BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set): ingest,
 *     then compute the whole queue (target: under 60 s);
 *   - one change, until every value depending on it is served (target:
 *     under 5 s): a component moving to another system (two systems' and
 *     maybe two domains' counts), and a domain renamed (the mirrors of its
 *     ~1,000 components).
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
import { createJqEngine, JqEngine } from '@plinth/plugin-blueprints-node';
import knexFactory, { Knex } from 'knex';
import { cpus } from 'node:os';
import { calculationRunner } from '@plinth/plugin-blueprints-common';
import { DerivedEngine } from '../src/derived/DerivedEngine';
import { DatabaseDerivedStore } from '../src/derived/DatabaseDerivedStore';
import type { IndexedEntity } from '../src/derived/DerivedStore';

const N = Number(process.argv.find(a => /^\d+$/.test(a)) ?? 100_000);
const DOMAINS = 100;
const SYSTEMS = 1_000;

const model: Blueprint[] = [
  { identifier: 'Domain', title: 'Domain', schema: { properties: {} } },
  {
    identifier: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain' } },
    ownership: { type: 'Inherited', path: 'domain' },
    mirrorProperties: { domainTitle: { path: 'domain.$title' } },
    aggregationProperties: {
      components: {
        target: 'Component',
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
      services: {
        target: 'Component',
        query: {
          combinator: 'and',
          rules: [{ property: 'type', operator: '=', value: 'service' }],
        },
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
      size: {
        target: 'Component',
        calculationSpec: {
          calculationBy: 'property',
          func: 'sum',
          property: 'size',
        },
      },
    },
  },
  {
    identifier: 'Component',
    schema: {
      properties: { type: { type: 'string' }, size: { type: 'number' } },
    },
    relations: { system: { target: 'System' } },
    mirrorProperties: {
      domain: { path: 'system.domain.$title' },
      systemDomain: { path: 'system.domainTitle' },
    },
    calculationProperties: {
      label: {
        type: 'string',
        calculation:
          '"\\(.identifier) (\\(.properties.type)) in \\(.properties.domain)"',
      },
    },
  },
];
model[0].aggregationProperties = {
  systems: {
    target: 'System',
    calculationSpec: { calculationBy: 'entities', func: 'count' },
  },
  components: {
    target: 'Component',
    pathFilter: [{ path: ['system', 'domain'], fromBlueprint: 'Component' }],
    calculationSpec: { calculationBy: 'entities', func: 'count' },
  },
};
const blueprints = new Map(model.map(b => [b.identifier, b]));
const registered: RegisteredBlueprint[] = model.map(blueprint => ({
  blueprint,
  origin: 'file',
  source: 'bench',
  version: 1,
  updatedAt: new Date().toISOString(),
}));

function world(components: number): IndexedEntity[] {
  const out: IndexedEntity[] = [];
  const add = (blueprint: string, identifier: string, rest: object) =>
    out.push({
      entityRef: `${blueprint}:default/${identifier}`.toLocaleLowerCase(
        'en-US',
      ),
      entity: { identifier, blueprint, ...rest },
    });
  for (let i = 0; i < DOMAINS; i++) {
    add('Domain', `domain-${i}`, { title: `Domain ${i}`, team: `team-${i}` });
  }
  for (let i = 0; i < SYSTEMS; i++) {
    add('System', `system-${i}`, {
      relations: { domain: `domain-${i % DOMAINS}` },
    });
  }
  for (let i = 0; i < components; i++) {
    add('Component', `component-${i}`, {
      properties: { type: i % 3 ? 'service' : 'library', size: (i % 10) + 1 },
      relations: { system: `system-${i % SYSTEMS}` },
    });
  }
  return out;
}

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function engineAlone(entities: IndexedEntity[], jq: JqEngine) {
  const views: EntityView[] = entities.map(e => e.entity);
  const graph = new MemoryEntityGraph(views);
  const calculate = calculationRunner(jq);
  const started = Date.now();
  let computed = 0;
  for (const blueprint of model) {
    const of = views.filter(v => v.blueprint === blueprint.identifier);
    for (let i = 0; i < of.length; i += 2000) {
      const results = await computeDerived(blueprint, of.slice(i, i + 2000), {
        graph,
        blueprints,
        calculate,
      });
      computed += results.size;
    }
  }
  return { ms: Date.now() - started, computed };
}

/** Times one change until `check` sees its effect served. */
async function timeChange(
  engine: DerivedEngine,
  change: IndexedEntity,
  check: () => Promise<boolean>,
) {
  const started = Date.now();
  await engine.ingest({ entities: [change], removed: [] });
  let recomputed = 0;
  // The scheduled task would run this at once after the delivery.
  while (!(await check())) {
    const computed = await engine.run();
    recomputed += computed;
    if (computed === 0 && !(await check())) {
      throw new Error('the change never showed');
    }
  }
  return { ms: Date.now() - started, recomputed };
}

async function throughTables(
  knex: Knex,
  entities: IndexedEntity[],
  jq: JqEngine,
) {
  const store = await DatabaseDerivedStore.create({
    database: mockServices.database({ knex }),
  });
  const engine = new DerivedEngine({
    store,
    blueprints: { list: () => ({ items: registered }) },
    logger: mockServices.rootLogger({ level: 'warn' }),
    calculate: calculationRunner(jq),
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
  const value = async (ref: string, key: string) =>
    (await engine.getDerived([ref])).get(ref)?.values[key]?.value;

  // A component moves from system-0 to system-1.
  const moving = entities.find(e => e.entity.identifier === 'component-0')!;
  const before = (await value(
    'system:default/system-1',
    'components',
  )) as number;
  const move = await timeChange(
    engine,
    {
      ...moving,
      entity: { ...moving.entity, relations: { system: 'system-1' } },
    },
    async () =>
      (await value('system:default/system-1', 'components')) === before + 1 &&
      (await value('component:default/component-0', 'domain')) === 'Domain 1',
  );

  // A domain is renamed: its systems' and components' mirrors follow.
  const domain = entities.find(e => e.entity.identifier === 'domain-5')!;
  const lastOfDomain = `component:default/component-${
    Math.floor((N - 1 - 5) / DOMAINS) * DOMAINS + 5
  }`;
  const rename = await timeChange(
    engine,
    { ...domain, entity: { ...domain.entity, title: 'Renamed' } },
    async () =>
      (await value(lastOfDomain, 'domain')) === 'Renamed' &&
      (await value(lastOfDomain, 'systemDomain')) === 'Renamed',
  );
  return {
    ingestMs: ingested - started,
    computeMs: done - ingested,
    computed,
    move,
    rename,
  };
}

async function main() {
  const entities = world(N);
  const jq = createJqEngine({ timeoutMs: 30_000, batchTimeoutMs: 120_000 });
  console.log(
    `Derived properties: ${DOMAINS} domains, ${SYSTEMS} systems, ${N} components; ${
      cpus().length
    } cores (${cpus()[0]?.model}), Node ${process.version}, jq: ${jq.name}`,
  );

  const alone = await engineAlone(entities, jq);
  console.log(
    `engine alone (in memory):  ${seconds(alone.ms)} for ${
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
    const r = await throughTables(knex, entities, jq);
    console.log(
      `${label}: ingest ${seconds(r.ingestMs)}, compute all ${seconds(
        r.computeMs,
      )} (${r.computed} computations, ${Math.round(
        r.computed / (r.computeMs / 1000),
      )}/s); a component moved → fresh in ${r.move.ms} ms (${
        r.move.recomputed
      } computed); a domain renamed → fresh in ${r.rename.ms} ms (${
        r.rename.recomputed
      } computed)`,
    );
    await knex.destroy();
  }
  await jq.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
