import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { orchestratorServiceRef } from '@plinth/plugin-orchestrator-node';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { parse as parseYaml } from 'yaml';

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

/**
 * Each app's demo deployments, in order: two releases to development
 * (each with the commit it was built from), then promotions through staging
 * to production, and into the preview.
 */
export const DEMO_RELEASES = [
  { tag: '1.4.1', sha: '3f9c2a71d0b4', daysAgo: 3 },
  { tag: '1.4.2', sha: '8be41f05c9a2', daysAgo: 1 },
];
const DEMO_PROMOTIONS: Array<[string, string]> = [
  ['development', 'staging'],
  ['staging', 'production'],
  ['staging', 'preview'],
];

/** Makes the bare repository deployments are committed to, if missing. */
async function ensureBareRepository(dir: string): Promise<void> {
  try {
    await fs.access(path.join(dir, 'HEAD'));
    return;
  } catch {
    await fs.mkdir(dir, { recursive: true });
  }
  await new Promise<void>((resolve, reject) =>
    execFile(
      'git',
      ['init', '--quiet', '--bare', '--initial-branch=main', dir],
      error => (error ? reject(error) : resolve()),
    ),
  );
}

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
        const gitops = config.getOptionalString(
          'plinth.orchestrator.demo.gitopsRepository',
        );
        if (gitops) {
          await ensureBareRepository(path.resolve(gitops));
        }
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
        /** The demo releases of an app, unless it has deployments already. */
        const deployDemo = async (app: string, yaml: string) => {
          const done = await orchestrator.listDeployments(app, 'development', {
            limit: 1,
          });
          if (done.length > 0) return;
          const spec = parseYaml(yaml) as {
            metadata: { name: string };
            containers: Record<string, { image: string }>;
          };
          const name = spec.metadata.name;
          const [container, { image: scoreImage }] = Object.entries(
            spec.containers,
          )[0];
          // The Score file's image without its tag: each release has its own.
          const image = scoreImage.replace(/:[^:/]+$/, '');
          const wait = async (id: string, env: string) => {
            const result = await orchestrator.waitForDeployment(app, env, id, {
              timeoutMs: 300_000,
            });
            logger.info(
              `Demo deployment ${id} to ${env} of ${app}: ${result.status}${
                result.error ? ` (${result.error})` : ''
              }`,
            );
            return result.status === 'succeeded';
          };
          for (const release of DEMO_RELEASES) {
            const deployment = await orchestrator.deploy(app, 'development', {
              replace: true,
              workloads: [
                {
                  name,
                  score: yaml,
                  images: { [container]: `${image}:${release.tag}` },
                  commit: {
                    sha: release.sha,
                    committedAt: new Date(
                      Date.now() - release.daysAgo * 86_400_000,
                    ).toISOString(),
                    message: `Release ${release.tag}`,
                  },
                },
              ],
              comment: `Release ${release.tag}`,
            });
            if (!(await wait(deployment.id, 'development'))) return;
          }
          for (const [from, to] of DEMO_PROMOTIONS) {
            const deployment = await orchestrator.promote(app, to, from, {
              comment: `Promoted from ${from}`,
            });
            if (!(await wait(deployment.id, to))) return;
          }
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
            if (gitops) await deployDemo(app, yaml);
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
