/*
 * Scorecards at catalog scale.
 *
 *   npm run bench [-- N]      (N services, 100,000 by default)
 *
 * N services in 1,000 systems of 100 domains, owned by 200 teams, each with
 * plain properties and derived values; a scorecard of 20 rules over four
 * levels (query conditions of most operators, and numeric thresholds).
 *
 * Prints, side by side:
 *   - the engine alone: every service evaluated in memory (target < 5 s);
 *   - end to end with storage, on SQLite (a temporary file) and PostgreSQL
 *     (when BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set): a
 *     first full evaluation (every result written), a second (nothing
 *     changed, nothing written), and one service changing — from its event
 *     to its new level served (target < 1 s).
 *
 * The API under load, through a real backend with the real catalog and
 * permission framework, is `npm run bench:api` (bench/api.bench.ts).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Blueprint,
  EntityViewItem,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import type { BlueprintsService } from '@plinth/plugin-blueprints-node';
import {
  checkScorecard,
  compileScorecard,
  Scorecard,
} from '@plinth/plugin-scorecards-common';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseScorecardStore } from '../src/database/DatabaseScorecardStore';
import { ScorecardRegistry } from '../src/definitions/ScorecardRegistry';
import { EntityViewSource } from '../src/evaluation/EntityViewSource';
import { FacetResolver } from '../src/evaluation/FacetResolver';
import { ScorecardEvaluator } from '../src/evaluation/ScorecardEvaluator';
import { ScorecardQueries } from '../src/service/ScorecardQueries';

const N = Number(process.argv.find(a => /^\d+$/.test(a)) ?? 100_000);
const SYSTEMS = 1_000;
const DOMAINS = 100;
const TEAMS = 200;
const NOW = Date.parse('2026-11-27T12:00:00Z');

const blueprints: Blueprint[] = [
  { identifier: 'Domain', schema: { properties: {} } },
  {
    identifier: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain' } },
  },
  {
    identifier: 'Service',
    schema: {
      properties: {
        language: { type: 'string', enum: ['go', 'java', 'typescript'] },
        tier: { type: 'number' },
        coverage: { type: 'number' },
        readme: { type: 'string' },
        runbook: { type: 'string', format: 'url' },
        tags: { type: 'array' },
        lastReviewAt: { type: 'string', format: 'date-time' },
        oncall: { type: 'string' },
      },
    },
    relations: {
      system: { target: 'System' },
      dependsOn: { target: 'Service', many: true },
    },
    mirrorProperties: { domainTitle: { path: 'system.domain.$title' } },
    aggregationProperties: {
      openIncidents: {
        target: 'Incident',
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
      deploymentsPerWeek: {
        target: 'Deployment',
        calculationSpec: {
          calculationBy: 'entities',
          func: 'average',
          averageOf: 'week',
          measureTimeBy: '$createdAt',
        },
      },
    },
  },
];

const q = (conditions: unknown[], combinator = 'and') =>
  ({ combinator, conditions } as Scorecard['rules'][number]['query']);

/** Twenty rules over four levels: most operators, and thresholds. */
const scorecard: Scorecard = {
  identifier: 'readiness',
  title: 'Production readiness',
  blueprint: 'Service',
  rules: [
    ['owned', 'Bronze', q([{ property: '$team', operator: 'isNotEmpty' }])],
    ['inSystem', 'Bronze', q([{ relation: 'system', operator: 'isNotEmpty' }])],
    ['readme', 'Bronze', q([{ property: 'readme', operator: 'isNotEmpty' }])],
    [
      'language',
      'Bronze',
      q([
        {
          property: 'language',
          operator: 'in',
          value: ['go', 'java', 'typescript'],
        },
      ]),
    ],
    [
      'titled',
      'Bronze',
      q([{ property: '$title', operator: 'beginsWith', value: 'Service' }]),
    ],
    ['tier', 'Silver', q([{ property: 'tier', operator: '<=', value: 2 }])],
    [
      'runbook',
      'Silver',
      q([{ property: 'runbook', operator: 'beginsWith', value: 'https://' }]),
    ],
    [
      'oncall',
      'Silver',
      q([{ property: 'oncall', operator: 'endsWith', value: '@example.com' }]),
    ],
    [
      'tagged',
      'Silver',
      q([
        {
          property: 'tags',
          operator: 'containsAny',
          value: ['pci', 'tier-1', 'public'],
        },
      ]),
    ],
    [
      'domain',
      'Silver',
      q([{ property: 'domainTitle', operator: 'isNotEmpty' }]),
    ],
    [
      'notLegacy',
      'Silver',
      q([{ property: 'tags', operator: 'doesNotContains', value: 'legacy' }]),
    ],
    [
      'reviewed',
      'Gold',
      q([
        {
          property: 'lastReviewAt',
          operator: 'between',
          value: { preset: 'last3Months' },
        },
      ]),
    ],
    [
      'fewDeps',
      'Gold',
      q(
        [
          { relation: 'dependsOn', operator: 'isEmpty' },
          { property: 'tier', operator: '=', value: 1 },
        ],
        'or',
      ),
    ],
    [
      'covered',
      'Gold',
      undefined,
      { property: 'coverage', operator: '>=', value: 60 },
    ],
    [
      'calm',
      'Gold',
      undefined,
      { property: 'openIncidents', operator: '<=', value: 1 },
    ],
    [
      'deploys',
      'Gold',
      undefined,
      { property: 'deploymentsPerWeek', operator: '>=', value: 1 },
    ],
    [
      'welltested',
      'Platinum',
      undefined,
      { property: 'coverage', operator: '>=', value: 85 },
    ],
    [
      'noIncidents',
      'Platinum',
      q([{ property: 'openIncidents', operator: '=', value: 0 }]),
    ],
    [
      'daily',
      'Platinum',
      undefined,
      { property: 'deploymentsPerWeek', operator: '>=', value: 5 },
    ],
    [
      'notJava',
      'Platinum',
      q([{ property: 'language', operator: '!=', value: 'java' }]),
    ],
  ].map(([identifier, level, query, threshold]) => ({
    identifier: identifier as string,
    title: identifier as string,
    level: level as string,
    ...(query ? { query } : {}),
    ...(threshold ? { threshold } : {}),
  })) as Scorecard['rules'],
  levels: [
    { title: 'Basic', color: 'paleBlue' },
    { title: 'Bronze', color: 'bronze' },
    { title: 'Silver', color: 'silver' },
    { title: 'Gold', color: 'gold' },
    { title: 'Platinum', color: 'blue' },
  ],
};

/** A deterministic pseudo-random sequence, so runs compare. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function services(): EntityViewItem[] {
  const r = random(7);
  const items: EntityViewItem[] = [];
  for (let i = 0; i < N; i++) {
    const system = `system-${i % SYSTEMS}`;
    items.push({
      entityRef: `service:default/svc-${String(i).padStart(6, '0')}`,
      teams: r() < 0.95 ? [`team-${i % TEAMS}`] : [],
      entity: {
        identifier: `svc-${String(i).padStart(6, '0')}`,
        blueprint: 'Service',
        title: `Service ${i}`,
        team: r() < 0.95 ? `team-${i % TEAMS}` : null,
        properties: {
          language: ['go', 'java', 'typescript'][i % 3],
          tier: 1 + Math.floor(r() * 3),
          coverage: Math.round(r() * 100),
          readme: r() < 0.9 ? '# Readme' : '',
          runbook: r() < 0.8 ? `https://runbooks.example.com/${i}` : null,
          tags: r() < 0.5 ? ['tier-1'] : ['legacy'],
          lastReviewAt: new Date(NOW - r() * 200 * 86_400_000).toISOString(),
          oncall: r() < 0.7 ? `oncall-${i}@example.com` : 'nobody',
        },
        relations: {
          system,
          dependsOn: r() < 0.3 ? [`svc-${(i + 1) % N}`] : [],
        },
        derived: {
          domainTitle: `Domain ${i % DOMAINS}`,
          openIncidents: Math.floor(r() * 3),
          deploymentsPerWeek: Math.round(r() * 80) / 10,
        },
      },
    });
  }
  return items;
}

function others(): EntityViewItem[] {
  const items: EntityViewItem[] = [];
  for (let d = 0; d < DOMAINS; d++) {
    items.push({
      entityRef: `domain:default/domain-${d}`,
      teams: [],
      entity: { identifier: `domain-${d}`, blueprint: 'Domain' },
    });
  }
  for (let s = 0; s < SYSTEMS; s++) {
    items.push({
      entityRef: `system:default/system-${s}`,
      teams: [],
      entity: {
        identifier: `system-${s}`,
        blueprint: 'System',
        relations: { domain: `domain-${s % DOMAINS}` },
      },
    });
  }
  return items;
}

/** The blueprints backend as the scorecards backend reads it, from memory. */
class MemoryBlueprints implements BlueprintsService, EntityViewSource {
  readonly byRef = new Map<string, EntityViewItem>();
  constructor(items: EntityViewItem[]) {
    for (const item of items) this.byRef.set(item.entityRef, item);
  }
  async getBlueprints() {
    const items: RegisteredBlueprint[] = blueprints.map(blueprint => ({
      blueprint,
      origin: 'file',
      source: 'bench',
      version: 1,
      updatedAt: new Date(NOW).toISOString(),
    }));
    return { items, problems: [] };
  }
  async getStoredEntities() {
    return { items: [] };
  }
  async getEntityViews(request: {
    blueprint: string;
    after?: string;
    limit?: number;
  }) {
    const all = [...this.byRef.values()].filter(
      i =>
        i.entity.blueprint === request.blueprint &&
        (request.after === undefined || i.entity.identifier > request.after),
    );
    const limit = request.limit ?? 1000;
    const items = all.slice(0, limit);
    return all.length > limit
      ? { items, next: items[items.length - 1].entity.identifier }
      : { items };
  }
  async getEntityViewsByRefs(refs: string[]) {
    return { items: refs.map(r => this.byRef.get(r) ?? null) };
  }
  async *pages(blueprint: string) {
    const all = [...this.byRef.values()].filter(
      i => i.entity.blueprint === blueprint,
    );
    for (let i = 0; i < all.length; i += 2000) yield all.slice(i, i + 2000);
  }
  async byRefs(refs: string[]) {
    return refs.map(r => this.byRef.get(r) ?? null);
  }
}

/** Warnings and errors only: the bench prints its own figures. */
const logger: LoggerService = {
  error: message => console.error(message),
  warn: message => console.warn(message),
  info: () => {},
  debug: () => {},
  child: () => logger,
};
const ms = (since: number) => Date.now() - since;
const seconds = (milliseconds: number) =>
  `${(milliseconds / 1000).toFixed(2)} s`;

function engineAlone(items: EntityViewItem[]) {
  const compiled = compileScorecard(scorecard);
  const started = Date.now();
  const levels: Record<string, number> = {};
  for (const { entity } of items) {
    if (!compiled.applies(entity, NOW)) continue;
    const { level } = compiled.evaluate(entity, { now: NOW });
    levels[level] = (levels[level] ?? 0) + 1;
  }
  return { ms: ms(started), levels };
}

async function endToEnd(knex: Knex, memory: MemoryBlueprints) {
  const store = await DatabaseScorecardStore.create({
    database: mockServices.database({ knex }),
  });
  await store.saveDefinition('readiness', scorecard, 'user:default/bench');
  const registry = new ScorecardRegistry({
    store,
    blueprints: memory,
    catalog: catalogServiceMock({ entities: [] }),
    auth: mockServices.auth(),
    logger,
    files: [],
    campaigns: [],
  });
  await registry.refresh();
  const evaluator = new ScorecardEvaluator({
    store,
    registry,
    source: memory,
    facets: new FacetResolver({
      source: memory,
      facets: { system: 'System', domain: 'Domain' },
    }),
    logger,
  });
  const queries = new ScorecardQueries({ store, registry });

  let started = Date.now();
  const first = await evaluator.evaluateChanged(0, NOW);
  const firstMs = ms(started);
  started = Date.now();
  await evaluator.evaluateChanged(0, NOW);
  const secondMs = ms(started);

  // One service changes: its event queues it, the queue task evaluates it,
  // and its card asks for its level.
  const ref = 'service:default/svc-000042';
  const item = memory.byRef.get(ref)!;
  const changes: number[] = [];
  for (const coverage of [5, 95, 5]) {
    item.entity = {
      ...item.entity,
      properties: { ...item.entity.properties, coverage },
    };
    started = Date.now();
    await store.enqueue([ref]);
    await evaluator.runQueue();
    const [served] = await queries.entityScorecards(ref);
    changes.push(ms(started));
    if (!served) throw new Error('no result served');
  }
  return { first, firstMs, secondMs, changes, store, registry, queries };
}

async function main() {
  console.log(
    `Scorecards bench: ${N.toLocaleString('en-US')} services × ${
      scorecard.rules.length
    } rules; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${
      process.version
    }`,
  );
  const problems = checkScorecard(
    scorecard,
    new Map(blueprints.map(b => [b.identifier, b])),
  );
  if (problems.length) throw new Error(JSON.stringify(problems));
  const items = services();
  const alone = engineAlone(items);
  console.log(
    `engine alone (in memory): ${seconds(
      alone.ms,
    )} for ${N} entities (${Math.round(
      (N * scorecard.rules.length) / (alone.ms / 1000),
    ).toLocaleString('en-US')} rule evaluations/s); levels ${JSON.stringify(
      alone.levels,
    )}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'plinth-scorecards-bench-'));
  const pg = Object.entries(process.env).find(([k]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  )?.[1];
  const databases: Array<[string, () => Promise<Knex>]> = [
    [
      'SQLite (file)',
      async () =>
        knexFactory({
          client: 'better-sqlite3',
          connection: { filename: join(dir, 'bench.sqlite') },
          useNullAsDefault: true,
        }),
    ],
  ];
  const created: string[] = [];
  if (pg) {
    databases.push([
      'PostgreSQL',
      async () => {
        const name = `plinth_scorecards_bench_${Date.now()}`;
        const admin = knexFactory({ client: 'pg', connection: pg });
        await admin.raw(`CREATE DATABASE ${name}`);
        await admin.destroy();
        created.push(name);
        return knexFactory({
          client: 'pg',
          connection: `${pg.replace(/\/$/, '')}/${name}`,
        });
      },
    ]);
  }

  try {
    for (const [label, open] of databases) {
      if (process.env.BENCH_ONLY && !label.startsWith(process.env.BENCH_ONLY)) {
        continue;
      }
      const memory = new MemoryBlueprints([...others(), ...items]);
      const knex = await open();
      if (process.env.BENCH_VERBOSE) console.log(`${label}: evaluating`);
      const e2e = await endToEnd(knex, memory);
      console.log(
        `${label}: first full evaluation ${seconds(e2e.firstMs)} (${
          e2e.first
        } results written), again unchanged ${seconds(
          e2e.secondMs,
        )}; one service changed → new level served in ${e2e.changes
          .map(c => `${c} ms`)
          .join(', ')}`,
      );
      await knex.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pg && created.length) {
      const admin = knexFactory({ client: 'pg', connection: pg });
      for (const name of created) {
        await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      }
      await admin.destroy();
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
