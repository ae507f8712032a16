/*
 * Catalog ingestion with and without the blueprints module, side by side.
 *
 *   npm run bench [-- N]      (N entities, 10,000 by default)
 *
 * Each run starts a real backend (catalog plugin, SQLite file database), hands
 * the catalog N entities through one provider, and times from the start until
 * the catalog has processed and stitched all N (counted in its
 * `final_entities` table). Runs:
 *   - plain:     N Components with native fields, no blueprints module;
 *   - blueprints: the same N as Port entities of the Component blueprint, from
 *                 a Port file through the module's provider, validated and
 *                 related by its processor.
 * Target: blueprints at most 1.15 x plain.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { blueprintsServiceRef } from '@plinth/plugin-blueprints-node';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryBlueprintsService } from '../src/__testUtils__/blueprints';
import { catalogModuleBlueprints } from '../src/module';

const N = Number(process.argv[2] ?? 10_000);
// The backends' own logs would bury the figures.
process.env.LOG_LEVEL ??= 'warn';
const PORT = 7199;

function plainComponent(i: number) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `Service${i}`,
      annotations: {
        'backstage.io/managed-by-location': 'bench:plain',
        'backstage.io/managed-by-origin-location': 'bench:plain',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team',
      system: `system:default/S${i % 50}`,
      dependsOn: [`component:default/L${i % 100}`],
    },
  };
}

function portComponent(i: number) {
  return {
    identifier: `Service${i}`,
    properties: { type: 'service' },
    relations: { system: `S${i % 50}`, components: [`L${i % 100}`] },
  };
}

/** A provider module handing the catalog N plain Components. */
const plainProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-plain',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'bench-plain',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: Array.from({ length: N }, (_, i) => ({
                entity: plainComponent(i),
                locationKey: 'bench:plain',
              })),
            });
          },
        });
      },
    });
  },
});

async function run(name: 'plain' | 'blueprints'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), `plinth-bench-${name}-`));
  const entitiesFile = join(dir, 'Component.json');
  writeFileSync(
    entitiesFile,
    JSON.stringify({
      blueprint: 'Component',
      data: Array.from({ length: N }, (_, i) => portComponent(i)),
    }),
  );
  const config = new ConfigReader({
    backend: {
      baseUrl: `http://localhost:${PORT}`,
      listen: { port: PORT },
      database: { client: 'better-sqlite3', connection: { directory: dir } },
    },
    catalog: {
      providers: {
        plinthBlueprints: {
          entities: [entitiesFile],
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 30 } },
        },
      },
    },
  });

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(catalogPlugin);
  if (name === 'plain') {
    backend.add(plainProvider);
  } else {
    backend.add(catalogModuleBlueprints);
    backend.add(
      createServiceFactory({
        service: blueprintsServiceRef,
        deps: {},
        factory: () => new InMemoryBlueprintsService(),
      }),
    );
  }

  const start = performance.now();
  await backend.start();
  const db = new Database(join(dir, 'catalog.sqlite'), { readonly: true });
  const stitched = db.prepare(
    "SELECT count(*) AS n FROM final_entities WHERE final_entity IS NOT NULL AND entity_ref LIKE 'component:%'",
  );
  for (;;) {
    const { n } = stitched.get() as { n: number };
    if (n >= N) break;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  await backend.stop();
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

async function main() {
  console.log(
    `node ${process.version}, ${N.toLocaleString('en-US')} entities, SQLite`,
  );
  const plain = await run('plain');
  console.log(`plain Components, no module   ${plain.toFixed(1)} s`);
  const blueprints = await run('blueprints');
  console.log(`Port entities through module  ${blueprints.toFixed(1)} s`);
  const ratio = blueprints / plain;
  console.log(
    `ratio ${ratio.toFixed(2)} (target <= 1.15: ${
      ratio <= 1.15 ? 'met' : 'NOT met'
    })`,
  );
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
