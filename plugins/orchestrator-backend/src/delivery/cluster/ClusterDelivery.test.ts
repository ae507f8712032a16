import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { parseScore } from '@plinth/plugin-orchestrator-common';
import {
  renderWorkloads,
  type DeploymentStrategy,
  type KubernetesObject,
} from '@plinth/plugin-orchestrator-node';
import {
  loadExchanges,
  ReplayServer,
  startReplayServer,
} from './__testUtils__/replayServer';
import { createClusterDelivery } from './ClusterDelivery';

const TOKEN = 'test-token';
const NAMESPACE = 'cart-staging';

/** The Score file the fixtures' objects were rendered from. */
const score = (ports: boolean) => `apiVersion: score.dev/v1b1
metadata:
  name: cart-service
${
  ports
    ? `service:
  ports:
    http:
      port: 80
      targetPort: 8080
`
    : ''
}containers:
  api:
    image: ghcr.io/orders/cart-service:1.4.2
    variables:
      PORT: '8080'
    files:
      - target: /etc/cart/service.yaml
        content: |
          currency: EUR
`;

function render(
  options: { ports?: boolean; strategy?: DeploymentStrategy } = {},
): KubernetesObject[] {
  const { workload, problems } = parseScore(
    score(options.ports ?? true),
    'score.yaml',
  );
  expect(problems).toEqual([]);
  const result = renderWorkloads({
    app: 'component:default/cartservice',
    environment: { id: 'staging', type: 'staging' },
    namespace: NAMESPACE,
    workloads: { 'cart-service': workload! },
    resources: {},
    ...(options.strategy
      ? { strategies: { 'cart-service': options.strategy } }
      : {}),
  });
  expect(result.problems).toEqual([]);
  return result.manifests;
}

const kubeConfig = (server: string) => `apiVersion: v1
kind: Config
clusters:
  - name: staging-eu
    cluster:
      server: ${server}
      insecure-skip-tls-verify: true
users:
  - name: plinth
    user:
      token: ${TOKEN}
contexts:
  - name: plinth@staging-eu
    context:
      cluster: staging-eu
      user: plinth
current-context: plinth@staging-eu
`;

let replay: ReplayServer | undefined;
let logger: ReturnType<typeof mockServices.logger.mock>;

async function cluster(
  fixtures: string[],
  options: { timeoutMs?: number } = {},
) {
  replay = await startReplayServer(loadExchanges(...fixtures), {
    token: TOKEN,
  });
  logger = mockServices.logger.mock();
  return createClusterDelivery({
    name: 'staging-eu',
    kubeConfig: kubeConfig(replay.url),
    logger,
    ...options,
  });
}

/** Everything the delivery logged, as text. */
function logged(): string {
  return [logger.debug, logger.info, logger.warn, logger.error]
    .flatMap(fn => (fn as jest.Mock).mock.calls)
    .map(args => JSON.stringify(args))
    .join('\n');
}

const request = (manifests: KubernetesObject[]) => ({
  app: 'component:default/cartservice',
  environment: 'staging',
  namespace: NAMESPACE,
  deploymentId: 'd-42',
  manifests,
});

afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

describe('createClusterDelivery', () => {
  it('applies a rendered set in order, ensuring the namespace first, and prunes nothing that is still rendered', async () => {
    const manifests = render();
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ConfigMap/cart-service',
      'Service/cart-service',
      'Deployment/cart-service',
    ]);
    const delivery = await cluster([
      'discovery-core-v1.json',
      'discovery-apps-v1.json',
      'discovery-networking-v1.json',
      'discovery-autoscaling-v2.json',
      'discovery-gateway-not-served.json',
      'discovery-argoproj-not-served.json',
      'apply-cart-service.json',
    ]);

    const result = await delivery.apply(request(manifests));

    expect(result).toEqual({
      applied: [
        'ConfigMap/cart-service',
        'Service/cart-service',
        'Deployment/cart-service',
      ],
      pruned: [],
    });
    const writes = replay!.seen.filter(r => r.method !== 'GET');
    expect(writes.map(r => `${r.method} ${r.path}`)).toEqual([
      'PATCH /api/v1/namespaces/cart-staging',
      'PATCH /api/v1/namespaces/cart-staging/configmaps/cart-service',
      'PATCH /api/v1/namespaces/cart-staging/services/cart-service',
      'PATCH /apis/apps/v1/namespaces/cart-staging/deployments/cart-service',
    ]);
    expect(writes.every(r => r.query.fieldManager === 'plinth')).toBe(true);
    expect(logger.info).toHaveBeenCalledWith(
      'Applied 3 objects of component:default/cartservice to staging (deployment d-42) on the cluster staging-eu, namespace cart-staging',
    );
    replay!.verify();
  });

  it('skips Rollouts and HTTPRoutes when the cluster does not serve them', async () => {
    const delivery = await cluster([
      'discovery-core-v1.json',
      'discovery-apps-v1.json',
      'discovery-networking-v1.json',
      'discovery-autoscaling-v2.json',
      'discovery-gateway-not-served.json',
      'discovery-argoproj-not-served.json',
      'apply-cart-service.json',
    ]);

    await expect(delivery.apply(request(render()))).resolves.toEqual(
      expect.objectContaining({ pruned: [] }),
    );

    const argo = replay!.seen.filter(r => r.path.includes('argoproj.io'));
    expect(argo.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /apis/argoproj.io/v1alpha1',
    ]);
    expect(logger.debug).toHaveBeenCalledWith(
      'The cluster staging-eu does not serve Rollout of argoproj.io/v1alpha1; none to prune',
    );
    const gateway = replay!.seen.filter(r =>
      r.path.includes('gateway.networking.k8s.io'),
    );
    expect(gateway.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /apis/gateway.networking.k8s.io/v1',
    ]);
    expect(logger.debug).toHaveBeenCalledWith(
      'The cluster staging-eu does not serve HTTPRoute of gateway.networking.k8s.io/v1; none to prune',
    );
    replay!.verify();
  });

  it('prunes a Service no longer rendered, and never asks for PersistentVolumeClaims', async () => {
    const manifests = render({ ports: false });
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ConfigMap/cart-service',
      'Deployment/cart-service',
    ]);
    const delivery = await cluster([
      'discovery-core-v1.json',
      'discovery-apps-v1.json',
      'discovery-networking-v1.json',
      'discovery-autoscaling-v2.json',
      'discovery-gateway-v1.json',
      'discovery-argoproj-v1alpha1.json',
      'prune-service.json',
    ]);

    const result = await delivery.apply(request(manifests));

    expect(result).toEqual({
      applied: ['ConfigMap/cart-service', 'Deployment/cart-service'],
      pruned: ['Service/cart-service'],
    });
    const deletes = replay!.seen.filter(r => r.method === 'DELETE');
    expect(deletes).toEqual([
      expect.objectContaining({
        path: '/api/v1/namespaces/cart-staging/services/cart-service',
        query: { propagationPolicy: 'Background' },
      }),
    ]);
    const lists = replay!.seen.filter(r => r.query.labelSelector);
    expect(lists.map(r => r.path.split('/').pop())).toEqual([
      'ingresses',
      'httproutes',
      'horizontalpodautoscalers',
      'rollouts',
      'deployments',
      'statefulsets',
      'services',
      'secrets',
      'configmaps',
    ]);
    expect(
      replay!.seen.filter(r => r.path.includes('persistentvolumeclaims')),
    ).toEqual([]);
    expect(lists[0].query.labelSelector).toBe(
      'app.kubernetes.io/managed-by=plinth,app.kubernetes.io/instance=staging,plinth.dev/app=component.default.cartservice-b6601617',
    );
    replay!.verify();
  });

  it('fails naming the object, the cluster and the field when the API server refuses an object, and prunes nothing', async () => {
    const delivery = await cluster([
      'discovery-core-v1.json',
      'discovery-apps-v1.json',
      'refused-selector.json',
    ]);

    const failure = delivery.apply(request(render()));

    await expect(failure).rejects.toBeInstanceOf(InputError);
    const error: Error = await failure.catch(e => e);
    expect(error.message).toMatch(
      /^The cluster staging-eu refused Deployment\/cart-service: spec\.selector: Invalid value: v1\.LabelSelector\{.*\}: field is immutable\. /,
    );
    expect(error.message).toContain(
      '2 objects before it were applied (ConfigMap/cart-service and Service/cart-service); nothing was pruned',
    );
    expect(error.message).not.toContain('"kind":"Status"');
    expect(replay!.seen.some(r => r.query.labelSelector)).toBe(false);
    replay!.verify();
  });

  it('fails applying a Rollout to a cluster that does not serve them', async () => {
    const manifests = render({
      strategy: { type: 'canary', steps: [{ weight: 50 }] },
    });
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ConfigMap/cart-service',
      'Service/cart-service',
      'Rollout/cart-service',
    ]);
    const exchanges = loadExchanges('apply-cart-service.json').slice(0, 3);
    replay = await startReplayServer(
      [
        ...loadExchanges(
          'discovery-core-v1.json',
          'discovery-argoproj-not-served.json',
        ),
        ...exchanges,
      ],
      { token: TOKEN },
    );
    logger = mockServices.logger.mock();
    const delivery = createClusterDelivery({
      name: 'staging-eu',
      kubeConfig: kubeConfig(replay.url),
      logger,
    });

    await expect(delivery.apply(request(manifests))).rejects.toThrow(
      'Could not apply Rollout/cart-service: the cluster staging-eu does not serve Rollout of argoproj.io/v1alpha1 (is its custom resource definition installed?). Of the delivery of component:default/cartservice to staging (deployment d-42) on the cluster staging-eu, namespace cart-staging, 2 objects before it were applied (ConfigMap/cart-service and Service/cart-service); nothing was pruned',
    );
    replay!.verify();
  });

  it('never shows the kubeconfig token in errors or logs', async () => {
    const delivery = await cluster([
      'discovery-core-v1.json',
      'discovery-apps-v1.json',
      'refused-selector.json',
    ]);
    const error: Error = await delivery.apply(request(render())).catch(e => e);

    expect(replay!.seen.every(r => r.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
    expect(`${error.message}\n${error.stack}`).not.toContain(TOKEN);
    expect(logged()).not.toContain(TOKEN);
    expect(() =>
      createClusterDelivery({
        name: 'x',
        kubeConfig: `users: [{ name: a, user: { token: ${TOKEN} } }\n: : :`,
        logger,
      }),
    ).toThrow(/^The kubeconfig of the cluster x is not a valid kubeconfig$/);
  });

  it('fails naming the cluster when it does not answer within the timeout', async () => {
    const [discovery] = loadExchanges('discovery-core-v1.json');
    replay = await startReplayServer([{ ...discovery, delayMs: 1_000 }], {
      token: TOKEN,
    });
    const delivery = createClusterDelivery({
      name: 'staging-eu',
      kubeConfig: kubeConfig(replay.url),
      logger: mockServices.logger.mock(),
      timeoutMs: 200,
    });

    await expect(delivery.apply(request(render()))).rejects.toThrow(
      /^The cluster staging-eu did not answer the request to apply Namespace\/cart-staging within 200 ms/,
    );
    replay.verify();
  });

  it('refuses objects without the renderer labels, which could not be pruned later', async () => {
    const delivery = await cluster([]);
    const [configMap] = render();
    const bare = { ...configMap, metadata: { name: 'loose' } };

    await expect(delivery.apply(request([configMap, bare]))).rejects.toThrow(
      /^ConfigMap\/loose does not carry the labels app\.kubernetes\.io\/managed-by=plinth/,
    );
    expect(replay!.seen).toEqual([]);
  });

  describe('waitReady', () => {
    const deployment = () =>
      render().filter(m => m.kind === 'Deployment' || m.kind === 'Service');

    it('resolves once the Deployment goes from 0 to 2 of 2 replicas available', async () => {
      const delivery = await cluster([
        'discovery-apps-v1.json',
        'wait-rolls-out.json',
      ]);

      await delivery.waitReady({
        namespace: NAMESPACE,
        manifests: deployment(),
        timeoutMs: 10_000,
        pollMs: 20,
      });

      expect(
        replay!.seen.filter(r => r.path.endsWith('/deployments/cart-service')),
      ).toHaveLength(3);
      replay!.verify();
    });

    it('times out naming each object not ready and what it reports', async () => {
      const delivery = await cluster([
        'discovery-apps-v1.json',
        'wait-stuck.json',
      ]);

      await expect(
        delivery.waitReady({
          namespace: NAMESPACE,
          manifests: deployment(),
          timeoutMs: 500,
          pollMs: 50,
        }),
      ).rejects.toThrow(
        'Deployment/cart-service has 1 of 2 replicas available after 0.5 s on the cluster staging-eu (namespace cart-staging)',
      );
      replay!.verify();
    });

    it('fails at once when the Deployment exceeded its progress deadline', async () => {
      const delivery = await cluster([
        'discovery-apps-v1.json',
        'wait-deadline-exceeded.json',
      ]);
      const started = Date.now();

      await expect(
        delivery.waitReady({
          namespace: NAMESPACE,
          manifests: deployment(),
          timeoutMs: 60_000,
          pollMs: 50,
        }),
      ).rejects.toThrow(
        'Deployment/cart-service exceeded its progress deadline (ReplicaSet "cart-service-6d5f7c9b8d" has timed out progressing.) on the cluster staging-eu (namespace cart-staging)',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      replay!.verify();
    });

    it('stops waiting when its signal aborts', async () => {
      const delivery = await cluster([
        'discovery-apps-v1.json',
        'wait-stuck-no-one-available.json',
      ]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();

      await expect(
        delivery.waitReady({
          namespace: NAMESPACE,
          manifests: deployment(),
          timeoutMs: 60_000,
          pollMs: 100,
          signal: controller.signal,
        }),
      ).rejects.toThrow(
        'Stopped waiting for Deployment/cart-service to be ready on the cluster staging-eu (namespace cart-staging): the wait was aborted',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      replay!.verify();
    });
  });
});
