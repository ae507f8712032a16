import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  Deployment,
  DeploymentDiff,
  DeploymentSummary,
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
        dependsOn: [],
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
        dependsOn: [],
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

/** The Score file of the cart workload: an api and a worker at 1.2.3. */
export const CART_SCORE = [
  'apiVersion: score.dev/v1b1',
  'metadata:',
  '  name: cart',
  'containers:',
  '  api:',
  '    image: registry.example.com/shop/cart-api:1.2.3',
  '  worker:',
  '    image: registry.example.com/shop/cart-worker:1.2.3',
  '',
].join('\n');

/** Deployment ids, as the history quotes them by their first 7 characters. */
export const DEPLOYMENT_IDS = {
  dev1: '2a4c6e80-1f3b-4d5e-8a7c-9b0d1e2f3a4b',
  dev2: '5b8d2f17-6c4e-4a9b-b1d3-7e8f9a0b1c2d',
  dev3: '7c1e9a04-3b52-4d1f-9e0a-5d2c8b7f6a13',
  staging1: '9d3f1b25-8e7a-4c6d-a5b4-3c2d1e0f9a8b',
};

/** An instant `minutes` ago. */
function minutesAgo(minutes: number): string {
  return fromNow(-minutes * 60_000);
}

/** A deployment of the cart service, succeeded, with its four stages. */
export function deployment(
  id: string,
  overrides: Partial<Deployment> = {},
): Deployment {
  const createdAt = overrides.createdAt ?? minutesAgo(60);
  const at = (seconds: number) =>
    new Date(Date.parse(createdAt) + seconds * 1000).toISOString();
  return {
    id,
    app: CART,
    environment: 'development',
    kind: 'deploy',
    status: 'succeeded',
    stages: [
      {
        name: 'provisioning',
        status: 'succeeded',
        startedAt: at(1),
        finishedAt: at(3),
        log: [{ at: at(2), level: 'info', message: 'cart.db is ready' }],
      },
      {
        name: 'rendering',
        status: 'succeeded',
        startedAt: at(3),
        finishedAt: at(4),
        log: [{ at: at(4), level: 'info', message: 'Rendered 6 manifests' }],
      },
      {
        name: 'delivering',
        status: 'succeeded',
        startedAt: at(4),
        finishedAt: at(10),
        log: [],
      },
      {
        name: 'verifying',
        status: 'succeeded',
        startedAt: at(10),
        finishedAt: at(40),
        log: [{ at: at(40), level: 'info', message: 'cart is ready (2/2)' }],
      },
    ],
    workloads: [{ name: 'cart', score: CART_SCORE }],
    requestedBy: 'user:default/alice',
    createdAt,
    startedAt: at(1),
    finishedAt: at(40),
    ...overrides,
  };
}

/**
 * The deployments of each environment, the newest first: development's
 * newest failed to verify after two that succeeded, staging runs a
 * promotion from development, production and preview are not deployed.
 */
export function cartDeployments(): Record<string, Deployment[]> {
  const failedAt = minutesAgo(10);
  const at = (seconds: number) =>
    new Date(Date.parse(failedAt) + seconds * 1000).toISOString();
  return {
    development: [
      deployment(DEPLOYMENT_IDS.dev3, {
        status: 'failed',
        requestedBy: 'user:default/bob',
        createdAt: failedAt,
        comment: 'Try the new checkout',
        workloads: [
          {
            name: 'cart',
            score: CART_SCORE,
            images: { api: 'registry.example.com/shop/cart-api:1.2.5' },
          },
        ],
        stages: [
          ...deployment('x', { createdAt: failedAt }).stages.slice(0, 3),
          {
            name: 'verifying',
            status: 'failed',
            startedAt: at(10),
            finishedAt: at(310),
            log: [
              { at: at(11), level: 'info', message: 'Waiting for cart (0/2)' },
              {
                at: at(200),
                level: 'warn',
                message: 'Container api restarted 4 times',
              },
              {
                at: at(310),
                level: 'error',
                message: 'cart did not become ready in 5 minutes',
              },
            ],
          },
        ],
        delivery: {
          kind: 'gitops',
          repository: 'https://git.example.com/platform/deployments.git',
          branch: 'main',
          path: 'apps/cartservice/development',
          commit: 'e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3',
          changed: true,
        },
        error:
          'Workload cart did not become ready within 5 minutes: its container api keeps restarting.',
        finishedAt: at(310),
      }),
      deployment(DEPLOYMENT_IDS.dev2, {
        createdAt: minutesAgo(24 * 60),
        workloads: [
          {
            name: 'cart',
            score: CART_SCORE,
            images: { api: 'registry.example.com/shop/cart-api:1.2.4' },
          },
        ],
      }),
      deployment(DEPLOYMENT_IDS.dev1, { createdAt: minutesAgo(3 * 24 * 60) }),
    ],
    staging: [
      deployment(DEPLOYMENT_IDS.staging1, {
        environment: 'staging',
        kind: 'promotion',
        source: { deployment: DEPLOYMENT_IDS.dev2, environment: 'development' },
        requestedBy: 'user:default/bob',
        createdAt: minutesAgo(120),
        workloads: [
          {
            name: 'cart',
            score: CART_SCORE,
            images: { api: 'registry.example.com/shop/cart-api:1.2.4' },
          },
        ],
        delivery: {
          kind: 'cluster',
          cluster: 'staging-eu',
          namespace: 'cartservice-staging',
          applied: ['Deployment/cart', 'Service/cart', 'Secret/cart-env'],
          pruned: ['ConfigMap/cart-old'],
        },
      }),
    ],
  };
}

/** A deployment as listed: no Score files, no stages. */
export function summaryOf(full: Deployment): DeploymentSummary {
  const { stages: _stages, workloads, ...rest } = full;
  return {
    ...rest,
    workloads: workloads.map(({ name, images }) =>
      images ? { name, images } : { name },
    ),
  };
}

/** What development's failed deployment changed. */
export const dev3Diff: DeploymentDiff = {
  deployment: DEPLOYMENT_IDS.dev3,
  previous: DEPLOYMENT_IDS.dev2,
  changes: [
    {
      kind: 'image',
      change: 'changed',
      workload: 'cart',
      key: 'api',
      from: 'registry.example.com/shop/cart-api:1.2.4',
      to: 'registry.example.com/shop/cart-api:1.2.5',
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
    listDeployments: jest.fn(async (_app, env, options) =>
      (cartDeployments()[env] ?? []).slice(0, options?.limit).map(summaryOf),
    ),
    getDeployment: jest.fn(async (_app, env, id) => {
      const found = cartDeployments()[env]?.find(d => d.id === id);
      if (!found) {
        throw await responseError(404, 'NotFoundError', `No deployment ${id}`);
      }
      return found;
    }),
    getDeploymentDiff: jest.fn(async (_app, _env, id) =>
      id === DEPLOYMENT_IDS.dev3 ? dev3Diff : { deployment: id, changes: [] },
    ),
    deploy: jest.fn(async (_app, env) =>
      deployment('0e1f2a3b-queued', {
        environment: env,
        status: 'queued',
        stages: [],
      }),
    ),
    rollbackDeployment: jest.fn(async (_app, env, id) =>
      deployment('0e1f2a3b-rollback', {
        environment: env,
        kind: 'rollback',
        source: { deployment: id, environment: env },
        status: 'queued',
        stages: [],
      }),
    ),
    promoteEnvironment: jest.fn(async (_app, env, { from }) =>
      deployment('0e1f2a3b-promotion', {
        environment: env,
        kind: 'promotion',
        source: { deployment: DEPLOYMENT_IDS.dev2, environment: from },
        status: 'queued',
        stages: [],
      }),
    ),
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
