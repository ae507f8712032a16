import {
  parseScore,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderWorkloads } from './renderWorkloads';
import { toYaml } from './toYaml';
import type { KubernetesObject, RenderInput } from './types';

const PASSWORD = 'pg-Secret-9f2b7c';
const REDIS_PASSWORD = 'redis-Secret-41aa';

function cartService(): ScoreWorkload {
  const path = resolve(
    __dirname,
    '../../../../examples/score/cart-service/score.yaml',
  );
  const { workload, problems } = parseScore(
    readFileSync(path, 'utf8'),
    'score.yaml',
  );
  expect(problems).toEqual([]);
  return workload!;
}

function workloadOf(text: string): ScoreWorkload {
  const { workload, problems } = parseScore(text, 'score.yaml');
  expect(problems).toEqual([]);
  return workload!;
}

function cartInput(overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    app: 'component:default/cartservice',
    environment: { id: 'staging', type: 'staging' },
    namespace: 'cart-staging',
    workloads: { 'cart-service': cartService() },
    resources: {
      'cart-service': {
        db: {
          outputs: {
            host: 'pg.internal',
            port: '5432',
            name: 'cart',
            database: 'cart',
            username: 'cart_user',
          },
          secrets: { password: PASSWORD },
        },
        cache: {
          outputs: {
            host: 'redis.internal',
            port: '6379',
            username: 'cart',
            prefix: 'cart:',
          },
          secrets: { password: REDIS_PASSWORD },
        },
        dns: { outputs: { host: 'cart.staging.example.com' }, secrets: {} },
        route: {
          outputs: {
            host: 'cart.staging.example.com',
            path: '/cart',
            port: '80',
          },
          secrets: {},
        },
      },
    },
    ...overrides,
  };
}

function find(manifests: KubernetesObject[], kind: string, name: string): any {
  const found = manifests.find(
    m => m.kind === kind && m.metadata.name === name,
  );
  expect(found).toBeDefined();
  return found;
}

describe('renderWorkloads', () => {
  it('renders the Cart Service as a Deployment, Service, Secret, ConfigMap and Ingress', () => {
    const { manifests, problems } = renderWorkloads(cartInput());
    expect(problems).toEqual([]);
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ConfigMap/cart-service',
      'Secret/cart-service',
      'Service/cart-service',
      'Deployment/cart-service',
      'Ingress/cart-service',
    ]);

    const deployment = find(manifests, 'Deployment', 'cart-service');
    expect(deployment.metadata.namespace).toBe('cart-staging');
    expect(deployment.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'cart-service',
      'app.kubernetes.io/instance': 'staging',
      'app.kubernetes.io/managed-by': 'plinth',
    });
    expect(deployment.metadata.labels['plinth.dev/app']).toMatch(
      /^[A-Za-z0-9][-A-Za-z0-9_.]{0,61}[A-Za-z0-9]$/,
    );
    const [api] = deployment.spec.template.spec.containers;
    expect(api.image).toBe('ghcr.io/orders/cart-service:1.4.2');
    expect(api.env).toEqual([
      {
        name: 'DATABASE_URL',
        valueFrom: {
          secretKeyRef: { name: 'cart-service', key: 'api.env.DATABASE_URL' },
        },
      },
      { name: 'PORT', value: '8080' },
      { name: 'PUBLIC_URL', value: 'https://cart.staging.example.com/cart' },
      { name: 'REDIS_HOST', value: 'redis.internal' },
      { name: 'REDIS_KEY_PREFIX', value: 'cart:' },
      {
        name: 'REDIS_PASSWORD',
        valueFrom: {
          secretKeyRef: { name: 'cart-service', key: 'api.env.REDIS_PASSWORD' },
        },
      },
      { name: 'REDIS_PORT', value: '6379' },
      { name: 'REDIS_USERNAME', value: 'cart' },
    ]);
    expect(api.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 8080 },
    });
    expect(api.resources).toEqual({
      limits: { cpu: '1', memory: '512Mi' },
      requests: { cpu: '250m', memory: '256Mi' },
    });
    expect(api.volumeMounts).toEqual([
      {
        name: 'plinth-files',
        mountPath: '/etc/cart/service.yaml',
        subPath: 'api.files.0',
        readOnly: true,
      },
    ]);

    const secret = find(manifests, 'Secret', 'cart-service');
    expect(
      Buffer.from(secret.data['api.env.DATABASE_URL'], 'base64').toString(),
    ).toBe(`postgres://cart_user:${PASSWORD}@pg.internal:5432/cart`);

    const configMap = find(manifests, 'ConfigMap', 'cart-service');
    expect(configMap.data['api.files.0']).toBe(
      'service: cart-service\ncurrency: EUR\n',
    );
    expect(deployment.spec.template.spec.volumes).toEqual([
      {
        name: 'plinth-files',
        configMap: {
          name: 'cart-service',
          items: [{ key: 'api.files.0', path: 'api.files.0', mode: 0o644 }],
        },
      },
    ]);

    expect(find(manifests, 'Service', 'cart-service').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(find(manifests, 'Ingress', 'cart-service').spec).toEqual({
      rules: [
        {
          host: 'cart.staging.example.com',
          http: {
            paths: [
              {
                path: '/cart',
                pathType: 'Prefix',
                backend: {
                  service: { name: 'cart-service', port: { number: 80 } },
                },
              },
            ],
          },
        },
      ],
    });
  });

  it('sets the Ingress class that routing names', () => {
    const { manifests, problems } = renderWorkloads(
      cartInput({ routing: { kind: 'ingress', className: 'nginx-public' } }),
    );
    expect(problems).toEqual([]);
    const ingress = find(manifests, 'Ingress', 'cart-service');
    expect(ingress.spec.ingressClassName).toBe('nginx-public');
    expect(ingress.spec.rules).toHaveLength(1);
    expect(manifests.some(m => m.kind === 'HTTPRoute')).toBe(false);
  });

  it('writes secret values in the Secret only', () => {
    const { manifests } = renderWorkloads(cartInput());
    for (const manifest of manifests) {
      const text = JSON.stringify(manifest);
      if (manifest.kind === 'Secret') continue;
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(REDIS_PASSWORD);
      expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    }
    const yaml = toYaml(manifests.filter(m => m.kind !== 'Secret'));
    expect(yaml).not.toContain(PASSWORD);
  });

  it('renders a canary as an Argo Rollout with its steps', () => {
    const { manifests, problems } = renderWorkloads(
      cartInput({
        strategies: {
          'cart-service': {
            type: 'canary',
            steps: [{ weight: 20, pauseSeconds: 300 }, { weight: 50 }],
          },
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(manifests.some(m => m.kind === 'Deployment')).toBe(false);
    const rollout = find(manifests, 'Rollout', 'cart-service');
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(rollout.spec.strategy).toEqual({
      canary: {
        steps: [
          { setWeight: 20 },
          { pause: { duration: 300 } },
          { setWeight: 50 },
        ],
      },
    });
    expect(rollout.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/orders/cart-service:1.4.2',
    );
  });

  it('runs the pods asked for, or lets an autoscaler keep them within bounds', () => {
    const fixed = renderWorkloads(
      cartInput({ scaling: { 'cart-service': { replicas: 3 } } }),
    );
    expect(fixed.problems).toEqual([]);
    expect(
      find(fixed.manifests, 'Deployment', 'cart-service').spec.replicas,
    ).toBe(3);
    expect(
      fixed.manifests.some(m => m.kind === 'HorizontalPodAutoscaler'),
    ).toBe(false);

    const autoscaled = renderWorkloads(
      cartInput({
        strategies: {
          'cart-service': { type: 'canary', steps: [{ weight: 20 }] },
        },
        scaling: {
          'cart-service': {
            replicas: 3,
            autoscaling: {
              minReplicas: 2,
              maxReplicas: 10,
              targetCpuPercent: 70,
            },
          },
        },
      }),
    );
    expect(autoscaled.problems).toEqual([]);
    const rollout = find(autoscaled.manifests, 'Rollout', 'cart-service');
    // The autoscaler sets the count: the Rollout does not fight it.
    expect(rollout.spec.replicas).toBeUndefined();
    const hpa = find(
      autoscaled.manifests,
      'HorizontalPodAutoscaler',
      'cart-service',
    );
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        name: 'cart-service',
      },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    });
    // After its controller, as what uses an object comes after it.
    const kinds = autoscaled.manifests.map(m => m.kind);
    expect(kinds.indexOf('HorizontalPodAutoscaler')).toBeGreaterThan(
      kinds.indexOf('Rollout'),
    );
  });

  it('refuses bounds that cannot hold, naming the field', () => {
    const { manifests, problems } = renderWorkloads(
      cartInput({
        scaling: {
          'cart-service': { autoscaling: { minReplicas: 5, maxReplicas: 2 } },
        },
      }),
    );
    expect(manifests).toEqual([]);
    expect(problems.map(p => p.message)).toEqual([
      'Workload "cart-service", scaling.autoscaling: minReplicas (5) must not be more than maxReplicas (2).',
    ]);
    expect(
      renderWorkloads(
        cartInput({ scaling: { 'cart-service': { replicas: 1.5 } } }),
      ).problems.map(p => p.message),
    ).toEqual([
      'Workload "cart-service", scaling.replicas: must be a whole number from 0 to 1000, not 1.5.',
    ]);
  });

  it('refuses a canary weight that is no percentage, naming the step', () => {
    const { manifests, problems } = renderWorkloads(
      cartInput({
        strategies: {
          'cart-service': { type: 'canary', steps: [{ weight: 150 }] },
        },
      }),
    );
    expect(manifests).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        workload: 'cart-service',
        key: 'strategy.steps[0].weight',
        message:
          'Workload "cart-service", strategy.steps[0].weight: must be a whole percentage from 0 to 100, not 150.',
      }),
    ]);
  });

  it('renders blue-green with an active and a preview Service', () => {
    const { manifests, problems } = renderWorkloads(
      cartInput({
        strategies: {
          'cart-service': { type: 'blue-green', autoPromote: false },
        },
      }),
    );
    expect(problems).toEqual([]);
    const rollout = find(manifests, 'Rollout', 'cart-service');
    expect(rollout.spec.strategy).toEqual({
      blueGreen: {
        activeService: 'cart-service',
        previewService: 'cart-service-preview',
        autoPromotionEnabled: false,
      },
    });
    const active = find(manifests, 'Service', 'cart-service');
    const preview = find(manifests, 'Service', 'cart-service-preview');
    expect(preview.spec.ports).toEqual(active.spec.ports);
    expect(preview.spec.selector).toEqual(active.spec.selector);
  });

  it('renders a volume as a PersistentVolumeClaim and a mount', () => {
    const workload = workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: uploads }
containers:
  web:
    image: nginx:1.27
    volumes:
      - source: \${resources.data}
        target: /data
        path: uploads
        readOnly: true
resources:
  data:
    type: volume
    params: { size: 5Gi }
`);
    const { manifests, problems } = renderWorkloads({
      app: 'component:default/uploads',
      environment: { id: 'dev', type: 'development' },
      namespace: 'uploads-dev',
      workloads: { uploads: workload },
      resources: {
        uploads: {
          data: {
            outputs: { source: 'uploads-data-3f9a0c1b2d4e' },
            secrets: {},
          },
        },
      },
    });
    expect(problems).toEqual([]);
    const claim = find(
      manifests,
      'PersistentVolumeClaim',
      'uploads-data-3f9a0c1b2d4e',
    );
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '5Gi' } },
    });
    const pod = find(manifests, 'Deployment', 'uploads').spec.template.spec;
    expect(pod.volumes).toEqual([
      {
        name: 'uploads-data-3f9a0c1b2d4e',
        persistentVolumeClaim: { claimName: 'uploads-data-3f9a0c1b2d4e' },
      },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      {
        name: 'uploads-data-3f9a0c1b2d4e',
        mountPath: '/data',
        subPath: 'uploads',
        readOnly: true,
      },
    ]);
  });

  it('puts a file whose content uses a secret in the Secret, with its mode', () => {
    const workload = workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: worker }
containers:
  main:
    image: busybox
    files:
      - target: /run/secrets/db
        mode: '0600'
        content: 'password=\${resources.db.password}'
      - target: /etc/raw
        noExpand: true
        content: 'literal \${resources.db.password}'
resources:
  db: { type: postgres }
`);
    const { manifests, problems } = renderWorkloads({
      app: 'component:default/worker',
      environment: { id: 'prod', type: 'production' },
      namespace: 'worker',
      workloads: { worker: workload },
      resources: {
        worker: { db: { outputs: {}, secrets: { password: PASSWORD } } },
      },
    });
    expect(problems).toEqual([]);
    const secret = find(manifests, 'Secret', 'worker');
    expect(Buffer.from(secret.data['main.files.0'], 'base64').toString()).toBe(
      `password=${PASSWORD}`,
    );
    expect(find(manifests, 'ConfigMap', 'worker').data).toEqual({
      'main.files.1': 'literal ${resources.db.password}',
    });
    const pod = find(manifests, 'Deployment', 'worker').spec.template.spec;
    expect(pod.volumes).toContainEqual({
      name: 'plinth-secret-files',
      secret: {
        secretName: 'worker',
        items: [{ key: 'main.files.0', path: 'main.files.0', mode: 0o600 }],
      },
    });
    expect(JSON.stringify(pod)).not.toContain(PASSWORD);
  });

  it('names the object and field of an invalid image override', () => {
    const { manifests, problems } = renderWorkloads(
      cartInput({ images: { 'cart-service': { api: '' } } }),
    );
    expect(manifests).toEqual([]);
    expect(problems).toEqual([
      {
        workload: 'cart-service',
        object: 'Deployment/cart-service',
        field: 'spec.template.spec.containers[0].image',
        message:
          'Deployment/cart-service is not valid: spec.template.spec.containers[0].image must be an image name such as ghcr.io/org/app:1.2.3, not "".',
      },
    ]);
  });

  it('runs the image chosen at deploy time', () => {
    const { manifests } = renderWorkloads(
      cartInput({
        images: {
          'cart-service': { api: 'ghcr.io/orders/cart-service:1.5.0' },
        },
      }),
    );
    expect(
      find(manifests, 'Deployment', 'cart-service').spec.template.spec
        .containers[0].image,
    ).toBe('ghcr.io/orders/cart-service:1.5.0');
  });

  it('names the object and field the Kubernetes schema refuses', () => {
    const { problems } = renderWorkloads(
      cartInput({ images: { 'cart-service': { api: 42 as any } } }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        object: 'Deployment/cart-service',
        field: 'spec.template.spec.containers[0].image',
        message:
          'Deployment/cart-service is not valid: spec.template.spec.containers[0].image must be string.',
      }),
    );
  });

  it('names the workload and key of a placeholder it cannot resolve', () => {
    const input = cartInput();
    delete input.resources['cart-service'].db.secrets.password;
    const { manifests, problems } = renderWorkloads(input);
    expect(manifests).toEqual([]);
    expect(problems).toEqual([
      {
        workload: 'cart-service',
        key: 'containers.api.variables.DATABASE_URL',
        message:
          'Workload "cart-service", containers.api.variables.DATABASE_URL: ${resources.db.password}: resource "db" has no output "password"; its outputs are: database, host, name, port, username.',
      },
    ]);
  });

  it('says when a resource has not been provisioned', () => {
    const input = cartInput();
    delete input.resources['cart-service'].cache;
    const { problems } = renderWorkloads(input);
    expect(problems.map(p => p.key)).toEqual([
      'containers.api.variables.REDIS_HOST',
      'containers.api.variables.REDIS_KEY_PREFIX',
      'containers.api.variables.REDIS_PASSWORD',
      'containers.api.variables.REDIS_PORT',
      'containers.api.variables.REDIS_USERNAME',
    ]);
    expect(problems[0].message).toBe(
      'Workload "cart-service", containers.api.variables.REDIS_HOST: ${resources.cache.host}: resource "cache" has not been provisioned, so it has no outputs.',
    );
  });

  it('asks for an image when the Score file builds one (".")', () => {
    const input = cartInput();
    input.workloads['cart-service'].containers.api.image = '.';
    expect(renderWorkloads(input).problems).toEqual([
      {
        workload: 'cart-service',
        key: 'containers.api.image',
        message:
          'Workload "cart-service", containers.api.image: is "." (an image built at deploy time), but no image was chosen for it.',
      },
    ]);
    input.images = { 'cart-service': { web: 'nginx' } };
    expect(renderWorkloads(input).problems.map(p => p.key)).toEqual([
      'containers.web',
      'containers.api.image',
    ]);
  });

  it('says when a route goes to a port the service does not expose', () => {
    const input = cartInput();
    input.resources['cart-service'].route.outputs.port = '8443';
    const { manifests, problems } = renderWorkloads(input);
    expect(manifests).toEqual([]);
    expect(problems).toEqual([
      {
        workload: 'cart-service',
        key: 'resources.route.params.port',
        message:
          'Workload "cart-service", resources.route.params.port: the route goes to port 8443, which the workload\'s service does not expose; its ports are: 80.',
      },
    ]);
  });

  it('labels an app whose ref is no label value with a readable, hashed form', () => {
    const long = `component:default/${'a'.repeat(80)}`;
    const labelOf = (app: string) =>
      renderWorkloads(cartInput({ app })).manifests[0].metadata.labels![
        'plinth.dev/app'
      ];
    const label = labelOf(long);
    expect(label).toMatch(/^component\.default\.a+-[0-9a-f]{8}$/);
    expect(label.length).toBeLessThanOrEqual(63);
    expect(labelOf(`${long}b`)).not.toBe(label);
    expect(labelOf('cartservice')).toBe('cartservice');
  });

  it('gives the same output for the same input, whatever the order of keys', () => {
    const first = toYaml(renderWorkloads(cartInput()).manifests);
    const reordered = cartInput();
    const api = reordered.workloads['cart-service'].containers.api;
    api.variables = Object.fromEntries(
      Object.entries(api.variables!).reverse(),
    );
    expect(toYaml(renderWorkloads(reordered).manifests)).toBe(first);
    expect(toYaml(renderWorkloads(cartInput()).manifests)).toBe(first);
  });
});

describe('toYaml', () => {
  it('writes one YAML document per object', () => {
    const { manifests } = renderWorkloads(cartInput());
    const docs = parseAllDocuments(toYaml(manifests));
    expect(Array.isArray(docs) && docs.map(d => d.toJS())).toEqual(manifests);
  });
});
