import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ResourceDefinition } from '@plinth/plugin-orchestrator-common';
import {
  createSecretBox,
  secretKeyFromBase64,
  type ResourceDriver,
  type Routing,
} from '@plinth/plugin-orchestrator-node';
import { createPostgresDriver } from '@plinth/plugin-orchestrator-backend-module-postgres';
import express from 'express';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createGitOpsDelivery } from '../delivery/GitOpsDelivery';
import { DEFAULT_IN_CLUSTER_DEFAULTS } from '../deployments/config';
import { DeploymentRunner } from '../deployments/DeploymentRunner';
import { DeploymentService } from '../deployments/DeploymentService';
import { gitOpsTarget, type DeliveryTarget } from '../deployments/targets';
import { createBuiltinDrivers } from '../drivers';
import { driverRegistry } from '../provisioning/driverRegistry';
import { RunExecutor } from '../provisioning/RunExecutor';
import { OrchestratorService } from '../service/OrchestratorService';
import { createOrchestratorRouter } from '../service/router';
import { ResourceSqlService } from '../service/ResourceSqlService';
import { DEFAULT_ENVIRONMENT_TYPES } from '../config';
import { createTestStore } from './database';

export const CART = 'component:default/cartservice';

/** The seed's Cart Service, owned by a team, and an API that is no app. */
export const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'CartService', namespace: 'default' },
    spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'CartAPI', namespace: 'default' },
    spec: { type: 'openapi', owner: 'team-orders', lifecycle: 'production' },
  },
];

/** Where the postgres driver provisions: the machine's PostgreSQL. */
export const POSTGRES = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
};

/** The definitions most tests use: the real postgres, and the built-ins. */
export const DEFINITIONS: ResourceDefinition[] = [
  {
    id: 'postgres-local',
    title: 'PostgreSQL on this machine',
    type: 'postgres',
    driver: 'postgres',
    criteria: [{}],
  },
  { id: 'dns-local', type: 'dns', driver: 'dns', criteria: [{}] },
  { id: 'route', type: 'route', driver: 'route', criteria: [{}] },
  { id: 'env', type: 'environment', driver: 'environment', criteria: [{}] },
];

/** A script the command driver may run, written to a temporary folder. */
export async function writeScript(name: string, body: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-orchestrator-'));
  const file = path.join(dir, name);
  await fs.writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/**
 * The orchestrator's router, service and run executor on a test database,
 * with the real postgres driver and the built-in drivers; permissions are
 * allowed but for the names in `deny`.
 */
export async function startOrchestrator(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    deny?: string[];
    definitions?: ResourceDefinition[];
    drivers?: ResourceDriver[];
    allowedCommands?: string[];
    now?: () => number;
    /** Where deployments go: a GitOps repository's URL, or a target. */
    delivery?: string | DeliveryTarget;
    leaseMs?: number;
    /** How routes render; Ingresses when not given. */
    routing?: Routing;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const { store, knex } = await createTestStore(databases, databaseId);
  const key = secretKeyFromBase64('test', randomBytes(32).toString('base64'));
  const secrets = createSecretBox([key]);
  const drivers = driverRegistry([
    ...createBuiltinDrivers(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              command: { allowedCommands: options.allowedCommands ?? [] },
            },
          },
        },
      }),
    ),
    createPostgresDriver({ connection: POSTGRES }),
    ...(options.drivers ?? []),
  ]);
  const target =
    typeof options.delivery === 'string'
      ? gitOpsTarget(
          createGitOpsDelivery({
            repositoryUrl: options.delivery,
            author: { name: 'Plinth', email: 'plinth@example.com' },
            workDir: await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-clones-')),
            logger,
          }),
          { url: options.delivery, branch: 'main' },
        )
      : options.delivery;
  const defaultsFor = new Set(DEFAULT_IN_CLUSTER_DEFAULTS);
  let service: OrchestratorService | undefined = undefined;
  const executor = new RunExecutor({
    store,
    drivers,
    definitions: () => service!.definitions(),
    secrets,
    logger,
    owner: 'test-replica',
    leaseMs: options.leaseMs ?? 2_000,
    now: options.now,
    deployments: new DeploymentRunner({
      store,
      deployments: store.deployments,
      secrets,
      logger,
      targetOf: () => target,
      namespaceOf: env => `cartservice-${env.id}`,
      defaultsFor,
      defaultsSeed: async () => 'test-seed',
      verifyTimeoutMs: 10_000,
      routing: options.routing,
      now: options.now,
    }),
  });
  service = new OrchestratorService({
    store,
    drivers,
    secrets,
    logger,
    configTypes: DEFAULT_ENVIRONMENT_TYPES,
    configDefinitions: options.definitions ?? DEFINITIONS,
    // Tests run the queue themselves (executor.drain()), step by step.
    kick: () => undefined,
    now: options.now,
  });
  const deployments = new DeploymentService({
    store,
    deployments: store.deployments,
    drivers,
    definitions: () => service!.definitions(),
    defaultsFor,
    kick: () => undefined,
    now: options.now,
  });
  const deny = new Set(options.deny ?? []);
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: deny.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })) as any,
  });
  const router = await createOrchestratorRouter({
    httpAuth: mockServices.httpAuth(),
    logger,
    permissions,
    catalog: catalogServiceMock({ entities: ENTITIES }),
    service,
    deployments,
    drivers,
    resourceSql: new ResourceSqlService({ store, drivers, secrets, logger }),
  });
  const app = express();
  app.use(router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    }).error(),
  );
  return {
    client: request(app),
    service,
    deployments,
    executor,
    store,
    secrets,
    knex,
    logger,
  };
}
