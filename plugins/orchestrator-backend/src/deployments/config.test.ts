import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { readDeploymentsConfig } from './config';
import type { EnvironmentRow } from '../database/OrchestratorStore';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: prod-eu
    cluster: { server: 'https://127.0.0.1:6443', insecure-skip-tls-verify: true }
users:
  - name: plinth
    user: { token: not-a-real-token }
contexts:
  - name: prod-eu
    context: { cluster: prod-eu, user: plinth }
current-context: prod-eu
`;

const read = (deployments: object) =>
  readDeploymentsConfig(
    new ConfigReader({ plinth: { orchestrator: { deployments } } }),
    mockServices.logger.mock(),
  );

const env = (id: string, type: string) =>
  ({ app: 'component:default/CartService', id, type } as EnvironmentRow);

describe('readDeploymentsConfig', () => {
  it('picks the first target serving the environment type, GitOps or a cluster', () => {
    const config = read({
      targets: [
        {
          environmentTypes: ['production'],
          cluster: { name: 'prod-eu', kubeConfig: KUBECONFIG },
        },
        {
          gitops: {
            repositoryUrl: 'https://user:token@git.example.com/deploy.git',
          },
        },
      ],
    });
    expect(config.targetOf(env('production', 'production'))?.description).toBe(
      'cluster prod-eu',
    );
    expect(config.targetOf(env('dev', 'development'))?.description).toBe(
      'GitOps repository https://git.example.com/deploy.git (branch main)',
    );
    expect(config.namespaceOf(env('dev', 'development'))).toBe(
      'cartservice-dev',
    );
    expect([...config.defaultsFor]).toEqual(['development', 'ephemeral']);
    expect(config.verifyTimeoutMs).toBe(300_000);
  });

  it('renders routes as Ingresses unless routing names a Gateway', () => {
    expect(read({}).routing).toEqual({ kind: 'ingress' });
    expect(read({ routing: { ingressClassName: 'nginx' } }).routing).toEqual({
      kind: 'ingress',
      className: 'nginx',
    });
    expect(
      read({
        routing: {
          gateway: {
            name: 'public',
            namespace: 'gateways',
            sectionName: 'https',
          },
        },
      }).routing,
    ).toEqual({
      kind: 'httproute',
      gateway: { name: 'public', namespace: 'gateways', sectionName: 'https' },
    });
    expect(read({ routing: { gateway: { name: 'public' } } }).routing).toEqual({
      kind: 'httproute',
      gateway: { name: 'public' },
    });
  });

  it('fails the start naming the routing key that is wrong', () => {
    expect(() =>
      read({
        routing: { ingressClassName: 'nginx', gateway: { name: 'public' } },
      }),
    ).toThrow(
      'plinth.orchestrator.deployments.routing needs one of ingressClassName (routes render as Ingresses) or gateway (routes render as HTTPRoutes), not both',
    );
    expect(() =>
      read({
        routing: { gateway: { name: 'public', namespace: 'Gateways_EU' } },
      }),
    ).toThrow(
      'plinth.orchestrator.deployments.routing.gateway.namespace must be a DNS label (lowercase letters, digits and "-"); it is "Gateways_EU"',
    );
    expect(() =>
      read({ routing: { gateway: { namespace: 'gateways' } } }),
    ).toThrow(
      "Missing required config value at 'plinth.orchestrator.deployments.routing.gateway.name'",
    );
    expect(() =>
      read({ routing: { ingressClassName: 'Nginx Public' } }),
    ).toThrow(
      'plinth.orchestrator.deployments.routing.ingressClassName must be',
    );
  });

  it('resolves a repository given as a relative path against the working directory', () => {
    const config = read({
      targets: [{ gitops: { repositoryUrl: '../deploy.git' } }],
    });
    expect(config.targetOf(env('dev', 'development'))?.description).toBe(
      `GitOps repository ${path.resolve('../deploy.git')} (branch main)`,
    );
  });

  it('has no target for a type no target serves', () => {
    const config = read({
      targets: [
        {
          environmentTypes: ['staging'],
          gitops: { repositoryUrl: '/srv/git/deploy.git' },
        },
      ],
    });
    expect(config.targetOf(env('dev', 'development'))).toBeUndefined();
  });

  it('refuses a target with neither or both kinds, and a namespace template environments would share', () => {
    expect(() =>
      read({ targets: [{ environmentTypes: ['staging'] }] }),
    ).toThrow(
      'plinth.orchestrator.deployments.targets[0] needs one of gitops (a repository to commit to) or cluster (a kubeconfig to apply with)',
    );
    expect(() =>
      read({
        targets: [
          { cluster: { name: 'x', kubeConfigFile: '/nonexistent/kubeconfig' } },
        ],
      }),
    ).toThrow(
      'plinth.orchestrator.deployments.targets[0].cluster.kubeConfigFile /nonexistent/kubeconfig cannot be read: ENOENT',
    );
    expect(() => read({ namespace: '{app}' })).toThrow(
      'plinth.orchestrator.deployments.namespace must hold {environment}',
    );
  });
});
