import {
  parseScore,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderWorkloads } from '../renderWorkloads';
import { toYaml } from '../toYaml';
import type { KubernetesObject } from '../types';
import { validateObject } from '../validate';
import {
  defaultResources,
  type DefaultResourcesInput,
} from './defaultResources';

function example(name: string): ScoreWorkload {
  const path = resolve(
    __dirname,
    `../../../../../examples/score/${name}/score.yaml`,
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

const base = {
  app: 'component:default/cartservice',
  environment: { id: 'development', type: 'development' },
  namespace: 'development',
};

function cartInput(seed?: string): DefaultResourcesInput {
  return {
    ...base,
    workloads: { 'cart-service': example('cart-service') },
    ...(seed === undefined ? {} : { seed }),
  };
}

function render(seed: string) {
  const input = cartInput(seed);
  const defaults = defaultResources(input);
  const rendered = renderWorkloads({ ...input, resources: defaults.resources });
  return {
    defaults,
    rendered,
    manifests: [...defaults.manifests, ...rendered.manifests],
  };
}

function decoded(secret: KubernetesObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secret.data as Record<string, string>).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString('utf8'),
    ]),
  );
}

describe('defaultResources', () => {
  it('renders the cart service with an in-cluster postgres and redis', () => {
    const { defaults, rendered, manifests } = render('ci-seed');
    expect(defaults.problems).toEqual([]);
    expect(rendered.problems).toEqual([]);
    const ids = manifests.map(m => `${m.kind}/${m.metadata.name}`);
    const db = ids.find(id => id.startsWith('StatefulSet/cart-service-db-'));
    const cache = ids.find(id =>
      id.startsWith('StatefulSet/cart-service-cache-'),
    );
    expect(db).toBeDefined();
    expect(cache).toBeDefined();
    for (const kind of ['Secret', 'Service']) {
      expect(ids).toContain(db!.replace('StatefulSet', kind));
      expect(ids).toContain(cache!.replace('StatefulSet', kind));
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'Deployment/cart-service',
        'Service/cart-service',
        'Ingress/cart-service',
      ]),
    );
    for (const manifest of manifests) {
      expect(validateObject(manifest)).toEqual([]);
      expect(manifest.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'plinth',
        'app.kubernetes.io/instance': 'development',
        'plinth.dev/app': expect.stringMatching(
          /^component\.default\.cartservice/,
        ),
      });
    }

    const statefulSet = manifests.find(
      m => `${m.kind}/${m.metadata.name}` === db,
    )!;
    const container = (statefulSet.spec as any).template.spec.containers[0];
    expect(container.image).toBe('postgres:16-alpine');
    const dbName = statefulSet.metadata.name;
    expect(defaults.resources['cart-service'].db.outputs).toEqual({
      host: `${dbName}.development.svc`,
      port: '5432',
      name: 'db',
      database: 'db',
      username: 'db',
    });
    const password = defaults.resources['cart-service'].db.secrets.password;
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(defaults.resources['cart-service'].dns.outputs.host).toBe(
      'cart-service-dns-development.cartservice.localhost',
    );
    expect(defaults.resources['cart-service'].route.outputs).toEqual({
      host: 'cart-service-dns-development.cartservice.localhost',
      path: '/cart',
      port: '80',
    });

    // The password is in Secrets only, base64-encoded, never in clear.
    const yaml = toYaml(manifests);
    expect(yaml).not.toContain(password);
    const holders = manifests.filter(m =>
      JSON.stringify(m).includes(Buffer.from(password).toString('base64')),
    );
    expect(holders.map(m => m.kind)).toEqual(['Secret']);
    expect(
      manifests
        .filter(m => m.kind === 'Secret')
        .some(m => Object.values(decoded(m)).some(v => v.includes(password))),
    ).toBe(true);
    // The app's Deployment reads it from its Secret.
    const deployment = manifests.find(m => m.kind === 'Deployment')!;
    const env = (deployment.spec as any).template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'DATABASE_URL').valueFrom).toEqual({
      secretKeyRef: { name: 'cart-service', key: 'api.env.DATABASE_URL' },
    });
  });

  it('gives the same output for the same seed, another password for another', () => {
    const first = render('seed-a');
    expect(toYaml(render('seed-a').manifests)).toBe(toYaml(first.manifests));
    const other = render('seed-b');
    expect(
      other.defaults.resources['cart-service'].db.secrets.password,
    ).not.toBe(first.defaults.resources['cart-service'].db.secrets.password);
    expect(toYaml(other.manifests)).not.toBe(toYaml(first.manifests));
  });

  it('says a database default needs a seed', () => {
    const { problems, manifests, resources } = defaultResources(cartInput());
    expect(problems.map(p => p.key)).toEqual([
      'resources.cache',
      'resources.db',
    ]);
    expect(problems[1].message).toContain('needs a seed');
    expect(manifests).toEqual([]);
    expect(Object.keys(resources['cart-service']).sort()).toEqual([
      'dns',
      'route',
    ]);
  });

  it('names a resource without a built-in default', () => {
    const { problems } = defaultResources({
      ...base,
      seed: 'x',
      workloads: { 'products-service': example('products-service') },
    });
    expect(problems).toEqual([
      {
        workload: 'products-service',
        key: 'resources.images',
        message: expect.stringContaining(
          'Workload "products-service", resources.images (s3): no built-in default for s3; give a resource definition',
        ),
      },
    ]);
  });

  it('provisions shared resources once, and volumes, service ports and environments', () => {
    const api = workloadOf(`apiVersion: score.dev/v1b1
metadata:
  name: api
service:
  ports:
    http: { port: 8080 }
containers:
  main:
    image: ghcr.io/acme/api:1
    variables:
      DB_HOST: \${resources.db.host}
      WEB: http://\${resources.web.hostname}:\${resources.web.port}
    volumes:
      - source: \${resources.data}
        target: /data
resources:
  db: { type: mysql, id: shared-db }
  data: { type: volume }
  web: { type: service-port, params: { workload: web, port: 80 } }
  env: { type: environment }
`);
    const web = workloadOf(`apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: ghcr.io/acme/web:1
    variables:
      DB: \${resources.database.host}
resources:
  database: { type: mysql, id: shared-db }
`);
    const input = { ...base, seed: 's', workloads: { api, web } };
    const defaults = defaultResources(input);
    expect(defaults.problems).toEqual([]);
    expect(defaults.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual(
      ['Secret/shared-db', 'Service/shared-db', 'StatefulSet/shared-db'],
    );
    expect(decoded(defaults.manifests[0])).toEqual({
      password: defaults.resources.api.db.secrets.password,
      'root-password': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(defaults.resources.web.database).toEqual(defaults.resources.api.db);
    expect(defaults.resources.api.web.outputs).toEqual({
      hostname: 'web',
      port: '80',
    });
    expect(defaults.resources.api.env).toEqual({ outputs: {}, secrets: {} });
    expect(
      defaultResources({
        ...input,
        sharedValues: {
          values: { LOG_LEVEL: 'debug', TOKEN: 'shown?' },
          secrets: { TOKEN: 't0k3n' },
        },
      }).resources.api.env,
    ).toEqual({ outputs: { LOG_LEVEL: 'debug' }, secrets: { TOKEN: 't0k3n' } });
    const rendered = renderWorkloads({
      ...input,
      resources: defaults.resources,
    });
    expect(rendered.problems).toEqual([]);
    const claim = rendered.manifests.find(
      m => m.kind === 'PersistentVolumeClaim',
    )!;
    expect(claim.metadata.name).toBe(
      defaults.resources.api.data.outputs.source,
    );
    expect(validateObject(claim)).toEqual([]);
  });

  it('says what a route is missing', () => {
    const { problems } = defaultResources({
      ...base,
      workloads: {
        api: workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main: { image: ghcr.io/acme/api:1 }
resources:
  route: { type: route, params: { host: api.example.com } }
`),
      },
    });
    expect(problems.map(p => p.message)).toEqual([
      'Workload "api", resources.route (route): params.port is required: the port number, from 1 to 65535.',
    ]);
  });
});
