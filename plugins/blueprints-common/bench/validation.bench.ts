/*
 * How fast entity validation is, next to JSON.parse of the same entities.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/validation.bench.ts [N]
 *
 * Generates N (default 100,000) Component entities shaped like the seed's
 * Cart Service (a `type` enum property; `system`, `resources`, `components`
 * relations) as one JSON text, then, over several rounds, times JSON.parse
 * of the whole text and EntityValidator over the parsed entities, and
 * prints the best round of each. Targets: at least 200,000 entities per
 * second, and validation no slower than twice the parse.
 */

import { EntityValidator } from '../src/entity/EntityValidator';
import { resolveBlueprintSet } from '../src/blueprint/BlueprintSet';
import { seedBlueprints } from '../src/__testUtils__/seed';

const N = Number(process.argv[2] ?? 100_000);
const ROUNDS = 7;

function generate(count: number): string {
  const entities = [];
  for (let i = 0; i < count; i++) {
    entities.push({
      identifier: `Service${i}`,
      title: `Service ${i}`,
      blueprint: 'Component',
      properties: { type: i % 3 === 0 ? 'library' : 'service' },
      relations: {
        system: `System${i % 50}`,
        resources: [`sql-${i}`],
        consumesApi: [],
        components: [`Library${i % 100}`, `Library${(i + 1) % 100}`],
      },
      icon: 'Cloud',
    });
  }
  return JSON.stringify(entities);
}

function main() {
  const { valid, problems } = resolveBlueprintSet(
    seedBlueprints().map(blueprint => ({ blueprint, source: 'bench' })),
  );
  if (problems.length > 0) {
    throw new Error(
      `bench blueprints are invalid: ${JSON.stringify(problems)}`,
    );
  }
  const validator = new EntityValidator(valid);
  const text = generate(N);
  const options = { source: 'bench/entities.json' };

  // Warm up both paths (and compile the Component schema) before timing.
  for (const entity of JSON.parse(text).slice(0, 10_000)) {
    validator.validate(entity, options);
  }

  let bestParse = Infinity;
  let bestValidate = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    const entities = JSON.parse(text) as unknown[];
    const t1 = performance.now();
    let found = 0;
    for (let i = 0; i < entities.length; i++) {
      found += validator.validate(entities[i], options).length;
    }
    const t2 = performance.now();
    if (found !== 0) {
      throw new Error(`expected no problems, got ${found}`);
    }
    bestParse = Math.min(bestParse, t1 - t0);
    bestValidate = Math.min(bestValidate, t2 - t1);
  }

  const rate = (N / bestValidate) * 1000;
  const ratio = bestValidate / bestParse;
  const mib = Buffer.byteLength(text) / (1024 * 1024);
  const lines = [
    `node ${process.version}, ${N.toLocaleString('en')} entities, ${mib.toFixed(
      1,
    )} MiB of JSON, best of ${ROUNDS} rounds`,
    `JSON.parse          ${bestParse.toFixed(1)} ms  (${Math.round(
      (N / bestParse) * 1000,
    ).toLocaleString('en')} entities/s)`,
    `EntityValidator     ${bestValidate.toFixed(1)} ms  (${Math.round(
      rate,
    ).toLocaleString('en')} entities/s)`,
    `validation / parse  ${ratio.toFixed(2)}`,
    `targets: >= 200,000 entities/s ${
      rate >= 200_000 ? 'met' : 'MISSED'
    }; <= 2x JSON.parse ${ratio <= 2 ? 'met' : 'MISSED'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
