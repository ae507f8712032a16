/*
 * The two jq engines side by side, on Port-style calculations.
 *
 *   npm run bench [-- N]      (N entities per batch, 10,000 by default)
 *
 * For each of four calculations of the kind Port's documentation shows, and
 * each engine (native: @port-labs/jq-node-bindings, jq 1.6, in a child
 * process; wasm: jq-web, jq 1.7, in a worker thread), measures:
 *   - single: `evaluate` on one entity at a time, awaited one after the
 *     other (a request that computes one entity);
 *   - batch: `evaluateMany` over N seed-shaped entities (a blueprint
 *     recomputed after a change), best of three runs.
 * Figures are evaluations per second; the workers are started beforehand.
 */
import {
  Blueprint,
  calculationInput,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { findNativeBackend } from '../src/jq/backends';
import { createJqEngine, JqEngine } from '../src/jq/createJqEngine';

const N = Number(process.argv[2] ?? 10_000);
const SINGLE_RUNS = 300;

/** The seed's Component blueprint, with the properties a real one carries. */
const component: Blueprint = {
  identifier: 'Component',
  schema: {
    properties: {
      type: { type: 'string', enum: ['service', 'library'] },
      language: { type: 'string' },
      url: { type: 'string', format: 'url' },
      readme: { type: 'string', format: 'markdown' },
    },
  },
  relations: {
    system: { target: 'System' },
    resources: { target: 'Resource', many: true },
    consumesApi: { target: 'API', many: true },
    components: { target: 'Component', many: true },
    providesApi: { target: 'API' },
  },
};

/** An entity shaped like the seed's Cart Service, numbered. */
function entity(i: number): PortEntity {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    identifier: `Service${i}`,
    title: `Service ${i}`,
    icon: 'Cloud',
    team: [`team-${i % 12}`],
    properties: {
      type: i % 3 === 0 ? 'library' : 'service',
      language: ['Python', 'Go', 'Nodejs'][i % 3],
      url: `https://github.com/acme/service-${i}`,
      readme: `# Service ${i}\n\nOwned by team ${i % 12}.`,
    },
    relations: {
      system: `System${i % 50}`,
      resources: [`db-${i % 40}`],
      consumesApi: i % 2 ? [`Api${i % 30}`] : [],
      components: [`Lib${i % 100}`, `Lib${(i + 1) % 100}`],
      providesApi: i % 4 ? null : `Api${i % 30}`,
    },
    createdAt: `2024-01-${day}T08:00:00.000Z`,
    updatedAt: `2024-05-${day}T12:34:56.789Z`,
    createdBy: 'alice@example.com',
    updatedBy: 'bob@example.com',
  };
}

const PROGRAMS: Array<[string, string]> = [
  [
    'URL template',
    "'https://github.com/acme/' + (.identifier | ascii_downcase)",
  ],
  [
    'if/elif',
    'if .properties.type == "library" then "Library" elif (.relations.components | length) > 1 then "Composite service" else "Service" end',
  ],
  [
    'count relations',
    '[.relations[] | select(. != null) | if type == "array" then length else 1 end] | add',
  ],
  [
    'days since update',
    '(now - (.updatedAt | sub("\\\\.[0-9]+Z$"; "Z") | fromdateiso8601)) / 86400 | floor',
  ],
];

async function single(engine: JqEngine, program: string, inputs: unknown[]) {
  const started = performance.now();
  for (let i = 0; i < SINGLE_RUNS; i++) {
    const result = await engine.evaluate(program, inputs[i % inputs.length]);
    if ('error' in result) throw new Error(`${program}: ${result.error}`);
  }
  return (SINGLE_RUNS * 1000) / (performance.now() - started);
}

async function batch(engine: JqEngine, program: string, inputs: unknown[]) {
  let best = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const results = await engine.evaluateMany(program, inputs);
    const rate = (inputs.length * 1000) / (performance.now() - started);
    const failed = results.find(r => 'error' in r);
    if (failed) throw new Error(`${program}: ${JSON.stringify(failed)}`);
    best = Math.max(best, rate);
  }
  return best;
}

function figure(rate: number | undefined): string {
  return rate === undefined ? 'n/a' : Math.round(rate).toLocaleString('en-US');
}

async function main() {
  const inputs = Array.from({ length: N }, (_, i) =>
    calculationInput(entity(i), component),
  );
  const names = ['native', 'wasm'] as const;
  const engines = new Map<string, JqEngine>();
  for (const name of names) {
    if (name === 'native' && !('modulePath' in findNativeBackend())) continue;
    const engine = createJqEngine({
      prefer: name,
      timeoutMs: 60_000,
      batchTimeoutMs: 600_000,
    });
    await engine.evaluate('.', null); // start the worker
    engines.set(name, engine);
  }

  console.log(
    `jq engines, ${N.toLocaleString('en-US')} entities per batch; ${
      os.cpus().length
    } cores (${os.cpus()[0]?.model}), Node ${process.version}`,
  );
  for (const engine of engines.values()) {
    console.log(`  ${engine.name}: ${engine.description}`);
  }
  console.log('evaluations per second:');
  const rows: string[][] = [
    [
      'calculation',
      'native single',
      'wasm single',
      'native batch',
      'wasm batch',
    ],
  ];
  for (const [label, program] of PROGRAMS) {
    const rates: Record<string, number | undefined> = {};
    for (const [name, engine] of engines) {
      rates[`${name} single`] = await single(engine, program, inputs);
      rates[`${name} batch`] = await batch(engine, program, inputs);
    }
    rows.push([
      label,
      figure(rates['native single']),
      figure(rates['wasm single']),
      figure(rates['native batch']),
      figure(rates['wasm batch']),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, c) =>
          c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]),
        )
        .join('  '),
    );
  }
  for (const engine of engines.values()) await engine.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
