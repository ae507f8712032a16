import { createMockDirectory } from '@backstage/backend-test-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseScore } from '@plinth/plugin-orchestrator-common';
import { renderWorkloads } from '@plinth/plugin-orchestrator-node';
import { createProgram } from '../program';
import { scoreRenderCommand } from './score';
import { resolveWithDefinitions } from './scoreDefinitions';

/** An API with a Kafka topic, a database and a route. */
const api = `apiVersion: score.dev/v1b1
metadata:
  name: api
service:
  ports:
    http: { port: 80, targetPort: 8080 }
containers:
  main:
    image: ghcr.io/acme/api:1
    variables:
      KAFKA: \${resources.topic.host}:\${resources.topic.port}
      TOPIC: \${resources.topic.name}
      DB_HOST: \${resources.db.host}
resources:
  topic:
    type: kafka-topic
    params:
      topic: orders
      partitions: 6
  db:
    type: postgres
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      port: 80
`;

const topic = {
  id: 'orders-topic',
  type: 'kafka-topic',
  driver: 'template',
  driverInputs: {
    values: {
      outputs: {
        host: 'kafka.internal',
        port: '9092',
        name: '${app.name}-${environment.id}-${params.topic}',
        num_partitions: '${params.partitions}',
      },
    },
  },
  criteria: [{}],
};
const postgres = {
  id: 'postgres-shared',
  type: 'postgres',
  driver: 'postgres',
  criteria: [{}],
};
const dns = {
  id: 'dns-staging',
  type: 'dns',
  driver: 'template',
  driverInputs: {
    values: { outputs: { host: '${app.name}.${environment.id}.example.com' } },
  },
  criteria: [{ envType: 'staging' }],
};

function readObject(dir: string, file: string) {
  return parseYaml(readFileSync(join(dir, file), 'utf8'));
}

describe('plinth score render --definitions', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it("renders a template definition's outputs into the Deployment", async () => {
    dir.setContent({
      'api/score.yaml': api,
      'defs.yaml': JSON.stringify({ resourceDefinitions: [topic, dns] }),
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      env: 'stage-eu',
      envType: 'staging',
      app: 'component:default/orders',
      definitions: ['defs.yaml'],
      cwd: dir.path,
    });
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.stderr).toBeUndefined();
    const out = join(dir.path, 'out');
    const env = Object.fromEntries(
      readObject(
        out,
        'deployment-api.yaml',
      ).spec.template.spec.containers[0].env.map(
        (e: { name: string; value?: string; valueFrom?: unknown }) => [
          e.name,
          e.value ?? e.valueFrom,
        ],
      ),
    );
    expect(env.KAFKA).toBe('kafka.internal:9092');
    expect(env.TOPIC).toBe('orders-stage-eu-orders');
    // The default route reads the template dns resource's host.
    expect(readObject(out, 'ingress-api.yaml').spec.rules[0].host).toBe(
      'orders.stage-eu.example.com',
    );
    // The database, with no definition, is the in-cluster default.
    expect(readdirSync(out)).toContainEqual(
      expect.stringMatching(/^statefulset-api-db-/),
    );
  });

  it('falls back to the default, with a warning, for a definition whose driver cannot run offline', async () => {
    dir.setContent({
      'api/score.yaml': api,
      'defs.yaml': JSON.stringify([topic, postgres]),
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      definitions: ['defs.yaml'],
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      'warning: Workload "api", resources.db (postgres): resource definition "postgres-shared" uses driver "postgres", which cannot run offline (only template definitions can); rendered with the built-in default instead.\n',
    );
    expect(readdirSync(join(dir.path, 'out'))).toContainEqual(
      expect.stringMatching(/^statefulset-api-db-/),
    );
  });

  it('warns for a definition that cannot run offline, and exits 1 for two definitions that tie', async () => {
    dir.setContent({
      'api/score.yaml': api,
      'kafka.yaml': JSON.stringify([
        { ...topic, driver: 'kafka' },
        postgres,
        { ...postgres, id: 'postgres-other' },
      ]),
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      definitions: ['kafka.yaml'],
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    // kafka-topic has a built-in default: a warning, not a problem.
    expect(result.stderr).toContain(
      'resource definition "orders-topic" uses driver "kafka", which cannot run offline (only template definitions can); rendered with the built-in default instead.',
    );
    expect(result.stdout).toContain(
      'Workload "api", resources.db (postgres): Resource definitions "postgres-shared" and "postgres-other" apply equally',
    );
    expect(result.stdout).toContain('1 problem(s); nothing was written');
    expect(() => readdirSync(join(dir.path, 'out'))).toThrow();
  });

  it("exits 1 naming the template that cannot be rendered, never a secret's value", async () => {
    const broken = {
      ...topic,
      driverInputs: {
        values: { outputs: { name: '${params.topics}' } },
        secretRefs: {},
      },
    };
    dir.setContent({
      'api/score.yaml': api,
      'defs.yaml': JSON.stringify([broken]),
    });
    const result = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      definitions: ['defs.yaml'],
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'Workload "api", resources.topic (kafka-topic): resource definition "orders-topic" (template): Resource "api/development/api.topic/component:default/api": outputs.name uses ${params.topics}, which names no param of this resource; its params are: topic, partitions.',
    );

    dir.setContent({
      'api/score.yaml': api,
      'defs.yaml': JSON.stringify([
        { ...topic, driverInputs: { secretRefs: { password: 'kafka-pw' } } },
      ]),
    });
    const secret = await scoreRenderCommand(['api'], {
      out: 'out',
      seed: 'ci',
      definitions: ['defs.yaml'],
      cwd: dir.path,
    });
    expect(secret.exitCode).toBe(1);
    expect(secret.stdout).toContain(
      'reads platform secrets (secretRefs: password), which cannot be read offline',
    );
  });

  it('exits 2 naming the file and the field of a definition that is not valid', async () => {
    dir.setContent({
      'api/score.yaml': api,
      'defs/kafka.yaml': JSON.stringify([topic]),
      'defs/bad.yaml': `resourceDefinitions:
  - id: postgres
    type: postgres
    driver: Postgres
    criteria: [{}]
`,
      'notalist.yaml': 'resourceDefinitions: {}\n',
      'twice.yaml': JSON.stringify([topic]),
    });
    const render = (definitions: string[]) =>
      scoreRenderCommand(['api'], {
        out: 'out',
        seed: 'ci',
        definitions,
        cwd: dir.path,
      });
    await expect(render(['defs'])).resolves.toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'Resource definition defs/bad.yaml [0].driver: must be a driver id such as postgres\n',
    });
    await expect(render(['notalist.yaml'])).resolves.toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'Resource definition file notalist.yaml: must hold a list of definitions, or a map with resourceDefinitions: [...]\n',
    });
    await expect(render(['defs/kafka.yaml', 'twice.yaml'])).resolves.toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'Resource definition "orders-topic" is defined twice: in defs/kafka.yaml [0] and twice.yaml [0]\n',
    });
    await expect(render(['nowhere'])).resolves.toMatchObject({
      exitCode: 2,
      stderr: 'No such file or folder: nowhere\n',
    });
    expect(() => readdirSync(join(dir.path, 'out'))).toThrow();
  });

  it("reads a folder's YAML and JSON files, and --definitions given twice (bin/plinth)", async () => {
    dir.setContent({
      'api/score.yaml': api,
      'defs/topic.json': JSON.stringify([topic]),
      'defs/postgres.yml': `- id: postgres-shared
  type: postgres
  driver: postgres
  criteria: [{}]
`,
      'defs/README.md': '# not a definition',
      'more/dns.yaml': JSON.stringify([{ ...dns, criteria: [{}] }]),
    });
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true);
    const writeErr = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const cwd = process.cwd();
    try {
      process.chdir(dir.path);
      await createProgram().parseAsync([
        'node',
        'plinth',
        'score',
        'render',
        'api',
        '--out',
        'out',
        '--seed',
        'ci',
        '--definitions',
        'defs',
        '--definitions',
        'more/dns.yaml',
      ]);
      expect(process.exitCode).toBe(0);
      expect(writeErr).toHaveBeenCalledWith(
        expect.stringContaining('definition "postgres-shared" uses driver'),
      );
    } finally {
      process.chdir(cwd);
      process.exitCode = undefined;
      write.mockRestore();
      writeErr.mockRestore();
    }
    const out = join(dir.path, 'out');
    expect(readObject(out, 'ingress-api.yaml').spec.rules[0].host).toBe(
      'api.development.example.com',
    );
    expect(
      readObject(out, 'deployment-api.yaml').spec.template.spec.containers[0]
        .env,
    ).toContainEqual({ name: 'TOPIC', value: 'api-development-orders' });
  });

  it('renders the example app with its definitions, warning of those that cannot run offline', async () => {
    const repo = resolve(__dirname, '../../../..');
    const out = join(dir.path, 'out');
    const result = await scoreRenderCommand(['examples/score/cart-service'], {
      out,
      seed: 'ci',
      definitions: ['examples/orchestrator/resource-definitions.yaml'],
      cwd: repo,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      'resource definition "postgres-local" uses driver "postgres", which cannot run offline',
    );
  });
});

describe('resolveWithDefinitions', () => {
  it("gives a template's secrets, and what reads a dependency's secret, to the workload's Secret", () => {
    const { workload } = parseScore(
      `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: ghcr.io/acme/api:1
    variables:
      API_URL: \${resources.partner.url}
      API_TOKEN: \${resources.partner.token}
      AUTH: \${resources.auth.header}
resources:
  partner:
    type: partner-api
  auth:
    type: partner-auth
    params:
      token: \${resources.partner.token}
`,
      'score.yaml',
    );
    const target = {
      app: 'component:default/api',
      environment: { id: 'development', type: 'development' },
    };
    // The template driver's secrets input, as the orchestrator's API could
    // give it; the definition schema refuses a value named like a secret.
    const definitions = [
      {
        id: 'partner',
        type: 'partner-api',
        driver: 'template',
        driverInputs: {
          values: {
            outputs: { url: 'https://partner.example/${app.name}' },
            secrets: { token: 'tok-${environment.id}' },
          },
        },
        criteria: [{}],
      },
      {
        id: 'partner-auth',
        type: 'partner-auth',
        driver: 'template',
        driverInputs: {
          values: { secrets: { header: 'Bearer ${params.token}' } },
        },
        criteria: [{}],
      },
    ];
    const workloads = { api: workload! };
    const resolved = resolveWithDefinitions(workloads, definitions, target);
    expect(resolved.problems).toEqual([]);
    expect(resolved.warnings).toEqual([]);
    expect(resolved.workloads.api.resources).toEqual({});
    expect(resolved.resources.api).toEqual({
      partner: {
        outputs: { url: 'https://partner.example/api' },
        secrets: { token: 'tok-development' },
      },
      auth: { outputs: {}, secrets: { header: 'Bearer tok-development' } },
    });

    const rendered = renderWorkloads({
      ...target,
      namespace: 'development',
      workloads,
      resources: resolved.resources,
    });
    expect(rendered.problems).toEqual([]);
    const secret = rendered.manifests.find(o => o.kind === 'Secret')!;
    expect(
      Object.fromEntries(
        Object.entries(secret.data as Record<string, string>).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64').toString(),
        ]),
      ),
    ).toEqual({
      'main.env.API_TOKEN': 'tok-development',
      'main.env.AUTH': 'Bearer tok-development',
    });
    const deployment = rendered.manifests.find(o => o.kind === 'Deployment')!;
    expect(JSON.stringify(deployment)).not.toContain('tok-development');
  });
});
