import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { orchestratorServiceRef } from '@plinth/plugin-orchestrator-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** The seed's services as apps, with their Score files (examples/score). */
export const DEMO_APPS = [
  {
    app: 'component:default/cartservice',
    score: 'cart-service',
    owner: 'group:default/cart-team',
  },
  {
    app: 'component:default/productsservice',
    score: 'products-service',
    owner: 'group:default/products-team',
  },
];

/**
 * Each app's environments: the preview is a copy of staging (its workloads
 * and values, with resources of its own) that lives two days.
 */
export const DEMO_ENVIRONMENTS: Array<{
  id: string;
  type: string;
  ttl?: string;
  from?: string;
}> = [
  { id: 'development', type: 'development' },
  { id: 'staging', type: 'staging' },
  { id: 'production', type: 'production' },
  { id: 'preview', type: 'ephemeral', ttl: 'P2D', from: 'staging' },
];

function scoreFile(name: string): string {
  return path.resolve(
    resolvePackagePath('backend'),
    '../../examples/score',
    name,
    'score.yaml',
  );
}

/**
 * The example app's orchestrator demo, when `plinth.orchestrator.demo`
 * says so: a local S3-compatible server (s3rver, for the s3 driver), and
 * for the seed's Cart and Products services the environments of
 * {@link DEMO_ENVIRONMENTS} with their Score workloads, through the same
 * orchestrator service the self-service actions use. Resources are real:
 * databases, Redis users, RabbitMQ vhosts and buckets on this machine's
 * servers. What exists already is left as it is; an expired preview is
 * made again at the next start.
 */
export const orchestratorDemoModule = createBackendModule({
  pluginId: 'orchestrator',
  moduleId: 'demo-environments',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        rootLifecycle: coreServices.rootLifecycle,
        catalog: catalogServiceRef,
        orchestrator: orchestratorServiceRef,
      },
      async init({
        config,
        logger,
        auth,
        rootLifecycle,
        catalog,
        orchestrator,
      }) {
        if (
          !config.getOptionalBoolean('plinth.orchestrator.demo.environments')
        ) {
          return;
        }
        const s3Port = config.getOptionalNumber(
          'plinth.orchestrator.demo.localS3.port',
        );
        if (s3Port) {
          const directory = path.join(os.tmpdir(), 'plinth-example-s3');
          await fs.mkdir(directory, { recursive: true });
          const server = new S3rver({
            port: s3Port,
            address: '127.0.0.1',
            silent: true,
            directory,
          });
          const { port } = await server.run();
          logger.info(
            `Local S3 server (s3rver) for the s3 driver on http://127.0.0.1:${port}, files in ${directory}`,
          );
          rootLifecycle.addShutdownHook(() => server.close());
        }

        const appsInCatalog = async () => {
          const { items } = await catalog.getEntitiesByRefs(
            {
              entityRefs: DEMO_APPS.map(a => a.app),
              fields: ['metadata.name'],
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return items.every(Boolean);
        };
        const setUp = async () => {
          for (let i = 0; i < 60 && !(await appsInCatalog()); i++) {
            await new Promise(resolve => setTimeout(resolve, 5_000));
          }
          for (const { app, score, owner } of DEMO_APPS) {
            const existing = new Set(
              (await orchestrator.listEnvironments(app)).map(e => e.id),
            );
            const yaml = await fs.readFile(scoreFile(score), 'utf8');
            for (const env of DEMO_ENVIRONMENTS) {
              if (existing.has(env.id)) continue;
              const created = await orchestrator.createEnvironment(app, {
                ...env,
                owner,
              });
              // A copy brings its workloads (and its run); the others get theirs.
              const run = env.from
                ? created.run
                : (await orchestrator.putWorkload(app, env.id, yaml)).run;
              logger.info(
                `Demo environment ${env.id} of ${app}${
                  run ? `: provisioning (run ${run.id})` : ''
                }`,
              );
            }
          }
        };
        rootLifecycle.addStartupHook(() => {
          setUp().catch(error =>
            logger.error(`Orchestrator demo environments not set up: ${error}`),
          );
        });
      },
    });
  },
});
