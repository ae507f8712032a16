import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the actions are tested against the real orchestrator backend
import orchestratorPlugin from '@plinth/plugin-orchestrator-backend';
import orchestratorModulePostgresDriver from '@plinth/plugin-orchestrator-backend-module-postgres';
import {
  OrchestratorClient,
  OrchestratorService,
} from '@plinth/plugin-orchestrator-node';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP = 'component:default/cartservice';

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'cartservice',
      namespace: 'default',
      title: 'Cart Service',
    },
    spec: {
      type: 'service',
      owner: 'group:default/cart-team',
      lifecycle: 'production',
    },
  },
];

/** A Score file of one container, no resources. */
export function cartScore(image = 'ghcr.io/acme/cart:1.0.0'): string {
  return `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ${image}
    variables:
      GREETING: hello
service:
  ports:
    web:
      port: 8080
`;
}

/**
 * The real orchestrator backend (SQLite, the built-in drivers), delivering
 * deployments by GitOps to a bare repository of its own, with a permission
 * policy that denies the permissions named in `deny`, and a client of its
 * API as the actions use it.
 */
export async function startOrchestrator(
  options: { deny?: string[] } = {},
): Promise<{ orchestrator: OrchestratorService; repo: string }> {
  const repo = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-gitops-'));
  execFileSync('git', ['init', '--bare', '--initial-branch=main', repo]);
  const deny = new Set(options.deny ?? []);
  const decide = (name: string) =>
    deny.has(name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })) as any,
    authorizeConditional: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })) as any,
  });
  const { server } = await startTestBackend({
    features: [
      orchestratorPlugin,
      orchestratorModulePostgresDriver,
      permissions.factory,
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.rootConfig.factory({
        data: {
          plinth: {
            orchestrator: {
              // Databases on the machine's PostgreSQL, through its driver.
              drivers: {
                postgres: {
                  connection: { host: '127.0.0.1', user: 'postgres' },
                },
              },
              resourceDefinitions: [
                {
                  id: 'postgres-local',
                  type: 'postgres',
                  driver: 'postgres',
                  criteria: [{}],
                },
              ],
              secrets: {
                keys: [
                  { id: 'test', key: Buffer.alloc(32, 7).toString('base64') },
                ],
              },
              deployments: {
                workDir: await fs.mkdtemp(
                  path.join(os.tmpdir(), 'plinth-clones-'),
                ),
                verifyTimeout: { seconds: 10 },
                targets: [{ gitops: { repositoryUrl: repo } }],
              },
            },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${server.port()}/api/orchestrator`;
  const orchestrator = new OrchestratorClient({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
  });
  return { orchestrator, repo };
}

/** The subjects of the commits on the GitOps remote, the newest first. */
export function commitsOf(repo: string): string[] {
  return execFileSync('git', ['log', '--format=%s', 'main'], {
    cwd: repo,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .filter(Boolean);
}
