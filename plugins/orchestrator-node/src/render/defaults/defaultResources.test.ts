import {
  parseScore,
  RESOURCE_TYPES,
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
      workloads: {
        api: workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main: { image: ghcr.io/acme/api:1 }
resources:
  search: { type: opensearch }
`),
      },
    });
    expect(problems).toEqual([
      {
        workload: 'api',
        key: 'resources.search',
        message: expect.stringContaining(
          'Workload "api", resources.search (opensearch): no built-in default for opensearch; give a resource definition',
        ),
      },
    ]);
  });

  describe('mssql, elasticsearch, kafka-topic and s3', () => {
    const api = workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main: { image: ghcr.io/acme/api:1 }
resources:
  sql: { type: mssql }
  search: { type: elasticsearch }
  orders: { type: kafka-topic }
  audit: { type: kafka-topic, params: { num_partitions: 6 } }
  images: { type: s3 }
  files: { type: s3, id: shared-files }
`);
    const web = workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: web }
containers:
  main: { image: ghcr.io/acme/web:1 }
resources:
  orders: { type: kafka-topic }
  images: { type: s3 }
`);
    const input = (seed: string): DefaultResourcesInput => ({
      ...base,
      seed,
      workloads: { api, web },
    });
    const secretsOf = (type: string) =>
      RESOURCE_TYPES.find(t => t.type === type)!.outputs.filter(o => o.secret);

    it('renders valid objects, with every output of each type', () => {
      const defaults = defaultResources(input('s'));
      expect(defaults.problems).toEqual([]);
      for (const manifest of defaults.manifests) {
        expect(validateObject(manifest)).toEqual([]);
      }
      const ids = defaults.manifests.map(m => `${m.kind}/${m.metadata.name}`);
      // One broker for every topic, and no Secret for it.
      expect(ids.filter(id => id.endsWith('/plinth-kafka'))).toEqual([
        'Service/plinth-kafka',
        'StatefulSet/plinth-kafka',
      ]);
      // mssql's database, the buckets, and a Job per topic.
      expect(ids.filter(id => id.startsWith('Job/'))).toHaveLength(7);

      const { api: a, web: w } = defaults.resources;
      for (const [type, resolved] of [
        ['mssql', a.sql],
        ['elasticsearch', a.search],
        ['kafka-topic', a.orders],
        ['kafka-topic', a.audit],
        ['s3', a.images],
        ['s3', a.files],
        ['kafka-topic', w.orders],
        ['s3', w.images],
      ] as const) {
        const declared = RESOURCE_TYPES.find(t => t.type === type)!.outputs;
        expect(Object.keys(resolved.outputs).sort()).toEqual(
          declared
            .filter(o => !o.secret)
            .map(o => o.name)
            .sort(),
        );
        expect(Object.keys(resolved.secrets).sort()).toEqual(
          secretsOf(type)
            .map(o => o.name)
            .sort(),
        );
      }

      const sql = ids.find(id => id.startsWith('StatefulSet/api-sql-'))!;
      const sqlName = sql.slice('StatefulSet/'.length);
      expect(a.sql.outputs).toEqual({
        server: `${sqlName}.development.svc`,
        port: '1433',
        database: 'sql',
        username: 'sa',
      });
      expect(a.sql.secrets.connection).toBe(
        `Server=${sqlName}.development.svc,1433;Database=sql;User Id=sa;Password=${a.sql.secrets.password};TrustServerCertificate=True`,
      );
      expect(a.search.outputs).toMatchObject({
        port: '9200',
        username: 'elastic',
      });
      expect(a.orders.outputs).toEqual({
        host: 'plinth-kafka.development.svc',
        port: '9092',
        name: expect.stringMatching(/^api-orders-/),
        num_partitions: '3',
      });
      expect(a.audit.outputs.num_partitions).toBe('6');
      // The topic is made with its partitions, not the broker's default.
      const auditJob = defaults.manifests.find(
        m => m.metadata.name === `${a.audit.outputs.name}-topic`,
      ) as any;
      expect(auditJob.kind).toBe('Job');
      expect(auditJob.spec.template.spec.containers[0].env).toEqual([
        { name: 'BOOTSTRAP', value: 'plinth-kafka.development.svc:9092' },
        { name: 'TOPIC', value: a.audit.outputs.name },
        { name: 'PARTITIONS', value: '6' },
      ]);
      // Workloads naming the same topic share one Job.
      expect(
        ids.filter(id => id === `Job/${w.orders.outputs.name}-topic`),
      ).toHaveLength(1);
      expect(a.images.outputs).toEqual({
        endpoint: expect.stringMatching(
          /^http:\/\/api-images-[0-9a-z]+\.development\.svc:9000$/,
        ),
        region: 'us-east-1',
        bucket: expect.stringMatching(/^api-images-/),
      });
      expect(a.files.outputs.bucket).toBe('shared-files');
      expect(a.images.secrets.access_key_id).toMatch(/^[0-9a-f]{20}$/);
      expect(a.images.secrets.secret_key).toMatch(/^[0-9a-f]{40}$/);

      const byId = (id: string) =>
        defaults.manifests.find(m => `${m.kind}/${m.metadata.name}` === id)!;
      const container = (id: string) =>
        (byId(id).spec as any).template.spec.containers[0];
      const sqlEnv = container(sql).env;
      expect(container(sql).image).toBe(
        'mcr.microsoft.com/mssql/server:2022-latest',
      );
      expect(sqlEnv).toEqual([
        { name: 'ACCEPT_EULA', value: 'Y' },
        {
          name: 'MSSQL_SA_PASSWORD',
          valueFrom: { secretKeyRef: { name: sqlName, key: 'password' } },
        },
      ]);
      expect(container(`Job/${sqlName}-database`).command[2]).toContain(
        'CREATE DATABASE [sql]',
      );
      const kafka = container('StatefulSet/plinth-kafka');
      expect(kafka.image).toBe('apache/kafka:3.8.0');
      expect(kafka.env).toEqual(
        expect.arrayContaining([
          { name: 'KAFKA_AUTO_CREATE_TOPICS_ENABLE', value: 'true' },
          { name: 'KAFKA_PROCESS_ROLES', value: 'broker,controller' },
          {
            name: 'KAFKA_ADVERTISED_LISTENERS',
            value: 'PLAINTEXT://plinth-kafka.development.svc:9092',
          },
        ]),
      );
      const bucketJob = byId('Job/shared-files-bucket');
      expect(container('Job/shared-files-bucket').image).toBe('minio/mc');
      expect(container('Job/shared-files-bucket').command[2]).toContain(
        'mc mb --ignore-existing minio/shared-files',
      );
      // The Job's pod is not one of the server's Service's.
      const service = byId('Service/shared-files');
      expect(
        (bucketJob.spec as any).template.metadata.labels,
      ).not.toMatchObject((service.spec as any).selector);
      expect(decoded(byId('Secret/shared-files'))).toEqual({
        username: a.files.secrets.access_key_id,
        password: a.files.secrets.secret_key,
      });

      // Secrets are only ever secret outputs, and only in Secrets.
      const yaml = toYaml(defaults.manifests);
      for (const secret of [
        a.sql.secrets.password,
        a.search.secrets.password,
        a.images.secrets.secret_key,
        a.images.secrets.access_key_id,
      ]) {
        expect(yaml).not.toContain(secret);
      }
    });

    it('gives each resource objects of its own, and the same passwords for the same seed', () => {
      const first = defaultResources(input('seed-a'));
      const again = defaultResources(input('seed-a'));
      const other = defaultResources(input('seed-b'));
      expect(toYaml(again.manifests)).toBe(toYaml(first.manifests));
      expect(again.resources).toEqual(first.resources);
      const { api: a, web: w } = first.resources;
      const o = other.resources.api;
      expect(o.sql.secrets.password).not.toBe(a.sql.secrets.password);
      expect(o.search.secrets.password).not.toBe(a.search.secrets.password);
      expect(o.images.secrets.secret_key).not.toBe(a.images.secrets.secret_key);
      const names = first.manifests.map(m => `${m.kind}/${m.metadata.name}`);
      expect(new Set(names).size).toBe(names.length);
      expect(a.images.outputs.bucket).not.toBe(w.images.outputs.bucket);
      expect(a.images.outputs.endpoint).not.toBe(w.images.outputs.endpoint);
      expect(a.images.secrets.secret_key).not.toBe(w.images.secrets.secret_key);
      expect(a.orders.outputs.name).not.toBe(w.orders.outputs.name);
      expect(a.orders.outputs.host).toBe(w.orders.outputs.host);
    });

    it('says what a topic or server default is missing', () => {
      const { problems } = defaultResources({
        ...base,
        workloads: {
          api: workloadOf(`apiVersion: score.dev/v1b1
metadata: { name: api }
containers:
  main: { image: ghcr.io/acme/api:1 }
resources:
  orders: { type: kafka-topic, params: { num_partitions: 0 } }
  images: { type: s3 }
`),
        },
      });
      expect(problems.map(p => p.message)).toEqual([
        expect.stringContaining(
          'resources.images (s3): a s3 default has a generated password, which needs a seed',
        ),
        'Workload "api", resources.orders (kafka-topic): params.num_partitions must be a whole number of at least 1, not 0.',
      ]);
    });
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
