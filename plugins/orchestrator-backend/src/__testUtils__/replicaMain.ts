/*
 * One orchestrator replica in a process of its own, for the process-level
 * fault tests (src/replicas.test.ts): a real backend (`createBackend()`)
 * with the catalog (the app from a file location), the orchestrator, its
 * postgres driver module and the built-in command driver, on a given port
 * and a given PostgreSQL database prefix, so that replicas share their
 * state. Calls authenticate with a static token (`backend.auth.externalAccess`);
 * the permission framework is off (everything is allowed).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     src/__testUtils__/replicaMain.ts '<ReplicaOptions as JSON>'
 *
 * Prints `replica ready <port>` on stdout once the backend has started.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import amqpDriverModule from '@plinth/plugin-orchestrator-backend-module-amqp';
import postgresDriverModule from '@plinth/plugin-orchestrator-backend-module-postgres';
import redisDriverModule from '@plinth/plugin-orchestrator-backend-module-redis';
import s3DriverModule from '@plinth/plugin-orchestrator-backend-module-s3';
import orchestratorPlugin from '../index';
import {
  RABBITMQ,
  REDIS,
  S3_CREDENTIALS,
  type ReplicaOptions,
} from './replicas';

const options: ReplicaOptions = JSON.parse(process.argv[2] ?? '{}');

async function main() {
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            baseUrl: `http://127.0.0.1:${options.port}`,
            listen: { port: options.port, host: '127.0.0.1' },
            database: {
              client: 'pg',
              prefix: options.databasePrefix,
              connection: options.postgres,
            },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: options.token, subject: 'replica-test' },
                },
              ],
            },
          },
          permission: { enabled: false },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'API', 'Location'] }],
            locations: [{ type: 'file', target: options.catalogFile }],
          },
          plinth: {
            orchestrator: {
              secrets: {
                keys: [{ id: 'replica-test', key: options.secretKey }],
              },
              runs: { lease: { seconds: options.leaseSeconds } },
              ...(options.gitops && {
                deployments: {
                  workDir: options.gitops.workDir,
                  targets: [
                    { gitops: { repositoryUrl: options.gitops.repositoryUrl } },
                  ],
                },
              }),
              reaper: { frequency: { seconds: options.reaperSeconds } },
              drivers: {
                command: {
                  allowedCommands: [options.command],
                  passEnvironment: ['PLINTH_COMMAND_LOG'],
                },
                postgres: { connection: options.postgres },
                redis: { connection: REDIS },
                amqp: RABBITMQ,
                s3: {
                  endpoint: options.s3Endpoint,
                  forcePathStyle: true,
                  credentials: S3_CREDENTIALS,
                },
              },
              resourceDefinitions: [
                {
                  id: 'postgres-local',
                  type: 'postgres',
                  driver: 'postgres',
                  criteria: [{}],
                },
                ...(['redis', 'amqp', 's3'] as const).map(type => ({
                  id: `${type}-local`,
                  type,
                  driver: type,
                  criteria: [{}],
                })),
                {
                  id: 'slow-topic',
                  type: 'kafka-topic',
                  driver: 'command',
                  driverInputs: { values: { command: options.command } },
                  criteria: [{}],
                },
              ],
            },
          },
        }),
    }),
  );
  backend.add(catalogPlugin);
  backend.add(orchestratorPlugin);
  backend.add(postgresDriverModule);
  backend.add(redisDriverModule);
  backend.add(amqpDriverModule);
  backend.add(s3DriverModule);
  await backend.start();
  process.stdout.write(`replica ready ${options.port}\n`);
  const stop = () => {
    backend.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`replica failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
