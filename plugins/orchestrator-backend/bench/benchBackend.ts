/*
 * The real backend the orchestrator's benches start in their process with
 * `createBackend()`, and the machine's servers it is configured to.
 *
 * The backend: auth (the guest provider, whose token every request
 * carries), permission (an allow-all policy of the bench, so every decision
 * goes through the framework), the catalog (the app `CartService` from a
 * catalog-info.yaml file location), the orchestrator and its postgres, redis
 * and amqp driver modules against the machine's PostgreSQL, Redis and
 * RabbitMQ, with one resource definition per driver; a bench adds its own
 * drivers, orchestrator configuration and features.
 */
import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { ConfigReader } from '@backstage/config';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import type { JsonObject } from '@backstage/types';
import amqpModule from '@plinth/plugin-orchestrator-backend-module-amqp';
import postgresModule from '@plinth/plugin-orchestrator-backend-module-postgres';
import redisModule from '@plinth/plugin-orchestrator-backend-module-redis';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { freePort, waitFor } from '../src/__testUtils__/waiting';
import orchestratorPlugin from '../src';
import { seconds } from './report';

/** BENCH_DB=pg: the backend's databases on the machine's PostgreSQL. */
export const PG = process.env.BENCH_DB === 'pg';
/** BENCH_QUICK=1: a shorter run (fewer environments or rounds). */
export const QUICK = Boolean(process.env.BENCH_QUICK);
// The backend's own logs would bury the figures.
process.env.LOG_LEVEL ??= 'warn';

export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' };
export const REDIS = { host: '127.0.0.1', port: 6379 };
export const RABBITMQ = {
  managementUrl: 'http://127.0.0.1:15672',
  username: 'guest',
  password: 'guest',
};
/**
 * Environment ids of a bench run, after the bench's letter: another run's
 * never collide.
 */
export const runId = (letter: string) =>
  `${letter}${Date.now().toString(36).slice(-5)}${process.pid % 1000}`;
/** The orchestrator's routes of the catalog's app. */
export const APP = '/api/orchestrator/apps/component/default/cartservice';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: CartService
  namespace: default
spec:
  type: service
  owner: team-orders
  lifecycle: production
`;

/** Every decision allowed, through the permission framework. */
class AllowAllPolicy implements PermissionPolicy {
  async handle(): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  }
}

const benchPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-policy',
  register(reg) {
    reg.registerInit({
      deps: { policies: policyExtensionPoint },
      async init({ policies }) {
        policies.setPolicy(new AllowAllPolicy());
      },
    });
  },
});

/** A request to the backend as the signed-in guest: status and parsed body. */
export type Call = (
  method: string,
  path: string,
  body?: string | object,
) => Promise<{ status: number; body: any }>;

export interface BenchBackend {
  /** http://127.0.0.1:port */
  baseUrl: string;
  /** The signed-in guest's token. */
  token: string;
  /** A string body is sent as YAML, an object as JSON. */
  call: Call;
  /** Creates a development environment of the app. */
  createEnvironment(env: string): Promise<void>;
  /** Asks for an environment's deletion (409: it is already being deleted). */
  requestDeletion(env: string): Promise<void>;
  /** An environment's resources' outputs, by resource id (`cart.db`, …). */
  outputsOf(env: string): Promise<Record<string, any>>;
  /** Stops the backend; drops its PostgreSQL databases (BENCH_DB=pg). */
  stop(): Promise<void>;
}

export interface BenchBackendOptions {
  /** The bench's temporary folder; the app's catalog-info.yaml goes there. */
  dir: string;
  /** The prefix of the backend's databases with BENCH_DB=pg. */
  databasePrefix: string;
  /**
   * Drivers beside postgres, redis and amqp, by name. Every driver gets one
   * resource definition: `<driver>-local`, of the driver's type.
   */
  drivers?: Record<string, JsonObject>;
  /** More of `plinth.orchestrator` (e.g. `deployments`). */
  orchestrator?: JsonObject;
  /** More plugins and modules (e.g. the bench's other driver modules). */
  features?: BackendFeature[];
}

/**
 * Starts the bench's backend and waits until a guest is signed in and the
 * app is in its catalog.
 */
export async function startBenchBackend(
  options: BenchBackendOptions,
): Promise<BenchBackend> {
  const { dir, databasePrefix: prefix } = options;
  const catalogFile = join(dir, 'catalog-info.yaml');
  writeFileSync(catalogFile, CATALOG_INFO);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const drivers: Record<string, JsonObject> = {
    postgres: { connection: POSTGRES },
    redis: { connection: REDIS },
    amqp: { ...RABBITMQ, amqpHost: '127.0.0.1', amqpPort: 5672 },
    ...options.drivers,
  };

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            baseUrl,
            listen: { port, host: '127.0.0.1' },
            database: PG
              ? { client: 'pg', prefix, connection: POSTGRES }
              : { client: 'better-sqlite3', connection: ':memory:' },
          },
          auth: {
            providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
          },
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'API', 'Location'] }],
            locations: [{ type: 'file', target: catalogFile }],
          },
          plinth: {
            orchestrator: {
              secrets: {
                keys: [
                  { id: 'bench', key: randomBytes(32).toString('base64') },
                ],
              },
              drivers,
              resourceDefinitions: Object.keys(drivers).map(type => ({
                id: `${type}-local`,
                title: `${type} on this machine`,
                type,
                driver: type,
                criteria: [{}],
              })),
              ...options.orchestrator,
            },
          },
        }),
    }),
  );
  backend.add(authPlugin);
  backend.add(guestProvider);
  backend.add(permissionPlugin);
  backend.add(benchPolicy);
  backend.add(catalogPlugin);
  backend.add(orchestratorPlugin);
  backend.add(postgresModule);
  backend.add(redisModule);
  backend.add(amqpModule);
  for (const feature of options.features ?? []) backend.add(feature);

  const started = performance.now();
  await backend.start();
  const token = await waitFor(
    'a guest token',
    async () => {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`);
      if (!res.ok) return undefined;
      return ((await res.json()) as { backstageIdentity: { token: string } })
        .backstageIdentity.token;
    },
    60_000,
    250,
  );
  const call: Call = async (method, path, body) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
    };
    if (body !== undefined) {
      headers['content-type'] =
        typeof body === 'string' ? 'application/yaml' : 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: typeof body === 'object' ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  await waitFor(
    'the app in the catalog',
    async () =>
      (await call('GET', `${APP}/environments`)).status === 200
        ? true
        : undefined,
    120_000,
    250,
  );
  console.log(
    `The backend is up and the app in its catalog ${seconds(
      performance.now() - started,
    )} after start`,
  );

  const stop = async () => {
    await backend.stop();
    if (!PG) return;
    const admin = new Client({ ...POSTGRES, database: 'postgres' });
    await admin.connect();
    try {
      const { rows: databases } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of databases) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  };
  return {
    baseUrl,
    token,
    call,
    async createEnvironment(env) {
      const created = await call('POST', `${APP}/environments`, {
        id: env,
        type: 'development',
      });
      if (created.status !== 201) {
        throw new Error(
          `POST ${env}: ${created.status} ${JSON.stringify(created.body)}`,
        );
      }
    },
    async requestDeletion(env) {
      const res = await call('DELETE', `${APP}/environments/${env}`);
      if (res.status !== 202 && res.status !== 409) {
        throw new Error(
          `DELETE ${env}: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
    },
    async outputsOf(env) {
      const res = await call('GET', `${APP}/environments/${env}`);
      return Object.fromEntries(
        (res.body.resources as Array<{ resId: string; outputs: any }>).map(
          r => [r.resId, r.outputs],
        ),
      );
    },
    stop,
  };
}
