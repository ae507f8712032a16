import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  Environment,
  EnvironmentType,
  MatchExplanation,
  ResourceDefinitionView,
  RESOURCE_TYPES,
} from '@plinth/plugin-orchestrator-common';
import {
  EnvironmentDetails,
  OrchestratorApi,
  ResourceTypeView,
} from '../api/OrchestratorApi';

/** The app the entity tests show. */
export const cartService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'CartService', title: 'Cart Service' },
  spec: { type: 'service', owner: 'group:default/cart-team' },
};

/** The app as the backend names it: lowercased. */
export const CART = 'component:default/cartservice';

/** A database password the UI must never show. */
export const SECRET_PASSWORD = 'pg-pass-NEVER-SHOWN';

/** An instant `ms` from now. */
export function fromNow(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

const created = '2026-11-20T09:00:00.000Z';

/** An environment of the cart service, ready, owned by its team. */
export function environment(
  id: string,
  overrides: Partial<Environment> = {},
): Environment {
  return {
    app: CART,
    id,
    type: id,
    owner: 'group:default/cart-team',
    createdBy: 'user:default/alice',
    createdAt: created,
    status: 'ready',
    updatedAt: created,
    ...overrides,
  };
}

/**
 * The cart service's environments: development, staging (locked),
 * production, and an ephemeral preview expiring in 3 h 20 min (and 30 s).
 */
export function cartEnvironments(): Environment[] {
  return [
    environment('development'),
    environment('staging', {
      lock: {
        reason: 'release 2.4 under test',
        by: 'user:default/bob',
        at: created,
      },
    }),
    environment('production'),
    environment('preview', {
      type: 'ephemeral',
      owner: 'user:default/alice',
      from: 'development',
      expiresAt: fromNow((3 * 60 + 20) * 60_000 + 30_000),
    }),
  ];
}

/** The preview environment with its resources, workload and runs. */
export function previewDetails(
  env: Environment = cartEnvironments()[3],
): EnvironmentDetails {
  return {
    environment: env,
    resources: [
      {
        resId: 'cart.db',
        type: 'postgres',
        class: 'default',
        definitionId: 'ephemeral-postgres',
        driver: 'postgres',
        usedBy: ['cart'],
        status: 'ready',
        // The backend never sends a secret output's value; the UI drops one
        // that came all the same.
        outputs: {
          host: 'pg.internal',
          port: '5432',
          name: 'cart_preview',
          password: SECRET_PASSWORD,
        },
        secretOutputs: ['password'],
        createdAt: created,
        updatedAt: created,
      },
      {
        resId: 'cart.route',
        type: 'route',
        class: 'default',
        definitionId: 'preview-routes',
        driver: 'route',
        usedBy: ['cart'],
        status: 'failed',
        outputs: {},
        secretOutputs: [],
        error: 'No host name is free under preview.example.com',
        createdAt: created,
        updatedAt: created,
      },
    ],
    workloads: [
      {
        name: 'cart',
        score: 'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\n',
        updatedAt: created,
        updatedBy: 'user:default/alice',
        resolved: [
          {
            key: 'containers.cart.variables.DATABASE_URL',
            value:
              'postgres://cart_preview:••••••@pg.internal:5432/cart_preview',
          },
        ],
      },
    ],
    runs: [
      {
        id: 'run-2',
        app: CART,
        environment: 'preview',
        action: 'provision',
        status: 'failed',
        attempts: 3,
        error: 'Resource cart.route failed: no host name is free',
        requestedBy: 'user:default/alice',
        createdAt: '2026-11-20T09:05:00.000Z',
        startedAt: '2026-11-20T09:05:01.000Z',
        finishedAt: '2026-11-20T09:05:30.000Z',
      },
      {
        id: 'run-1',
        app: CART,
        environment: 'preview',
        action: 'provision',
        status: 'succeeded',
        attempts: 1,
        requestedBy: 'user:default/alice',
        createdAt: created,
        startedAt: created,
        finishedAt: '2026-11-20T09:01:00.000Z',
      },
    ],
  };
}

export const environmentTypes: EnvironmentType[] = [
  {
    id: 'development',
    description: 'Where the team integrates',
    source: 'config',
  },
  {
    id: 'staging',
    description: 'The last stop before production',
    source: 'config',
  },
  { id: 'production', description: 'What customers use', source: 'config' },
  {
    id: 'ephemeral',
    description: 'Short-lived previews of a branch',
    source: 'api',
  },
];

export const resourceTypes: ResourceTypeView[] = RESOURCE_TYPES.filter(t =>
  ['postgres', 'route', 'dns'].includes(t.type),
).map(t => ({
  ...t,
  drivers: t.type === 'dns' ? [] : [t.type],
}));

export const definitions: ResourceDefinitionView[] = [
  {
    id: 'ephemeral-postgres',
    title: 'Shared PostgreSQL for previews',
    type: 'postgres',
    driver: 'postgres',
    driverInputs: {
      values: { host: 'pg.internal', port: 5432 },
      secretRefs: { adminPassword: 'pg-admin-password' },
    },
    criteria: [{ envType: 'ephemeral' }, { envType: 'development' }],
    source: 'config',
    usedBy: [
      { app: CART, environment: 'preview', resId: 'cart.db' },
      { app: CART, environment: 'development', resId: 'cart.db' },
    ],
  },
  {
    id: 'cart-production-postgres',
    type: 'postgres',
    driver: 'postgres',
    driverInputs: { values: { host: 'pg-prod.internal' }, secretRefs: {} },
    criteria: [
      { envType: 'production', appId: 'component:default/CartService' },
    ],
    source: 'api',
    usedBy: [],
  },
];

/** Why the cart's database in preview gets the shared PostgreSQL. */
export const explanation: MatchExplanation = {
  chosen: {
    definition: definitions[0],
    criterion: { envType: 'ephemeral' },
    specificity: 1,
    reason: 'applies (environment type ephemeral)',
  },
  candidates: [
    {
      definition: definitions[0],
      criterion: { envType: 'ephemeral' },
      specificity: 1,
      reason: 'applies (environment type ephemeral)',
    },
    {
      definition: definitions[1],
      reason:
        'does not apply: it wants environment type "production", not "ephemeral"',
    },
  ],
};

/** A fake of the orchestrator backend over the fixtures. */
export function fakeOrchestratorApi(
  overrides: Partial<OrchestratorApi> = {},
): jest.Mocked<OrchestratorApi> {
  return {
    getEnvironmentTypes: jest.fn(async () => environmentTypes),
    getResourceTypes: jest.fn(async () => resourceTypes),
    getDrivers: jest.fn(async () => [
      { id: 'postgres', resourceTypes: ['postgres'] },
      { id: 'route', resourceTypes: ['route'] },
    ]),
    getResourceDefinitions: jest.fn(async () => definitions),
    explain: jest.fn(async () => explanation),
    listEnvironments: jest.fn(async () => cartEnvironments()),
    getEnvironment: jest.fn(async (_app, env) =>
      env === 'preview'
        ? previewDetails()
        : {
            environment: environment(env),
            resources: [],
            workloads: [],
            runs: [],
          },
    ),
    createEnvironment: jest.fn(async (_app, request) => ({
      environment: environment(request.id, { type: request.type }),
    })),
    setEnvironmentTtl: jest.fn(async (_app, env) => environment(env)),
    lockEnvironment: jest.fn(async (_app, env, reason) =>
      environment(env, {
        lock: { reason, by: 'user:default/alice', at: created },
      }),
    ),
    unlockEnvironment: jest.fn(async (_app, env) => environment(env)),
    deleteEnvironment: jest.fn(async (_app, env) => ({
      id: 'run-delete',
      app: CART,
      environment: env,
      action: 'delete' as const,
      status: 'queued' as const,
      attempts: 0,
      requestedBy: 'user:default/alice',
      createdAt: created,
    })),
    listValues: jest.fn(async () => []),
    ...overrides,
  } as jest.Mocked<OrchestratorApi>;
}

/** The error the client throws for the backend's error answer. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/orchestrator' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
